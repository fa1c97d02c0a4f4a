package org.courtyard.kiosk.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether the kiosk's clock can be believed. A Raspberry Pi has no battery clock: after a power
 * cut without network it starts at the time it last saved, hours or days behind. The clock is
 * trusted once a sync showed it within {@link #TOLERANCE} of the hub's, and stays trusted while it
 * has not jumped back behind the last hub time seen.
 */
public final class ClockTrust {

    public static final Duration TOLERANCE = Duration.ofMinutes(2);

    private final Clock clock;
    private volatile Instant lastServerTime;
    private volatile boolean agreed;

    public ClockTrust(Clock clock, Instant lastServerTime, boolean agreed) {
        this.clock = clock;
        this.lastServerTime = lastServerTime;
        this.agreed = agreed;
    }

    /** Records the hub's time from a sync answer received just now. */
    public void observe(Instant serverTime) {
        Instant now = clock.instant();
        agreed = Duration.between(serverTime, now).abs().compareTo(TOLERANCE) <= 0;
        lastServerTime = serverTime;
    }

    public boolean trusted() {
        Instant last = lastServerTime;
        return agreed && last != null && !clock.instant().isBefore(last.minus(TOLERANCE));
    }

    public Instant lastServerTime() {
        return lastServerTime;
    }

    public boolean agreed() {
        return agreed;
    }
}
