package org.courtyard.protocol;

/** EMERGENCY ignores quiet hours and preempts a NORMAL play in progress. */
public enum Priority {
    NORMAL,
    EMERGENCY
}
