package org.courtyard.protocol;

/**
 * A JSON document that does not follow the protocol: malformed, too large, of the wrong shape, or
 * with a missing or invalid field. The message names the offending JSON path and is safe to return
 * to the client that sent the document.
 */
public class ProtocolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String path;
    private final boolean malformed;

    public ProtocolException(String path, String message, Throwable cause) {
        this(path, message, cause, false);
    }

    /** @param malformed the document is not JSON at all (broken syntax, empty, text after its end) */
    public ProtocolException(String path, String message, Throwable cause, boolean malformed) {
        super(path == null || path.isEmpty() ? message : path + ": " + message, cause);
        this.path = path == null ? "" : path;
        this.malformed = malformed;
    }

    /**
     * Whether the document is not JSON at all (broken syntax, empty, text after its end), as opposed
     * to JSON of the wrong shape or with an invalid field; servers answer the first with one error
     * code ({@code malformed_json}) whatever was being read.
     */
    public boolean malformed() {
        return malformed;
    }

    /** The JSON path of the offending value, like {@code events[0].payload.source}; empty for the whole document. */
    public String path() {
        return path;
    }
}
