package org.courtyard.hub.store;

/** A database failure the caller cannot fix by changing its input; the cause is the SQL error. */
public class DatabaseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
