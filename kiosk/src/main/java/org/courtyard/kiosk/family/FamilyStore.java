package org.courtyard.kiosk.family;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.courtyard.kiosk.store.KioskStore;
import org.courtyard.protocol.AudioRef;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.FamilyMessage;
import org.courtyard.protocol.MessageDelivered;
import org.courtyard.protocol.MessageHeard;

/**
 * The family messages of the village's residents as the hub last sent them ({@code family_message})
 * and the replies recorded here that wait to be uploaded ({@code family_reply}, their audio in
 * {@code DATA/replies/}), in {@code kiosk.db} under the migration key {@value #KEY}.
 */
public final class FamilyStore {

    static final String KEY = "family";

    private static final List<String> MIGRATIONS = List.of(
            // heard_at: when anyone heard it (the hub's word, or this kiosk's play to the end).
            // delivered: MESSAGE_DELIVERED is in the outbox (or went out) for it.
            """
            CREATE TABLE family_message (
              id VARCHAR(36) PRIMARY KEY,
              resident_id VARCHAR(16) NOT NULL,
              relation VARCHAR(20) NOT NULL,
              sent_at VARCHAR(40) NOT NULL,
              sha256 VARCHAR(64) NOT NULL,
              bytes INTEGER NOT NULL,
              duration_ms INTEGER NOT NULL,
              heard_at VARCHAR(40),
              delivered BOOLEAN NOT NULL
            )""",
            "CREATE INDEX family_message_resident ON family_message(resident_id, sent_at)",
            """
            CREATE TABLE family_reply (
              id VARCHAR(36) PRIMARY KEY,
              reply_to VARCHAR(36) NOT NULL,
              file VARCHAR(200) NOT NULL,
              recorded_at VARCHAR(40) NOT NULL,
              failure VARCHAR(500)
            )""");

    /** A message to a resident, as stored. */
    public record Message(String id, String residentId, String relation, Instant sentAt, AudioRef audio,
            Instant heardAt, boolean delivered) {
    }

    /** A reply waiting for upload. */
    public record Reply(String id, String replyTo, String file) {
    }

    private final KioskStore store;

    public FamilyStore(KioskStore store) {
        this.store = store;
        store.migrate(KEY, MIGRATIONS);
    }

    /** Applies the hub's changed messages: new and changed ones replace what is stored, deleted ones go. */
    public void take(List<FamilyMessage> messages) {
        store.transaction(connection -> {
            for (FamilyMessage message : messages) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM family_message WHERE id = ?")) {
                    if (message.deleted()) {
                        delete.setString(1, message.id());
                        delete.executeUpdate();
                        continue;
                    }
                }
                boolean delivered = false;
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT delivered FROM family_message WHERE id = ?")) {
                    select.setString(1, message.id());
                    try (ResultSet row = select.executeQuery()) {
                        delivered = row.next() && row.getBoolean(1);
                    }
                }
                try (PreparedStatement upsert = connection.prepareStatement("INSERT OR REPLACE INTO family_message"
                        + " (id, resident_id, relation, sent_at, sha256, bytes, duration_ms, heard_at, delivered)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    upsert.setString(1, message.id());
                    upsert.setString(2, message.residentId());
                    upsert.setString(3, message.relation());
                    upsert.setString(4, message.sentAt().toString());
                    upsert.setString(5, message.audio().sha256());
                    upsert.setLong(6, message.audio().bytes());
                    upsert.setLong(7, message.audio().durationMs());
                    upsert.setString(8, message.heardAt() == null ? null : message.heardAt().toString());
                    upsert.setBoolean(9, delivered);
                    upsert.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Every stored message, oldest first. */
    public List<Message> all() {
        return select("SELECT * FROM family_message ORDER BY sent_at, id");
    }

    /** The unheard messages of {@code residentId}, oldest first. */
    public List<Message> unheard(String residentId) {
        return select("SELECT * FROM family_message WHERE resident_id = ? AND heard_at IS NULL ORDER BY sent_at, id",
                residentId);
    }

    public Optional<Message> get(String id) {
        List<Message> found = select("SELECT * FROM family_message WHERE id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Unheard messages per resident. */
    public Map<String, Integer> unheardCounts() {
        Map<String, Integer> counts = new HashMap<>();
        for (Message message : select("SELECT * FROM family_message WHERE heard_at IS NULL")) {
            counts.merge(message.residentId(), 1, Integer::sum);
        }
        return counts;
    }

    /** The checksums of every stored message's audio: what the audio folder keeps. */
    public Set<String> audio() {
        Set<String> out = new LinkedHashSet<>();
        all().forEach(message -> out.add(message.audio().sha256()));
        return out;
    }

    /** Durably: {@code MESSAGE_DELIVERED} of message {@code id} into the outbox, and the message marked. */
    public void delivered(String id, Event event) {
        if (!(event.payload() instanceof MessageDelivered)) {
            throw new IllegalArgumentException("event " + event.id() + " is not a MESSAGE_DELIVERED event");
        }
        store.append(event, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE family_message SET delivered = ? WHERE id = ?")) {
                update.setBoolean(1, true);
                update.setString(2, id);
                update.executeUpdate();
            }
            return null;
        });
    }

    /** Durably: {@code MESSAGE_HEARD} into the outbox, and the message heard here at {@code at}. */
    public void heard(String id, Instant at, Event event) {
        if (!(event.payload() instanceof MessageHeard)) {
            throw new IllegalArgumentException("event " + event.id() + " is not a MESSAGE_HEARD event");
        }
        store.append(event, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE family_message SET heard_at = COALESCE(heard_at, ?) WHERE id = ?")) {
                update.setString(1, at.toString());
                update.setString(2, id);
                update.executeUpdate();
            }
            return null;
        });
    }

    // Replies.

    /** Keeps a recorded reply for upload; its WAV is already on disk as {@code file}. */
    public void keepReply(Reply reply, Instant at) {
        store.transaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO family_reply (id, reply_to, file, recorded_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, reply.id());
                insert.setString(2, reply.replyTo());
                insert.setString(3, reply.file());
                insert.setString(4, at.toString());
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** The oldest reply still to upload (not failed for good). */
    public Optional<Reply> nextReply() {
        return store.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT id, reply_to, file FROM family_reply"
                    + " WHERE failure IS NULL ORDER BY recorded_at, id LIMIT 1"); ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new Reply(row.getString(1), row.getString(2), row.getString(3)))
                        : Optional.<Reply>empty();
            }
        });
    }

    /** The hub has the reply: it leaves the queue. */
    public void replySent(String id) {
        store.transaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM family_reply WHERE id = ?")) {
                delete.setString(1, id);
                delete.executeUpdate();
            }
            return null;
        });
    }

    /** The hub refuses the reply for good (its message was deleted, say): kept with the reason, not retried. */
    public void replyFailed(String id, String why) {
        store.transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE family_reply SET failure = ? WHERE id = ?")) {
                update.setString(1, why.length() > 500 ? why.substring(0, 500) : why);
                update.setString(2, id);
                update.executeUpdate();
            }
            return null;
        });
    }

    private List<Message> select(String sql, String... parameters) {
        return store.read(connection -> {
            List<Message> out = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    select.setString(i + 1, parameters[i]);
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        out.add(message(rows));
                    }
                }
            }
            return out;
        });
    }

    private static Message message(ResultSet row) throws SQLException {
        String heard = row.getString("heard_at");
        return new Message(row.getString("id"), row.getString("resident_id"), row.getString("relation"),
                Instant.parse(row.getString("sent_at")), new AudioRef(row.getString("sha256"), row.getLong("bytes"),
                        row.getLong("duration_ms")), heard == null ? null : Instant.parse(heard),
                row.getBoolean("delivered"));
    }
}
