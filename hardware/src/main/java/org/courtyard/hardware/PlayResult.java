package org.courtyard.hardware;

import java.time.Instant;

/** How one play ended, with the real start and end times. {@code detail} says why on failure. */
public record PlayResult(Outcome outcome, Instant startedAt, Instant endedAt, String detail) {

    public enum Outcome {
        PLAYED,
        /** Stopped by {@link Loudspeaker#interrupt()} (an emergency preempting, or shutdown). */
        INTERRUPTED,
        FAILED
    }

    public boolean played() {
        return outcome == Outcome.PLAYED;
    }
}
