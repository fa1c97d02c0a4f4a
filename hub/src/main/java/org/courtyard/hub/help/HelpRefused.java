package org.courtyard.hub.help;

/**
 * A kiosk event about a help request that cannot take effect (cancel of an unknown or closed
 * request). {@code code} is machine-readable; thrown before anything was written.
 */
public class HelpRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    public HelpRefused(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
