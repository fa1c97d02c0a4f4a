package org.courtyard.protocol;

/** How a broadcast ended. */
public enum PlayOutcome {
    PLAYED,
    FAILED,
    /** Cut short by an emergency announcement; it is played again afterwards. */
    PREEMPTED
}
