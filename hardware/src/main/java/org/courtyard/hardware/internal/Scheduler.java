package org.courtyard.hardware.internal;

import java.time.Duration;

/**
 * Time and timers for the hardware's timing logic (debounce, long press, blinking), behind an
 * interface so tests can move time by hand instead of sleeping.
 */
public interface Scheduler extends AutoCloseable {

    /** A monotonic time in nanoseconds, comparable only with other values from this scheduler. */
    long nanoTime();

    /**
     * Runs {@code task} once after {@code delay} (at once if the delay is zero or negative).
     * Tasks run one at a time, in the order they fall due.
     */
    Timer schedule(Duration delay, Runnable task);

    /** Cancels pending tasks; a task already running finishes. Closing twice is safe. */
    @Override
    void close();

    /** A scheduled task. */
    interface Timer {

        /** Stops the task if it has not run yet; does nothing otherwise. */
        void cancel();
    }
}
