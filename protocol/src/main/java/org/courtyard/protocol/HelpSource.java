package org.courtyard.protocol;

/** How an elder asked for help. */
public enum HelpSource {
    /** The physical help button in the courtyard. */
    BUTTON,
    /** The red button on the touch screen. */
    SCREEN,
    /** A spoken phrase such as 救命. */
    VOICE
}
