package org.courtyard.protocol;

/**
 * A JSON document that does not follow the protocol: malformed, too large, of the wrong shape, or
 * with a missing or invalid field. The message names the offending JSON path and is safe to return
 * to the client that sent the document.
 */
public class ProtocolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String path;

    public ProtocolException(String path, String message, Throwable cause) {
        super(path == null || path.isEmpty() ? message : path + ": " + message, cause);
        this.path = path == null ? "" : path;
    }

    /** The JSON path of the offending value, like {@code events[0].payload.source}; empty for the whole document. */
    public String path() {
        return path;
    }
}
