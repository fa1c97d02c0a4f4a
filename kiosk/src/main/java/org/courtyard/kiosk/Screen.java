package org.courtyard.kiosk;

/** The screens of the kiosk. Every screen but HOME returns home after a minute idle. */
public enum Screen {
    HOME,
    HELP,
    CHECK_IN,
    ANNOUNCEMENTS,
    LISTENING
}
