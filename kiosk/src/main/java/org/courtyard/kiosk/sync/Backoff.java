package org.courtyard.kiosk.sync;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * How long a kiosk waits before it tries the hub again: doubling from {@code min} to {@code max}
 * with each failure in a row, never sooner than the hub's {@code Retry-After}, and spread by a
 * random extra of up to half the wait.
 *
 * <p>The spread matters at scale: after a township-wide power cut every kiosk comes back within
 * seconds of the others, and the hub answers most of them 503 with {@code Retry-After: 5}. Without
 * jitter they would all return in the same instant five seconds later and be refused again; with
 * it their retries spread over the window and the hub serves them as they come.
 * {@code ./courtyard bench hold --burst} (docs/benchmarks.md) uses this class for its simulated kiosks.
 */
public final class Backoff {

    /** The longest a hub's {@code Retry-After} can keep a kiosk silent, whatever it says. */
    static final Duration MOST_RETRY_AFTER = Duration.ofMinutes(5);

    private final Duration min;
    private final Duration max;
    private final RandomGenerator random;

    public Backoff(Duration min, Duration max, RandomGenerator random) {
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < min <= max, was " + min + " and " + max);
        }
        this.min = min;
        this.max = max;
        this.random = random;
    }

    /**
     * The wait after the {@code failures}-th failure in a row (1 for the first), at least
     * {@code retryAfter} when the hub named one (capped at {@link #MOST_RETRY_AFTER}).
     */
    public Duration after(int failures, Optional<Duration> retryAfter) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be at least 1, was " + failures);
        }
        long base = Math.min(max.toMillis(), min.toMillis() << Math.min(failures - 1, 20));
        if (retryAfter.isPresent()) {
            base = Math.max(base, Math.min(retryAfter.get().toMillis(), MOST_RETRY_AFTER.toMillis()));
        }
        long jitter = base / 2 == 0 ? 0 : random.nextLong(base / 2 + 1);
        return Duration.ofMillis(base + jitter);
    }
}
