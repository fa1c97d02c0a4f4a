package org.courtyard.hub.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks features run on a schedule (help requests overdue, missed check-ins, silent kiosks),
 * by name. Each runs with a fixed delay on one shared thread once the hub starts; a failure is
 * logged and the check runs again at its next interval. {@link #run} runs one now, as tests and
 * the demo do.
 */
public final class PeriodicChecks {

    private static final Logger LOG = LoggerFactory.getLogger(PeriodicChecks.class);

    private record Check(Duration every, IntSupplier check) {
    }

    private final Map<String, Check> checks = new LinkedHashMap<>();

    /**
     * Adds a check; call while the hub is assembled.
     *
     * @param check does the work and returns how many things it changed (alerts raised, say)
     * @throws IllegalArgumentException for a name taken or an interval that is not positive
     */
    public synchronized void add(String name, Duration every, IntSupplier check) {
        if (every.isZero() || every.isNegative()) {
            throw new IllegalArgumentException("the interval of check " + name + " must be positive");
        }
        if (checks.putIfAbsent(name, new Check(every, check)) != null) {
            throw new IllegalArgumentException("a check named " + name + " exists already");
        }
    }

    /** The checks' names, in the order added. */
    public synchronized Set<String> names() {
        return Set.copyOf(checks.keySet());
    }

    /**
     * Runs the check {@code name} now, on the calling thread.
     *
     * @return what the check returns (how many things it changed)
     * @throws IllegalArgumentException for a name no check has
     */
    public int run(String name) {
        Check check;
        synchronized (this) {
            check = checks.get(name);
        }
        if (check == null) {
            throw new IllegalArgumentException("no check named " + name + "; there are " + names());
        }
        return check.check().getAsInt();
    }

    /** Schedules every check on {@code scheduler}, the first run one interval from now. */
    public synchronized void schedule(ScheduledExecutorService scheduler) {
        checks.forEach((name, check) -> {
            long every = check.every().toMillis();
            scheduler.scheduleWithFixedDelay(() -> runSafely(name, check), every, every, TimeUnit.MILLISECONDS);
        });
    }

    private static void runSafely(String name, Check check) {
        try {
            check.check().getAsInt();
        } catch (RuntimeException e) {
            LOG.error("the {} check failed; trying again at the next interval", name, e);
        }
    }
}
