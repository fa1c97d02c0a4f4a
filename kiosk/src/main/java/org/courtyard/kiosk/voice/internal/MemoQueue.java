package org.courtyard.kiosk.voice.internal;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.courtyard.kiosk.store.KioskStore;
import org.courtyard.kiosk.store.LocalHelpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Voice memos waiting for the hub, in the kiosk's database ({@code voice_memo}) with the audio in
 * {@code DATA/memos/SHA256.wav}. One memo per help request (a new one replaces the old). A memo is
 * due for upload only once its request has been DELIVERED — the hub must know the request first —
 * and then retried like the outbox until the hub takes it; the file is deleted once it has.
 */
public final class MemoQueue {

    private static final Logger LOG = LoggerFactory.getLogger(MemoQueue.class);

    /** A memo as stored. */
    public record Memo(UUID requestId, Path file, String sha256, long bytes, long durationMs, String transcript,
            int attempts, Instant recordedAt, Instant uploadedAt, Instant failedAt, String lastError) {
    }

    private final KioskStore store;
    private final Path dir;
    private final Clock clock;

    public MemoQueue(KioskStore store, Path dir, Clock clock) {
        this.store = store;
        this.dir = dir;
        this.clock = clock;
    }

    /** Stores a memo durably (file fsynced, then the row); the upload may start at once. */
    public Memo save(UUID requestId, byte[] wav, long durationMs, String transcript) throws IOException {
        String sha256 = sha256(wav);
        Files.createDirectories(dir);
        Path file = dir.resolve(sha256 + ".wav");
        Path temp = dir.resolve(sha256 + ".wav.part");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(java.nio.ByteBuffer.wrap(wav));
            channel.force(true);
        }
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        Instant now = clock.instant();
        store.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM voice_memo WHERE request_id = ?")) {
                delete.setString(1, requestId.toString());
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO voice_memo (request_id, file,"
                    + " sha256, bytes, duration_ms, transcript, recorded_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, requestId.toString());
                insert.setString(2, file.getFileName().toString());
                insert.setString(3, sha256);
                insert.setLong(4, wav.length);
                insert.setLong(5, durationMs);
                if (transcript == null || transcript.isBlank()) {
                    insert.setNull(6, Types.VARCHAR);
                } else {
                    insert.setString(6, transcript.length() > 4000 ? transcript.substring(0, 4000) : transcript);
                }
                insert.setLong(7, now.toEpochMilli());
                insert.setLong(8, now.toEpochMilli());
                insert.executeUpdate();
            }
            return null;
        });
        return memo(requestId).orElseThrow();
    }

    public Optional<Memo> memo(UUID requestId) {
        return store.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT * FROM voice_memo WHERE request_id = ?")) {
                select.setString(1, requestId.toString());
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(read(rows)) : Optional.<Memo>empty();
                }
            }
        });
    }

    /** The oldest memo that may be uploaded at {@code now}: not yet taken, request delivered, retry time come. */
    public Optional<Memo> nextDue(Instant now) {
        return store.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT m.* FROM voice_memo m"
                    + " JOIN help_request h ON h.id = m.request_id WHERE m.uploaded_at IS NULL AND m.failed_at IS NULL"
                    + " AND h.status <> ? AND m.next_attempt_at <= ? ORDER BY m.recorded_at LIMIT 1")) {
                select.setString(1, LocalHelpStatus.SAVED.name());
                select.setLong(2, now.toEpochMilli());
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(read(rows)) : Optional.<Memo>empty();
                }
            }
        });
    }

    /** When the next retry of a delivered request's memo is due, if one waits. */
    public Optional<Instant> nextAttempt() {
        return store.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT MIN(m.next_attempt_at) FROM voice_memo m"
                    + " JOIN help_request h ON h.id = m.request_id WHERE m.uploaded_at IS NULL AND m.failed_at IS NULL"
                    + " AND h.status <> ?")) {
                select.setString(1, LocalHelpStatus.SAVED.name());
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    long at = rows.getLong(1);
                    return rows.wasNull() ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(at));
                }
            }
        });
    }

    /** Memos not yet taken by the hub (waiting for delivery or retrying). */
    public int waiting() {
        return store.read(connection -> {
            try (PreparedStatement count = connection.prepareStatement(
                    "SELECT COUNT(*) FROM voice_memo WHERE uploaded_at IS NULL AND failed_at IS NULL");
                    ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        });
    }

    /** The hub has the memo: the row stays for the record, the file goes. */
    public void uploaded(Memo memo) {
        update("UPDATE voice_memo SET uploaded_at = ?, last_error = NULL WHERE request_id = ?",
                clock.instant().toEpochMilli(), memo.requestId());
        deleteFile(memo);
    }

    /** Try again at {@code at}. */
    public void retryLater(Memo memo, String error, Instant at) {
        store.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE voice_memo SET attempts = attempts + 1,"
                    + " next_attempt_at = ?, last_error = ? WHERE request_id = ?")) {
                update.setLong(1, at.toEpochMilli());
                update.setString(2, truncate(error));
                update.setString(3, memo.requestId().toString());
                update.executeUpdate();
            }
            return null;
        });
    }

    /** The hub refused the memo for good (it will refuse it again); kept with the reason, not retried. */
    public void failed(Memo memo, String error) {
        store.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE voice_memo SET attempts = attempts + 1,"
                    + " failed_at = ?, last_error = ? WHERE request_id = ?")) {
                update.setLong(1, clock.instant().toEpochMilli());
                update.setString(2, truncate(error));
                update.setString(3, memo.requestId().toString());
                update.executeUpdate();
            }
            return null;
        });
    }

    public Path fileOf(Memo memo) {
        return dir.resolve(memo.file());
    }

    private void deleteFile(Memo memo) {
        try {
            Files.deleteIfExists(fileOf(memo));
        } catch (IOException e) {
            LOG.warn("Cannot delete the uploaded memo {}: {}", fileOf(memo), e.getMessage());
        }
    }

    private void update(String sql, long at, UUID id) {
        store.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                update.setLong(1, at);
                update.setString(2, id.toString());
                update.executeUpdate();
            }
            return null;
        });
    }

    private static Memo read(ResultSet row) throws java.sql.SQLException {
        return new Memo(UUID.fromString(row.getString("request_id")), Path.of(row.getString("file")),
                row.getString("sha256"), row.getLong("bytes"), row.getLong("duration_ms"), row.getString("transcript"),
                row.getInt("attempts"), Instant.ofEpochMilli(row.getLong("recorded_at")),
                instant(row, "uploaded_at"), instant(row, "failed_at"), row.getString("last_error"));
    }

    private static Instant instant(ResultSet row, String column) throws java.sql.SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(value);
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 4000 ? text : text.substring(0, 4000);
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }
}
