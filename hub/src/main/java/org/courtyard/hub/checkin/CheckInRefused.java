package org.courtyard.hub.checkin;

/**
 * A kiosk's CHECKED_IN or VISIT_CHECKED_IN names a resident it may not: {@code unknown_resident}
 * (not registered on this hub) or {@code other_village} (registered in another village than the
 * kiosk's). Thrown before anything was written; the sync lists the event under {@code rejected}.
 */
public class CheckInRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    public CheckInRefused(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
