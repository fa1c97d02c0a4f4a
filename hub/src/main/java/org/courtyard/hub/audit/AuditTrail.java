package org.courtyard.hub.audit;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Records the actions of one {@link Actor} inside the caller's write transaction: call it on the
 * connection of {@link org.courtyard.hub.store.Database#write} right where the change is made, so
 * row and change commit or roll back together. Get one from {@link AuditLog#by}.
 */
@FunctionalInterface
public interface AuditTrail {

    /**
     * @param action what was done, dotted lower-case words such as {@code kiosk.create}
     * @param target what it was done to (an id or a username), or null
     * @param detail a short description (no passwords or tokens), or null
     * @throws IllegalArgumentException if {@code action} is not dotted lower-case words
     */
    void record(Connection connection, String action, String target, String detail) throws SQLException;
}
