package org.courtyard.kiosk.voice.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.courtyard.kiosk.store.KioskStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Voice memos waiting for the hub, in the kiosk's database ({@code voice_memo}, migration key
 * {@value #KEY}) with the audio in
 * {@code DATA/memos/SHA256.wav}. One memo per help request (a new one replaces the old). A memo is
 * due for upload only once its request has been DELIVERED — the hub must know the request first —
 * and then retried like the outbox until the hub takes it; the file is deleted once it has.
 */
public final class MemoQueue {

    private static final Logger LOG = LoggerFactory.getLogger(MemoQueue.class);

    /** A memo as stored. */
    public record Memo(UUID requestId, Path file, String sha256, long bytes, long durationMs, String transcript,
            int attempts, Instant recordedAt, Instant nextAttemptAt, Instant uploadedAt, Instant failedAt,
            String lastError) {
    }

    static final String KEY = "voice-memo";

    private static final List<String> MIGRATIONS = List.of(
            // Voice memos waiting to be uploaded after their help request was delivered.
            """
            CREATE TABLE voice_memo (
              request_id VARCHAR(36) PRIMARY KEY,
              file VARCHAR(200) NOT NULL,
              sha256 VARCHAR(64) NOT NULL,
              bytes BIGINT NOT NULL,
              duration_ms BIGINT NOT NULL,
              transcript VARCHAR(4000),
              recorded_at BIGINT NOT NULL,
              attempts INTEGER NOT NULL DEFAULT 0,
              next_attempt_at BIGINT NOT NULL,
              uploaded_at BIGINT,
              failed_at BIGINT,
              last_error VARCHAR(4000)
            )""");

    private final KioskStore store;
    private final Path dir;
    private final Clock clock;
    private final Predicate<UUID> delivered;

    /**
     * @param delivered whether the hub holds the help request of this id (the help feature knows);
     *     a memo waits until it does
     */
    public MemoQueue(KioskStore store, Path dir, Clock clock, Predicate<UUID> delivered) {
        this.store = store;
        this.dir = dir;
        this.clock = clock;
        this.delivered = delivered;
        store.migrate(KEY, MIGRATIONS);
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
        store.transaction(connection -> {
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
        return deliverable().stream().filter(memo -> !memo.nextAttemptAt().isAfter(now)).findFirst();
    }

    /** When the next retry of a delivered request's memo is due, if one waits. */
    public Optional<Instant> nextAttempt() {
        return deliverable().stream().map(Memo::nextAttemptAt).min(Instant::compareTo);
    }

    /** The memos not yet taken or given up whose request the hub holds, oldest first. */
    private List<Memo> deliverable() {
        List<Memo> waiting = store.read(connection -> {
            List<Memo> out = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT * FROM voice_memo"
                    + " WHERE uploaded_at IS NULL AND failed_at IS NULL ORDER BY recorded_at");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    out.add(read(rows));
                }
            }
            return out;
        });
        return waiting.stream().filter(memo -> delivered.test(memo.requestId())).toList();
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
        store.transaction(connection -> {
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
        store.transaction(connection -> {
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
        store.transaction(connection -> {
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
                Instant.ofEpochMilli(row.getLong("next_attempt_at")), instant(row, "uploaded_at"), instant(row, "failed_at"), row.getString("last_error"));
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
