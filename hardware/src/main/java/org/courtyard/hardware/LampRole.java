package org.courtyard.hardware;

/** What each of the up to three lamps shows. */
public enum LampRole {
    /** The link to the hub is up. */
    LINK,
    /** A help request is being sent. */
    SENDING,
    /** Someone at the township acknowledged the request. */
    ACKNOWLEDGED;

    /** The lower-case name used in action lines, e.g. {@code lamp acknowledged on}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
