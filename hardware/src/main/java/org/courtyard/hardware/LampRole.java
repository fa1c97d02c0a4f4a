package org.courtyard.hardware;

/** What each lamp shows; a courtyard kiosk has the first three, a home unit all four. */
public enum LampRole {
    /** The link to the hub is up. */
    LINK,
    /** A help request is being sent. */
    SENDING,
    /** Someone at the township acknowledged the request. */
    ACKNOWLEDGED,
    /** A home unit's green 报平安 button: lit from the morning until the day's check-in is done. */
    CHECKIN;

    /** The lower-case name used in action lines, e.g. {@code lamp acknowledged on}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
