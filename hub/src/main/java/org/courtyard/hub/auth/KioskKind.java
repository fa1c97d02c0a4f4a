package org.courtyard.hub.auth;

/**
 * What a kiosk is: the courtyard kiosk of a village, or a home unit bound to one resident of it
 * (the kiosk program's {@code --profile courtyard|home}).
 */
public enum KioskKind {
    /** The touch-screen kiosk in a village's courtyard: anyone there asks for help or checks in. */
    COURTYARD,
    /** A button-and-speaker unit in one resident's home; it speaks for that resident only. */
    HOME
}
