package org.courtyard.kiosk.core;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work on the kiosk's database connection, run by the store inside one transaction (or one read)
 * under its lock. The connection is the store's: the work must not keep it or use it after it
 * returns.
 */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
