package org.courtyard.kiosk.enrol;

/**
 * The hub answered but did not enrol the kiosk: a wrong, expired or used code (401), too many
 * attempts from this address (429), or a hub that has no enrolment (404). Typing the same code
 * again will not help; the message is the hub's.
 */
public final class EnrolmentRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;

    public EnrolmentRefusedException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The hub's HTTP status. */
    public int status() {
        return status;
    }

    /** True when the hub asked this address to wait before trying again. */
    public boolean throttled() {
        return status == 429;
    }
}
