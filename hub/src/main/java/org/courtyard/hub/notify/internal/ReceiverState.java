package org.courtyard.hub.notify.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Optional;
import java.util.stream.Collectors;
import org.courtyard.hub.store.Sql;

/**
 * How one receiver is doing, kept in {@code webhook_receivers} so a restart still shows a broken
 * robot and still knows what it sent in the last minute. The sender changes it; the staff page and
 * {@code /healthz} read a {@link #snapshot}. Thread-safe: every method holds the object's lock
 * briefly and never waits for anything else while it does.
 */
public final class ReceiverState {

    /** What the staff page shows, worst first. */
    public enum Condition {
        /** The robot refuses the configuration; only the test message is tried until it works. */
        BROKEN,
        /** The last attempt failed; trying again. */
        FAILING,
        /** The robot said messages came too fast; waiting until {@link #pausedUntil()}. */
        THROTTLED,
        OK
    }

    /**
     * The window the budget counts sends in: a minute and a second, so a robot whose clock or
     * network delays the count a little still sees no more than its limit in any minute.
     */
    public static final Duration WINDOW = Duration.ofSeconds(61);

    private final String id;
    private final String fingerprint;
    private final Deque<Instant> sends = new ArrayDeque<>();
    private Instant lastDeliveredAt;
    private Instant lastFailedAt;
    private String lastError;
    private int failures;
    private Instant failingSince;
    private Instant pausedUntil;
    private boolean throttled;
    private Instant brokenSince;
    private Problem problem;

    /** The state at one moment, for the staff page and {@code /healthz}. */
    public record Snapshot(Condition condition, Instant since, Instant pausedUntil, Instant lastDeliveredAt,
            Instant lastFailedAt, String lastError, int failures, Problem problem, int sentInWindow) {
    }

    private ReceiverState(String id, String fingerprint) {
        this.id = id;
        this.fingerprint = fingerprint;
    }

    /**
     * The stored state of receiver {@code id}, or a fresh one when there is none or the receiver's
     * URL or secret changed since ({@code fingerprint} differs).
     */
    public static ReceiverState load(Connection connection, String id, String fingerprint) throws SQLException {
        ReceiverState state = new ReceiverState(id, fingerprint);
        Sql.one(connection, "SELECT * FROM webhook_receivers WHERE id = ? AND fingerprint = ?", row -> {
            state.lastDeliveredAt = Sql.instant(row, "last_delivered_at");
            state.lastFailedAt = Sql.instant(row, "last_failed_at");
            state.lastError = row.getString("last_error");
            state.failures = row.getInt("failures");
            state.failingSince = Sql.instant(row, "failing_since");
            state.pausedUntil = Sql.instant(row, "paused_until");
            state.throttled = row.getBoolean("throttled");
            state.brokenSince = Sql.instant(row, "broken_since");
            String problem = row.getString("problem");
            state.problem = problem == null ? null : Problem.valueOf(problem);
            String recent = row.getString("recent_sends");
            if (!recent.isEmpty()) {
                Arrays.stream(recent.split(",")).map(Long::parseLong).map(Instant::ofEpochMilli).forEach(state.sends::add);
            }
            return state;
        }, id, fingerprint);
        return state;
    }

    /** Writes the state, in the caller's transaction. */
    public synchronized void save(Connection connection) throws SQLException {
        String recent = sends.stream().map(at -> Long.toString(at.toEpochMilli())).collect(Collectors.joining(","));
        Object[] values = {fingerprint, lastDeliveredAt, lastFailedAt, lastError, failures, failingSince, pausedUntil,
                throttled, brokenSince, problem == null ? null : problem.name(), recent, id};
        if (Sql.update(connection, "UPDATE webhook_receivers SET fingerprint = ?, last_delivered_at = ?,"
                + " last_failed_at = ?, last_error = ?, failures = ?, failing_since = ?, paused_until = ?, throttled = ?,"
                + " broken_since = ?, problem = ?, recent_sends = ? WHERE id = ?", values) == 0) {
            Sql.update(connection, "INSERT INTO webhook_receivers (fingerprint, last_delivered_at, last_failed_at,"
                    + " last_error, failures, failing_since, paused_until, throttled, broken_since, problem, recent_sends,"
                    + " id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values);
        }
    }

    /** How many messages were sent in the {@link #WINDOW} before {@code now}. */
    public synchronized int sentInWindow(Instant now) {
        Instant start = now.minus(WINDOW);
        while (!sends.isEmpty() && !sends.peekFirst().isAfter(start)) {
            sends.removeFirst();
        }
        return sends.size();
    }

    /**
     * Counts a message that reached the robot, at the time its answer came: never earlier than the
     * robot counted it, so the window here is never shorter than the robot's.
     */
    public synchronized void sent(Instant answeredAt) {
        sends.addLast(answeredAt);
    }

    /** Whether nothing may be sent before {@code pausedUntil}. */
    public synchronized boolean paused(Instant now) {
        return pausedUntil != null && now.isBefore(pausedUntil);
    }

    public synchronized void delivered(Instant at) {
        lastDeliveredAt = at;
        failures = 0;
        failingSince = null;
        throttled = false;
        pausedUntil = null;
        brokenSince = null;
        problem = null;
    }

    /** The robot said too fast: nothing until {@code until}. Not a failure of the receiver. */
    public synchronized void throttled(Instant at, Instant until, String detail) {
        throttled = true;
        pausedUntil = until;
        lastError = detail;
        lastFailedAt = at;
    }

    /** The robot refuses the configuration: held until the test message gets through (or a new key). */
    public synchronized void broken(Instant at, Problem why, String detail) {
        if (brokenSince == null) {
            brokenSince = at;
        }
        problem = why;
        failed(at, detail);
    }

    /** A failed attempt; {@code retryAt}, if given, pauses the whole receiver until then. */
    public synchronized void failed(Instant at, String detail, Optional<Instant> retryAt) {
        failed(at, detail);
        retryAt.ifPresent(until -> {
            pausedUntil = until;
            throttled = false;
        });
    }

    private void failed(Instant at, String detail) {
        if (failures == 0) {
            failingSince = at;
        }
        failures++;
        lastFailedAt = at;
        lastError = detail;
    }

    public synchronized Condition condition(Instant now) {
        if (brokenSince != null) {
            return Condition.BROKEN;
        }
        if (failures > 0) {
            return Condition.FAILING;
        }
        if (throttled && paused(now)) {
            return Condition.THROTTLED;
        }
        return Condition.OK;
    }

    public String id() {
        return id;
    }

    /** Failed attempts since the last delivery. */
    public synchronized int failures() {
        return failures;
    }

    public synchronized Snapshot snapshot(Instant now) {
        Condition condition = condition(now);
        Instant since = switch (condition) {
            case BROKEN -> brokenSince;
            case FAILING -> failingSince;
            case THROTTLED -> lastFailedAt;
            case OK -> null;
        };
        return new Snapshot(condition, since, paused(now) ? pausedUntil : null, lastDeliveredAt, lastFailedAt,
                lastError, failures, condition == Condition.BROKEN ? problem : null, sentInWindow(now));
    }
}
