package org.courtyard.kiosk.voice.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.courtyard.kiosk.store.KioskStore;
import org.courtyard.kiosk.voice.Intent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every recognition the kiosk made — text, confidence, chosen intent, outcome, and how long from
 * the end of speech to the intent — in the kiosk's database ({@code voice_recognition}, migration key
 * {@value #KEY}), at most
 * {@code maxEntries} of them (the oldest go first). With {@code keepAudio} the audio of each is kept
 * as {@code DATA/voice-log/ID.wav} and deleted with its entry. Heartbeats carry a
 * {@link #summary(Duration)} of it.
 */
public final class RecognitionLog {

    private static final Logger LOG = LoggerFactory.getLogger(RecognitionLog.class);

    /** What listened. */
    public enum Mode {
        /** Push-to-talk, or the follow-up after a read-back. */
        COMMAND,
        /** Always-on listening for distress phrases. */
        DISTRESS,
        /** The transcript of a voice memo (free speech). */
        MEMO
    }

    /** What came of it. */
    public enum Outcome {
        /** Understood and acted on (or read back). */
        ACCEPTED,
        /** Vosk heard only {@code [unk]}: chatter, or a phrase not in the grammar. */
        UNKNOWN,
        /** Words, but below the confidence threshold. */
        LOW_CONFIDENCE,
        /** Words that name no intent. */
        UNMATCHED,
        /** Push-to-talk ended without anyone speaking. */
        NO_SPEECH,
        /** A memo's transcript. */
        TRANSCRIBED
    }

    /** One recognition; {@code intent}, {@code latencyMs} and {@code audioFile} may be null. */
    public record Entry(Instant at, Mode mode, String text, double confidence, Intent intent, Outcome outcome,
            Long latencyMs, String audioFile) {
    }

    /** Figures for the heartbeat. */
    public record Summary(int recognitions, int notUnderstood, double meanConfidence, long medianLatencyMs) {

        /** E.g. {@code 42 recognitions in 24 h, 3 not understood, mean confidence 0.81, 180 ms to intent}. */
        public String describe(Duration window) {
            if (recognitions == 0) {
                return "no recognitions in " + window.toHours() + " h";
            }
            return String.format(Locale.ROOT, "%d recognitions in %d h, %d not understood, mean confidence %.2f%s",
                    recognitions, window.toHours(), notUnderstood, meanConfidence,
                    medianLatencyMs < 0 ? "" : ", " + medianLatencyMs + " ms to intent");
        }
    }

    private final KioskStore store;
    private final Path audioDir;
    private final int maxEntries;
    private final Clock clock;

    static final String KEY = "voice-log";

    private static final List<String> MIGRATIONS = List.of(
            // Every recognition, bounded by maxEntries; times in epoch milliseconds, so that they sort.
            """
            CREATE TABLE voice_recognition (
              id INTEGER PRIMARY KEY,
              at BIGINT NOT NULL,
              mode VARCHAR(16) NOT NULL,
              text VARCHAR(4000),
              confidence DOUBLE PRECISION,
              intent VARCHAR(32),
              outcome VARCHAR(32) NOT NULL,
              latency_ms BIGINT,
              audio_file VARCHAR(200)
            )""");

    public RecognitionLog(KioskStore store, Path audioDir, int maxEntries, Clock clock) {
        this.store = store;
        store.migrate(KEY, MIGRATIONS);
        this.audioDir = audioDir;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /** Adds an entry; {@code wav} (null for none) is kept beside it. Drops the oldest beyond the cap. */
    public void add(Mode mode, String text, double confidence, Intent intent, Outcome outcome, Long latencyMs,
            byte[] wav) {
        Instant at = clock.instant();
        List<String> dropped = store.transaction(connection -> {
            long id;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO voice_recognition"
                    + " (at, mode, text, confidence, intent, outcome, latency_ms) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    java.sql.Statement.RETURN_GENERATED_KEYS)) {
                insert.setLong(1, at.toEpochMilli());
                insert.setString(2, mode.name());
                insert.setString(3, text == null || text.isEmpty() ? null : truncate(text));
                insert.setDouble(4, confidence);
                insert.setString(5, intent == null ? null : intent.name());
                insert.setString(6, outcome.name());
                if (latencyMs == null) {
                    insert.setNull(7, Types.BIGINT);
                } else {
                    insert.setLong(7, latencyMs);
                }
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            if (wav != null) {
                String file = id + ".wav";
                try {
                    Files.createDirectories(audioDir);
                    Files.write(audioDir.resolve(file), wav);
                    try (PreparedStatement update = connection.prepareStatement(
                            "UPDATE voice_recognition SET audio_file = ? WHERE id = ?")) {
                        update.setString(1, file);
                        update.setLong(2, id);
                        update.executeUpdate();
                    }
                } catch (IOException e) {
                    LOG.warn("Cannot keep the audio of recognition {} in {}: {}", id, audioDir, e.getMessage());
                }
            }
            List<String> files = new ArrayList<>();
            long cutoff = id - maxEntries;
            try (PreparedStatement old = connection.prepareStatement(
                    "SELECT audio_file FROM voice_recognition WHERE id <= ? AND audio_file IS NOT NULL")) {
                old.setLong(1, cutoff);
                try (ResultSet rows = old.executeQuery()) {
                    while (rows.next()) {
                        files.add(rows.getString(1));
                    }
                }
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM voice_recognition WHERE id <= ?")) {
                delete.setLong(1, cutoff);
                delete.executeUpdate();
            }
            return files;
        });
        for (String file : dropped) {
            try {
                Files.deleteIfExists(audioDir.resolve(file));
            } catch (IOException e) {
                LOG.warn("Cannot delete old recognition audio {}: {}", audioDir.resolve(file), e.getMessage());
            }
        }
    }

    /** The newest {@code limit} entries, newest first. */
    public List<Entry> recent(int limit) {
        return store.read(connection -> {
            List<Entry> entries = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT at, mode, text, confidence, intent,"
                    + " outcome, latency_ms, audio_file FROM voice_recognition ORDER BY id DESC LIMIT ?")) {
                select.setInt(1, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        long latency = rows.getLong(7);
                        Long latencyMs = rows.wasNull() ? null : latency;
                        String intent = rows.getString(5);
                        entries.add(new Entry(Instant.ofEpochMilli(rows.getLong(1)), Mode.valueOf(rows.getString(2)),
                                rows.getString(3) == null ? "" : rows.getString(3), rows.getDouble(4),
                                intent == null ? null : Intent.valueOf(intent), Outcome.valueOf(rows.getString(6)),
                                latencyMs, rows.getString(8)));
                    }
                }
            }
            return entries;
        });
    }

    /** How many entries are kept now. */
    public int size() {
        return store.read(connection -> {
            try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM voice_recognition");
                    ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        });
    }

    /**
     * The commands heard in the last {@code window} (push-to-talk and distress, not memos or
     * silences): how many, how many were not understood, their mean confidence where words were
     * heard, and the median time from the end of speech to the intent (-1 without any).
     */
    public Summary summary(Duration window) {
        long since = clock.instant().minus(window).toEpochMilli();
        return store.read(connection -> {
            int total = 0;
            int failed = 0;
            double confidence = 0;
            int withWords = 0;
            List<Long> latencies = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT outcome, confidence, text, latency_ms"
                    + " FROM voice_recognition WHERE at >= ? AND mode <> ? AND outcome <> ?")) {
                select.setLong(1, since);
                select.setString(2, Mode.MEMO.name());
                select.setString(3, Outcome.NO_SPEECH.name());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        total++;
                        Outcome outcome = Outcome.valueOf(rows.getString(1));
                        if (outcome != Outcome.ACCEPTED) {
                            failed++;
                        }
                        if (rows.getString(3) != null) {
                            confidence += rows.getDouble(2);
                            withWords++;
                        }
                        long latency = rows.getLong(4);
                        if (!rows.wasNull() && outcome == Outcome.ACCEPTED) {
                            latencies.add(latency);
                        }
                    }
                }
            }
            latencies.sort(null);
            long median = latencies.isEmpty() ? -1 : latencies.get(latencies.size() / 2);
            return new Summary(total, failed, withWords == 0 ? 0 : confidence / withWords, median);
        });
    }

    private static String truncate(String text) {
        return text.length() <= 4000 ? text : text.substring(0, 4000);
    }
}
