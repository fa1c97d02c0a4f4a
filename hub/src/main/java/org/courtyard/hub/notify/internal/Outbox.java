package org.courtyard.hub.notify.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.courtyard.hub.store.Sql;

/**
 * The {@code webhook_outbox} table: one row per message and receiver, written in the transaction
 * of the change it tells of. Every method runs in the caller's transaction.
 */
public final class Outbox {

    /** {@code body} is sent as it is (JSON receivers; robot messages queued before notices existed). */
    public static final String RAW = "raw";
    /** {@code body} is a {@link StoredNotice}, put into the robot's format when sent. */
    public static final String NOTICE = "notice";
    /** The event name of a digest row. */
    public static final String DIGEST = "digest";
    /** The event name of the staff page's test message. */
    public static final String TEST = "test";

    /** A message waiting to be sent. */
    public record Row(long id, String event, String body, String bodyKind, int priority, int attempts) {

        public Budget.Due due() {
            return new Budget.Due(id, priority);
        }
    }

    private static final String PENDING = "delivered_at IS NULL AND failed_at IS NULL";

    private Outbox() {
    }

    public static void insert(Connection connection, String receiver, String event, String url, String body,
            String bodyKind, int priority, Instant now) throws SQLException {
        Sql.update(connection, "INSERT INTO webhook_outbox (event, url, body, attempts, next_attempt_at, created_at,"
                + " receiver, body_kind, priority) VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?)", event, url, body, now, now,
                receiver, bodyKind, priority);
    }

    /**
     * The messages for {@code receiver} due at {@code now}, by priority then age; with
     * {@code onlyPriority} only those of that priority. Messages folded into a digest are not
     * listed: the digest carries them.
     */
    public static List<Row> due(Connection connection, String receiver, Instant now, Integer onlyPriority, int limit)
            throws SQLException {
        return Sql.query(connection, "SELECT id, event, body, body_kind, priority, attempts FROM webhook_outbox"
                + " WHERE receiver = ? AND " + PENDING + " AND folded_into IS NULL AND next_attempt_at <= ?"
                + (onlyPriority == null ? "" : " AND priority = " + onlyPriority.intValue())
                + " ORDER BY priority, id LIMIT ?",
                row -> new Row(row.getLong("id"), row.getString("event"), row.getString("body"),
                        row.getString("body_kind"), row.getInt("priority"), row.getInt("attempts")),
                receiver, now, limit);
    }

    /** Marks the message delivered, and every message folded into it. */
    public static void delivered(Connection connection, long id, int attempts, Instant at) throws SQLException {
        Sql.update(connection, "UPDATE webhook_outbox SET delivered_at = ?, attempts = ?, last_error = NULL WHERE id = ?",
                at, attempts, id);
        Sql.update(connection, "UPDATE webhook_outbox SET delivered_at = ? WHERE folded_into = ?", at, id);
    }

    /** Tries the message again at {@code next}. */
    public static void retry(Connection connection, long id, int attempts, Instant next, String error)
            throws SQLException {
        Sql.update(connection, "UPDATE webhook_outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?",
                attempts, next, error, id);
    }

    /** Gives the message up, with every message folded into it. */
    public static void failed(Connection connection, long id, int attempts, Instant at, String error)
            throws SQLException {
        Sql.update(connection, "UPDATE webhook_outbox SET attempts = ?, failed_at = ?, last_error = ? WHERE id = ?",
                attempts, at, error, id);
        Sql.update(connection, "UPDATE webhook_outbox SET failed_at = ?, last_error = ? WHERE folded_into = ?",
                at, "its digest failed: " + error, id);
    }

    /**
     * Writes the digest of {@code folded} for {@code receiver} and points the folded messages (and
     * what earlier digests among them carried) at it.
     *
     * @return the digest's row
     */
    public static Row fold(Connection connection, String receiver, String url, Collection<Row> folded,
            StoredNotice digest, Instant now) throws SQLException {
        insert(connection, receiver, DIGEST, url, digest.write(), NOTICE, Budget.FOLDABLE, now);
        long id = Sql.one(connection, "SELECT MAX(id) FROM webhook_outbox", row -> row.getLong(1)).orElseThrow();
        String ids = folded.stream().map(row -> Long.toString(row.id())).collect(Collectors.joining(","));
        Sql.update(connection, "UPDATE webhook_outbox SET folded_into = ? WHERE id IN (" + ids + ") OR folded_into IN ("
                + ids + ")", id);
        return new Row(id, DIGEST, digest.write(), NOTICE, Budget.FOLDABLE, 0);
    }

    /** Messages for {@code receiver} not yet delivered nor given up. */
    public static int queued(Connection connection, String receiver) throws SQLException {
        return count(connection, "receiver = ? AND " + PENDING, receiver);
    }

    /** Messages for {@code receiver} given up. */
    public static int failedCount(Connection connection, String receiver) throws SQLException {
        return count(connection, "receiver = ? AND failed_at IS NOT NULL", receiver);
    }

    /**
     * Addresses the messages queued before receivers had ids to the receiver configured with the
     * same URL, stores every message's URL without its key, and gives up what is queued for a
     * receiver no longer configured.
     *
     * @return how many were given up
     */
    public static int adopt(Connection connection, List<Receiver> receivers, Instant now) throws SQLException {
        List<String> ids = new ArrayList<>();
        for (Receiver receiver : receivers) {
            Sql.update(connection, "UPDATE webhook_outbox SET receiver = ? WHERE receiver IS NULL AND url = ?",
                    receiver.id(), receiver.url());
            Sql.update(connection, "UPDATE webhook_outbox SET url = ? WHERE receiver = ? AND url <> ?",
                    receiver.redactedUrl(), receiver.id(), receiver.redactedUrl());
            ids.add(receiver.id());
        }
        String configured = ids.isEmpty() ? "" : " AND receiver NOT IN (" + ids.stream().map(id -> "?")
                .collect(Collectors.joining(", ")) + ")";
        List<Object> parameters = new ArrayList<>(List.of(now, "its receiver is no longer configured"));
        parameters.addAll(ids);
        return Sql.update(connection, "UPDATE webhook_outbox SET failed_at = ?, last_error = ? WHERE " + PENDING
                + " AND (receiver IS NULL OR (1 = 1" + configured + "))", parameters.toArray());
    }

    /** A configured receiver as {@link #adopt} needs it. */
    public record Receiver(String id, String url, String redactedUrl) {
    }

    private static int count(Connection connection, String where, Object... parameters) throws SQLException {
        return Sql.one(connection, "SELECT COUNT(*) FROM webhook_outbox WHERE " + where, row -> row.getInt(1),
                parameters).orElse(0);
    }
}
