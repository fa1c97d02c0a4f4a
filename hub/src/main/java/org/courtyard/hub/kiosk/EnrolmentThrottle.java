package org.courtyard.hub.kiosk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Counts failed enrolment attempts, per client address and in total, over a sliding window, so
 * that eight-digit codes cannot be guessed: with the defaults one address gets 5 wrong tries per
 * 15 minutes (480 a day against 100,000,000 codes that live a day), and the whole hub 50, so many
 * addresses together get no further. A blocked caller is told how long to wait.
 *
 * <p>Kept in memory: a hub restart forgets the counts, which costs an attacker a restart of the
 * township's server per few guesses. Behind a reverse proxy every client has the proxy's address,
 * so then only the total applies in effect.
 */
public final class EnrolmentThrottle {

    /** Wrong codes one address may send per window. */
    public static final int PER_ADDRESS = 5;
    /** Wrong codes the hub takes per window from everyone together. */
    public static final int IN_TOTAL = 50;
    public static final Duration WINDOW = Duration.ofMinutes(15);

    private final Clock clock;
    private final int perAddress;
    private final int inTotal;
    private final Duration window;
    private final Map<String, Deque<Instant>> failures = new HashMap<>();
    private final Deque<Instant> all = new ArrayDeque<>();

    public EnrolmentThrottle(Clock clock) {
        this(clock, PER_ADDRESS, IN_TOTAL, WINDOW);
    }

    /** With other limits: the family page's invitation codes use one with a far higher total. */
    public EnrolmentThrottle(Clock clock, int perAddress, int inTotal, Duration window) {
        this.clock = clock;
        this.perAddress = perAddress;
        this.inTotal = inTotal;
        this.window = window;
    }

    /** How long {@code address} must wait before it may try again; empty if it may try now. */
    public synchronized Optional<Duration> blocked(String address) {
        Instant now = clock.instant();
        prune(now);
        Deque<Instant> mine = failures.get(address);
        Instant until = null;
        if (mine != null && mine.size() >= perAddress) {
            until = mine.peekFirst().plus(window);
        }
        if (all.size() >= inTotal) {
            Instant total = all.peekFirst().plus(window);
            until = until == null || total.isAfter(until) ? total : until;
        }
        return until == null ? Optional.empty() : Optional.of(Duration.between(now, until));
    }

    /** Counts a wrong code from {@code address}. */
    public synchronized void failed(String address) {
        Instant now = clock.instant();
        failures.computeIfAbsent(address, a -> new ArrayDeque<>()).addLast(now);
        all.addLast(now);
    }

    private void prune(Instant now) {
        Instant oldest = now.minus(window);
        while (!all.isEmpty() && !all.peekFirst().isAfter(oldest)) {
            all.removeFirst();
        }
        for (Iterator<Deque<Instant>> it = failures.values().iterator(); it.hasNext(); ) {
            Deque<Instant> times = it.next();
            while (!times.isEmpty() && !times.peekFirst().isAfter(oldest)) {
                times.removeFirst();
            }
            if (times.isEmpty()) {
                it.remove();
            }
        }
    }
}
