package org.courtyard.hub.kiosk;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Told of a fleet change inside the transaction that records it, so what it stores (the webhook
 * queue) commits or rolls back with it.
 */
@FunctionalInterface
public interface FleetOutbox {

    void record(Connection connection, FleetChange change) throws SQLException;
}
