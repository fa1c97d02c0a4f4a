package org.courtyard.hardware.internal;

import java.time.Duration;
import java.util.Comparator;
import java.util.PriorityQueue;

/** A {@link Scheduler} whose time moves only when a test calls {@link #advance}. */
final class ManualScheduler implements Scheduler {

    private final PriorityQueue<Task> tasks = new PriorityQueue<>(
            Comparator.comparingLong((Task task) -> task.due).thenComparingLong(task -> task.sequence));
    private long now = 1_000_000_000L;
    private long sequence;

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized Timer schedule(Duration delay, Runnable action) {
        Task task = new Task(now + Math.max(0, delay.toNanos()), sequence++, action);
        tasks.add(task);
        return () -> cancel(task);
    }

    private synchronized void cancel(Task task) {
        tasks.remove(task);
    }

    /** Moves time forward by {@code duration}, running every task that falls due, in order. */
    void advance(Duration duration) {
        long target;
        synchronized (this) {
            target = now + duration.toNanos();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.due > target) {
                    now = target;
                    return;
                }
                tasks.poll();
                now = next.due;
            }
            next.action.run();
        }
    }

    /**
     * A starved timer thread: time jumps forward by {@code duration} first, then every task that is
     * due by then runs, late, in the order it was due (as a {@code ScheduledThreadPoolExecutor} runs
     * them when its thread gets the CPU back). Tasks they schedule with no delay left run too.
     */
    void advanceLate(Duration duration) {
        long target;
        synchronized (this) {
            target = now + duration.toNanos();
            now = target;
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.due > target) {
                    return;
                }
                tasks.poll();
            }
            next.action.run();
        }
    }

    /** Moves to {@code millis} after this scheduler's start. */
    void advanceTo(long millis) {
        long target = 1_000_000_000L + Duration.ofMillis(millis).toNanos();
        advance(Duration.ofNanos(target - nanoTime()));
    }

    synchronized int pending() {
        return tasks.size();
    }

    @Override
    public void close() {
        synchronized (this) {
            tasks.clear();
        }
    }

    private static final class Task {
        final long due;
        final long sequence;
        final Runnable action;

        Task(long due, long sequence, Runnable action) {
            this.due = due;
            this.sequence = sequence;
            this.action = action;
        }
    }
}
