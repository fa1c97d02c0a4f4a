package org.courtyard.hub.help;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Told of a change inside the transaction that makes it, so what it stores commits or rolls
 * back together with the change (the webhook queue).
 */
@FunctionalInterface
public interface HelpOutbox {

    void record(Connection connection, HelpChange change) throws SQLException;
}
