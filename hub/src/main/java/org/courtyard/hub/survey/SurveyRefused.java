package org.courtyard.hub.survey;

/**
 * A survey request that cannot take effect; thrown before anything is written. The web layer
 * answers it with the status of its {@link Kind}; {@link #code()} is machine-readable and the
 * message says what is wrong in words a client may show.
 */
public class SurveyRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What kind of refusal. */
    public enum Kind {
        /** The round or resident does not exist. */
        NOT_FOUND,
        /** Outside the caller's role or village. */
        FORBIDDEN,
        /** Not allowed in the current state (a round already open or closed, a person already reviewed). */
        CONFLICT
    }

    private final Kind kind;
    private final String code;

    public SurveyRefused(Kind kind, String code, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }
}
