package org.courtyard.hub.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.courtyard.hub.store.Database;
import org.courtyard.hub.store.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outgoing webhooks: features {@link #queue} their notices (new, overdue and resolved help
 * requests, missed check-ins, silent kiosks; {@link WebhookEvent} lists them) and render them in
 * each receiver's {@link WebhookFormat}.
 *
 * <p>A message is rendered and put into the {@code webhook_outbox} table inside the transaction
 * that makes the change, so it is never lost and never sent for a change that rolled back. One background thread delivers due messages: right after a change commits, and
 * every poll interval. A failure or non-2xx answer is retried after {@code retryBase} doubled per
 * attempt (at most one hour), until {@code maxAttempts}; then it is marked failed and logged.
 * Delivery never blocks a sync answer.
 */
public final class Webhooks implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final int BATCH = 50;

    /** How often, at most, due messages are looked for when nothing woke the sender. */
    public static final Duration POLL_EVERY = Duration.ofSeconds(1);

    private record Pending(long id, String url, String body, int attempts) {
    }

    private final Database database;
    private final Clock clock;
    private final List<WebhookTarget> targets;
    private final int maxAttempts;
    private final Duration retryBase;
    private final HttpClient http;
    private final ScheduledExecutorService sender;
    private volatile boolean closed;

    public Webhooks(Database database, Clock clock, List<WebhookTarget> targets, int maxAttempts,
            Duration retryBase) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("webhook max attempts must be at least 1, was " + maxAttempts);
        }
        this.database = database;
        this.clock = clock;
        this.targets = List.copyOf(targets);
        this.maxAttempts = maxAttempts;
        this.retryBase = retryBase;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.sender = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "courtyard-webhooks");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts the background sender (which also sends what an earlier run left in the queue). */
    public void start() {
        sender.scheduleWithFixedDelay(this::deliverDueSafely, 0, POLL_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Queues a message about {@code event} for every receiver that asked for it, inside the
     * caller's write transaction, so it is sent if and only if that transaction commits; call
     * {@link #wake()} after the commit. {@code body} renders the message in a receiver's format.
     *
     * @return how many receivers it was queued for
     */
    public int queue(Connection connection, WebhookEvent event, Function<WebhookFormat, String> body)
            throws SQLException {
        Instant now = clock.instant();
        int queued = 0;
        for (WebhookTarget target : targets) {
            if (!target.events().contains(event)) {
                continue;
            }
            Sql.update(connection, "INSERT INTO webhook_outbox (event, url, body, attempts, next_attempt_at, created_at)"
                    + " VALUES (?, ?, ?, 0, ?, ?)", event.wireName(), target.url().toString(),
                    body.apply(target.format()), now, now);
            queued++;
        }
        return queued;
    }

    /** Asks the background sender to look for due messages now (after a commit that queued some). */
    public void wake() {
        if (!targets.isEmpty() && !closed) {
            try {
                sender.execute(this::deliverDueSafely);
            } catch (RejectedExecutionException e) {
                LOG.debug("webhook sender stopped; the message stays queued", e);
            }
        }
    }

    /**
     * Sends every message that is due now, on the calling thread; serialised with the background
     * sender, so no message goes out twice at once.
     *
     * @return how many were delivered
     */
    public synchronized int deliverDue() {
        Instant now = clock.instant();
        List<Pending> due = database.read(connection -> Sql.query(connection,
                "SELECT id, url, body, attempts FROM webhook_outbox WHERE delivered_at IS NULL AND failed_at IS NULL"
                        + " AND next_attempt_at <= ? ORDER BY id LIMIT ?",
                row -> new Pending(row.getLong("id"), row.getString("url"), row.getString("body"), row.getInt("attempts")),
                now, BATCH));
        int delivered = 0;
        for (Pending pending : due) {
            if (closed || Thread.currentThread().isInterrupted()) {
                break;
            }
            if (send(pending)) {
                delivered++;
            }
        }
        return delivered;
    }

    @Override
    public void close() {
        closed = true;
        sender.shutdownNow();
        try {
            if (!sender.awaitTermination(REQUEST_TIMEOUT.toSeconds() + 1, TimeUnit.SECONDS)) {
                LOG.warn("webhook sender did not stop in time; undelivered messages stay queued");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliverDueSafely() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.error("delivering webhooks failed; will try again", e);
            }
        }
    }

    private boolean send(Pending pending) {
        URI url = URI.create(pending.url());
        String error;
        try {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(pending.body(), StandardCharsets.UTF_8)).build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                Instant now = clock.instant();
                database.write(connection -> Sql.update(connection,
                        "UPDATE webhook_outbox SET delivered_at = ?, attempts = ?, last_error = NULL WHERE id = ?",
                        now, pending.attempts() + 1, pending.id()));
                return true;
            }
            error = "HTTP " + response.statusCode();
        } catch (IOException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        int attempts = pending.attempts() + 1;
        Instant now = clock.instant();
        String lastError = error;
        if (attempts >= maxAttempts) {
            LOG.warn("webhook to {} failed {} times ({}); giving up on message {}", url.getHost(), attempts, error,
                    pending.id());
            database.write(connection -> Sql.update(connection,
                    "UPDATE webhook_outbox SET attempts = ?, failed_at = ?, last_error = ? WHERE id = ?",
                    attempts, now, lastError, pending.id()));
        } else {
            Instant next = now.plus(backoff(attempts));
            LOG.info("webhook to {} failed ({}); attempt {} of {} at {}", url.getHost(), error, attempts + 1,
                    maxAttempts, next);
            database.write(connection -> Sql.update(connection,
                    "UPDATE webhook_outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?",
                    attempts, next, lastError, pending.id()));
        }
        return false;
    }

    /** {@code retryBase × 2^(attempts-1)}, at most an hour. */
    Duration backoff(int attempts) {
        Duration delay = retryBase;
        for (int i = 1; i < attempts && delay.compareTo(MAX_BACKOFF) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }
}
