package org.courtyard.hub.family;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.courtyard.hub.auth.FamilyMember;
import org.courtyard.hub.auth.KioskIdentity;
import org.courtyard.hub.core.Cursor;
import org.courtyard.hub.core.Keyset;
import org.courtyard.hub.core.Page;
import org.courtyard.hub.core.PageRequest;
import org.courtyard.hub.core.Refusal;
import org.courtyard.hub.core.WavCheck;
import org.courtyard.hub.store.ChecksumFiles;
import org.courtyard.hub.store.Database;
import org.courtyard.hub.store.Sql;
import org.courtyard.hub.sync.IncomingEvent;
import org.courtyard.protocol.AudioRef;
import org.courtyard.protocol.FamilyMessage;
import org.courtyard.protocol.MessageDelivered;
import org.courtyard.protocol.MessageHeard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Voice messages between a resident and their family far away (docs/family.md). A family member
 * records one on their phone ({@link #fromFamily}); the kiosks of the resident's village get it in
 * their sync answer ({@link MessagesPart}), fetch the audio by checksum and report
 * {@code MESSAGE_DELIVERED} and, once it was played to its end, {@code MESSAGE_HEARD}. 回复 at a
 * kiosk uploads a reply to the family member who sent the message ({@link #reply}).
 *
 * <p>Privacy: a message goes to the kiosks of its resident's village and to its own family member,
 * nobody else; staff see counts ({@link ContactView}), never the audio. A message is kept
 * {@link FamilySettings#retention} and then deleted with its audio ({@link #purge}); its row stays
 * as a tombstone for the kiosks until a second retention period has passed.
 *
 * <p>Every change of a message to a resident (sent, delivered, heard, deleted) writes a row of
 * {@code family_message_changes} for its village in the same transaction: the kiosks' cursor.
 * Villages whose kiosks have news are told to the listeners after the commit.
 */
public final class FamilyMessages {

    /** Largest recording accepted: three minutes of 16 kHz mono 16-bit audio is 5.8 MB. */
    public static final int MAX_BYTES = 8 * 1024 * 1024;
    /** Longest reply accepted from a kiosk, which records at most 60 s. */
    public static final Duration MAX_REPLY = Duration.ofSeconds(62);
    /** A page of {@link #list} when the request names no {@code limit}. */
    public static final int LIST_LIMIT = 100;
    /** The most one page of {@link #list} holds. */
    public static final int LIST_MAX = 500;

    static final String TO_RESIDENT = "TO_RESIDENT";
    static final String FROM_RESIDENT = "FROM_RESIDENT";

    private static final Logger LOG = LoggerFactory.getLogger(FamilyMessages.class);

    /** A message's audio file, for serving. */
    public record Audio(Path file, String sha256) {
    }

    /** What an upload did: stored it now, or found it stored by an earlier try of the same upload. */
    public record Stored(boolean created, MessageView message) {
    }

    private final Database database;
    private final Clock clock;
    private final Path dir;
    private final FamilySettings settings;
    private final List<Consumer<Set<String>>> listeners = new CopyOnWriteArrayList<>();

    /** @param dir where the audio is kept, one WAV file per SHA-256 */
    public FamilyMessages(Database database, Clock clock, Path dir, FamilySettings settings) {
        this.database = database;
        this.clock = clock;
        this.dir = dir;
        this.settings = settings;
    }

    /** Told, after the commit, the villages whose kiosks have message news; must return quickly. */
    public void addListener(Consumer<Set<String>> listener) {
        listeners.add(listener);
    }

    // From the family page.

    /**
     * Stores a message {@code member} recorded for their resident, audited as
     * {@code family.message.send}. {@code id} is made by the page, so a send retried on a weak line
     * stores the message once.
     *
     * @throws Refusal 400 naming {@code id} or {@code body}, 413 over {@link FamilySettings#maxMessage},
     *     409 if {@code id} names another message
     */
    public Stored fromFamily(FamilyMember member, String id, byte[] wav, FamilyAudit audit) {
        String messageId = uuid(id);
        long durationMs = WavCheck.durationMs(wav, settings.maxMessage(), "the message");
        String sha256 = keep(wav);
        Instant now = clock.instant();
        Stored stored = database.write(connection -> {
            Optional<Stored> earlier = earlier(connection, messageId, member.contactId(), sha256);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            String village = Sql.one(connection, "SELECT village FROM residents WHERE id = ?", row -> row.getString(1),
                    member.residentId()).orElseThrow();
            Sql.update(connection, "INSERT INTO family_messages (id, resident_id, contact_id, direction, sha256, bytes,"
                    + " duration_ms, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", messageId, member.residentId(),
                    member.contactId(), TO_RESIDENT, sha256, (long) wav.length, durationMs, now);
            changed(connection, messageId, village, now);
            audit.record(connection, member.contactId(), "family.message.send", messageId + " " + durationMs + " ms");
            return new Stored(true, view(connection, messageId).orElseThrow());
        });
        if (stored.created()) {
            LOG.info("family message {} for resident {}: {} bytes, {} ms", messageId, member.residentId(), wav.length,
                    durationMs);
            tell(Set.of(member.village()));
        }
        return stored;
    }

    /**
     * A page of the messages of {@code member} both ways, newest first (then by id, descending); the
     * cursor is the message's time and id. {@value #LIST_LIMIT} a page by default.
     */
    public Page<MessageView> list(FamilyMember member, PageRequest page) {
        StringBuilder sql = new StringBuilder("SELECT * FROM family_messages WHERE contact_id = ? AND deleted_at IS NULL");
        List<Object> parameters = new ArrayList<>(List.of(member.contactId()));
        Keyset.descending("sent_at", "id").page(sql, parameters, page,
                cursor -> List.of(cursor.number(0), cursor.text(1)));
        return Page.of(database.read(connection -> Sql.query(connection, sql.toString(), FamilyMessages::view,
                parameters.toArray())), page, message -> Cursor.of(message.sentAt().toEpochMilli(), message.id()));
    }

    /** The audio of one of {@code member}'s messages; 404 for any other id (another family's included). */
    public Audio audio(FamilyMember member, String id) {
        return stored(database.read(connection -> Sql.one(connection, "SELECT sha256 FROM family_messages WHERE id = ?"
                + " AND contact_id = ? AND deleted_at IS NULL", row -> row.getString(1), id, member.contactId())), id);
    }

    /**
     * {@code member} played a reply of their resident: it is 已听 from now on (the first time
     * counts). 404 for any other id, 409 for a message of their own (the resident hears those).
     */
    public MessageView heardByFamily(FamilyMember member, String id, FamilyAudit audit) {
        return database.write(connection -> {
            MessageView message = view(connection, id).filter(found -> ownedBy(connection, id, member))
                    .orElseThrow(() -> Refusal.notFound("no message " + id));
            if (!message.direction().equals(FROM_RESIDENT)) {
                throw Refusal.conflict("message " + id + " is one you sent; your family member hears it at the kiosk");
            }
            if (message.heardAt() == null) {
                Sql.update(connection, "UPDATE family_messages SET heard_at = ? WHERE id = ?", clock.instant(), id);
                audit.record(connection, member.contactId(), "family.message.heard", id);
            }
            return view(connection, id).orElseThrow();
        });
    }

    // From kiosks.

    /**
     * Stores a reply recorded at {@code kiosk} to message {@code replyTo}; it goes to the family
     * member who sent that message. {@code id} is made by the kiosk, so a retried upload stores it
     * once.
     *
     * @throws Refusal 404 for an unknown {@code replyTo}, 403 when it is for another village's
     *     resident, 413 over {@link #MAX_REPLY}
     */
    public Stored reply(KioskIdentity kiosk, String id, String replyTo, byte[] wav) {
        String messageId = uuid(id);
        if (replyTo == null || replyTo.isBlank()) {
            throw Refusal.invalidField("replyTo", "query parameter 'replyTo' (the message answered) is required");
        }
        long durationMs = WavCheck.durationMs(wav, MAX_REPLY, "the reply");
        record Original(String residentId, String contactId, String village) {
        }
        Original original = database.read(connection -> Sql.one(connection, "SELECT m.resident_id, m.contact_id,"
                + " r.village FROM family_messages m JOIN residents r ON r.id = m.resident_id WHERE m.id = ?"
                + " AND m.direction = ? AND m.deleted_at IS NULL", row -> new Original(row.getString(1),
                        row.getString(2), row.getString(3)), replyTo, TO_RESIDENT))
                .orElseThrow(() -> Refusal.notFound("no message " + replyTo + " to reply to"));
        if (!original.village().equals(kiosk.village())) {
            throw Refusal.forbidden("message " + replyTo + " is for a resident of " + original.village()
                    + "; this kiosk is in " + kiosk.village());
        }
        if (kiosk.home() && !original.residentId().equals(kiosk.residentId())) {
            throw Refusal.forbidden("message " + replyTo + " is for another resident than this home unit's");
        }
        String sha256 = keep(wav);
        Instant now = clock.instant();
        Stored stored = database.write(connection -> {
            Optional<Stored> earlier = earlier(connection, messageId, original.contactId(), sha256);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            Sql.update(connection, "INSERT INTO family_messages (id, resident_id, contact_id, direction, reply_to,"
                    + " kiosk_id, sha256, bytes, duration_ms, sent_at, delivered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    + " ?, ?)", messageId, original.residentId(), original.contactId(), FROM_RESIDENT, replyTo,
                    kiosk.kioskId(), sha256, (long) wav.length, durationMs, now, now);
            return new Stored(true, view(connection, messageId).orElseThrow());
        });
        if (stored.created()) {
            LOG.info("reply {} from kiosk {} to message {}: {} ms", messageId, kiosk.kioskId(), replyTo, durationMs);
        }
        return stored;
    }

    /**
     * The audio of a message to a resident of {@code kiosk}'s village (to its own resident for a home
     * unit); 404 otherwise.
     */
    public Audio audio(KioskIdentity kiosk, String id) {
        String resident = kiosk.home() ? kiosk.residentId() : null;
        return stored(database.read(connection -> Sql.one(connection, "SELECT m.sha256 FROM family_messages m"
                + " JOIN residents r ON r.id = m.resident_id WHERE m.id = ? AND m.direction = ? AND r.village = ?"
                + " AND (? IS NULL OR m.resident_id = ?) AND m.deleted_at IS NULL", row -> row.getString(1), id,
                TO_RESIDENT, kiosk.village(), resident, resident)), id);
    }

    /** MESSAGE_DELIVERED: the first kiosk to hold the message makes it 已送达. */
    public void delivered(IncomingEvent<MessageDelivered> event) throws SQLException {
        mark(event, event.payload().messageId(), "delivered_at", null);
    }

    /** MESSAGE_HEARD: the first play to its end makes the message 已听 on every kiosk and the family page. */
    public void heard(IncomingEvent<MessageHeard> event) throws SQLException {
        mark(event, event.payload().messageId(), "heard_at", "heard_kiosk");
    }

    private void mark(IncomingEvent<?> event, String id, String column, String kioskColumn) throws SQLException {
        Connection connection = event.connection();
        record Target(String village, Instant already) {
        }
        Optional<Target> target = Sql.one(connection, "SELECT r.village, m." + column + " FROM family_messages m"
                + " JOIN residents r ON r.id = m.resident_id WHERE m.id = ? AND m.direction = ?",
                row -> new Target(row.getString(1), Sql.instant(row, column)), id, TO_RESIDENT);
        if (target.isEmpty()) {
            // Deleted and purged meanwhile, or never a message: nothing to mark, and nothing to retry.
            return;
        }
        if (!target.get().village().equals(event.kiosk().village())) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "other_village", event.event().type() + " names message " + id
                    + " of a resident of " + target.get().village() + "; this kiosk is in " + event.kiosk().village());
        }
        if (target.get().already() != null) {
            return;
        }
        Instant at = event.event().clockTrusted() && event.event().occurredAt().isBefore(event.receivedAt())
                ? event.event().occurredAt() : event.receivedAt();
        if (kioskColumn == null) {
            Sql.update(connection, "UPDATE family_messages SET " + column + " = ? WHERE id = ?", at, id);
        } else {
            Sql.update(connection, "UPDATE family_messages SET " + column + " = ?, " + kioskColumn + " = ?,"
                    + " delivered_at = COALESCE(delivered_at, ?) WHERE id = ?", at, event.kiosk().kioskId(), at, id);
        }
        changed(connection, id, target.get().village(), event.receivedAt());
        String village = target.get().village();
        event.afterCommitOnce("family-messages " + village, () -> tell(Set.of(village)));
    }

    // The kiosks' part of the sync answer.

    /** The newest change of any village; a kiosk's slice beyond it comes from a restored backup. */
    long newestChange() {
        return database.read(connection -> Sql.one(connection, "SELECT MAX(seq) AS newest FROM family_message_changes",
                row -> row.getLong("newest")).orElse(0L));
    }

    boolean hasNews(String village, long slice) {
        return database.read(connection -> Sql.one(connection, "SELECT seq FROM family_message_changes"
                + " WHERE village = ? AND seq > ?", row -> row.getLong(1), village, slice)).isPresent();
    }

    /** What a kiosk of {@code village} gets after {@code slice}: the changed messages, at most {@code limit}. */
    record News(long slice, List<FamilyMessage> messages) {
    }

    News newsFor(String village, long slice, int limit) {
        return database.read(connection -> {
            List<long[]> seqs = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            Sql.query(connection, "SELECT seq, message_id FROM family_message_changes WHERE village = ? AND seq > ?"
                    + " ORDER BY seq LIMIT ?", row -> {
                        seqs.add(new long[] {row.getLong(1)});
                        ids.add(row.getString(2));
                        return null;
                    }, village, slice, limit);
            if (ids.isEmpty()) {
                return new News(slice, List.of());
            }
            long newSlice = seqs.get(seqs.size() - 1)[0];
            List<FamilyMessage> out = new ArrayList<>();
            for (String id : new java.util.LinkedHashSet<>(ids)) {
                Sql.one(connection, "SELECT m.*, c.relation FROM family_messages m JOIN family_contacts c"
                        + " ON c.id = m.contact_id WHERE m.id = ?", FamilyMessages::card, id).ifPresent(out::add);
            }
            return new News(newSlice, out);
        });
    }

    // Retention.

    /**
     * Deletes the messages older than {@link FamilySettings#retention} with their audio (the kiosks
     * are told through their cursor and delete theirs), and forgets tombstones a second retention
     * period old. Safe to run at any time.
     *
     * @return how many messages were deleted
     */
    public int purge() {
        Instant now = clock.instant();
        Instant before = now.minus(settings.retention());
        Set<String> villages = new TreeSet<>();
        Set<String> files = new TreeSet<>();
        int deleted = database.write(connection -> {
            record Old(String id, String sha256, String village, String direction) {
            }
            List<Old> old = Sql.query(connection, "SELECT m.id, m.sha256, r.village, m.direction FROM family_messages m"
                    + " JOIN residents r ON r.id = m.resident_id WHERE m.sent_at < ? AND m.deleted_at IS NULL",
                    row -> new Old(row.getString(1), row.getString(2), row.getString(3), row.getString(4)), before);
            for (Old message : old) {
                Sql.update(connection, "UPDATE family_messages SET deleted_at = ?, sha256 = NULL, bytes = NULL,"
                        + " duration_ms = NULL WHERE id = ?", now, message.id());
                if (message.direction().equals(TO_RESIDENT)) {
                    changed(connection, message.id(), message.village(), now);
                    villages.add(message.village());
                }
                files.add(message.sha256());
            }
            Sql.update(connection, "DELETE FROM family_messages WHERE deleted_at < ?", before);
            Sql.update(connection, "DELETE FROM family_message_changes WHERE changed_at < ? AND message_id NOT IN"
                    + " (SELECT id FROM family_messages)", before);
            return old.size();
        });
        for (String sha256 : files) {
            deleteIfUnused(sha256);
        }
        if (!villages.isEmpty()) {
            tell(villages);
        }
        if (deleted > 0) {
            LOG.info("deleted {} family messages older than {} days", deleted, settings.retention().toDays());
        }
        return deleted;
    }

    // Internals.

    private Audio stored(Optional<String> sha256, String id) {
        if (sha256.isEmpty() || sha256.get() == null) {
            throw Refusal.notFound("no message " + id);
        }
        Path file = dir.resolve(sha256.get() + ".wav");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("the audio file " + file + " of message " + id + " is missing");
        }
        return new Audio(file, sha256.get());
    }

    /** Writes the audio under its checksum before the row that names it. */
    private String keep(byte[] wav) {
        String sha256 = ChecksumFiles.sha256(wav);
        try {
            ChecksumFiles.writeDurably(dir.resolve(sha256 + ".wav"), wav);
        } catch (IOException e) {
            throw new IllegalStateException("cannot store a family message in " + dir + ": " + e.getMessage(), e);
        }
        return sha256;
    }

    /** The message stored by an earlier try of the same upload, or a 409 if the id is another's. */
    private static Optional<Stored> earlier(Connection connection, String id, String contactId, String sha256)
            throws SQLException {
        record Existing(String contactId, String sha256) {
        }
        Optional<Existing> existing = Sql.one(connection, "SELECT contact_id, sha256 FROM family_messages WHERE id = ?",
                row -> new Existing(row.getString(1), row.getString(2)), id);
        if (existing.isEmpty()) {
            return Optional.empty();
        }
        if (!existing.get().contactId().equals(contactId) || !sha256.equals(existing.get().sha256())) {
            throw new Refusal(Refusal.Kind.CONFLICT, "message_exists", "field 'id': message " + id
                    + " exists with other audio; make a new id for a new message");
        }
        return Optional.of(new Stored(false, view(connection, id).orElseThrow()));
    }

    private static boolean ownedBy(Connection connection, String id, FamilyMember member) {
        try {
            return Sql.one(connection, "SELECT id FROM family_messages WHERE id = ? AND contact_id = ?",
                    row -> row.getString(1), id, member.contactId()).isPresent();
        } catch (SQLException e) {
            throw new org.courtyard.hub.store.DatabaseException("reading message " + id + " failed", e);
        }
    }

    private void changed(Connection connection, String messageId, String village, Instant at) throws SQLException {
        Sql.update(connection, "INSERT INTO family_message_changes (message_id, village, changed_at) VALUES (?, ?, ?)",
                messageId, village, at);
    }

    private void tell(Collection<String> villages) {
        Set<String> copy = Set.copyOf(villages);
        for (Consumer<Set<String>> listener : listeners) {
            listener.accept(copy);
        }
    }

    private void deleteIfUnused(String sha256) {
        if (sha256 == null) {
            return;
        }
        boolean used = database.read(connection -> Sql.one(connection, "SELECT id FROM family_messages WHERE sha256 = ?",
                row -> row.getString(1), sha256)).isPresent();
        if (used) {
            return;
        }
        try {
            Files.deleteIfExists(dir.resolve(sha256 + ".wav"));
        } catch (IOException e) {
            LOG.warn("cannot delete the audio of a deleted family message {}: {}", sha256, e.getMessage());
        }
    }

    private static Optional<MessageView> view(Connection connection, String id) throws SQLException {
        return Sql.one(connection, "SELECT * FROM family_messages WHERE id = ? AND deleted_at IS NULL",
                FamilyMessages::view, id);
    }

    private static MessageView view(ResultSet row) throws SQLException {
        String id = row.getString("id");
        return new MessageView(id, row.getString("direction"), Sql.instant(row, "sent_at"), row.getLong("duration_ms"),
                Sql.instant(row, "delivered_at"), Sql.instant(row, "heard_at"), MessageView.audioPath(id));
    }

    private static FamilyMessage card(ResultSet row) throws SQLException {
        if (Sql.instant(row, "deleted_at") != null) {
            return FamilyMessage.deleted(row.getString("id"), row.getString("resident_id"));
        }
        return new FamilyMessage(row.getString("id"), row.getString("resident_id"), row.getString("relation"),
                Sql.instant(row, "sent_at"), new AudioRef(row.getString("sha256"), row.getLong("bytes"),
                        row.getLong("duration_ms")), Sql.instant(row, "heard_at"), false);
    }

    private static String uuid(String id) {
        try {
            return UUID.fromString(id == null ? "" : id).toString();
        } catch (IllegalArgumentException e) {
            throw Refusal.invalidField("id", "query parameter 'id' must be a UUID the sender made for this message,"
                    + " was '" + id + "'");
        }
    }
}
