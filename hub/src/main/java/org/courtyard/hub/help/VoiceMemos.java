package org.courtyard.hub.help;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.courtyard.hub.auth.KioskIdentity;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.core.Refusal;
import org.courtyard.hub.core.WavCheck;
import org.courtyard.hub.store.ChecksumFiles;
import org.courtyard.hub.store.Database;
import org.courtyard.hub.store.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The voice memos of help requests: what the elder said after asking, recorded at the kiosk as a
 * WAV file. The audio is stored beside the database as {@code DATA/memos/SHA256.wav} (written to
 * a temporary file, flushed to disk, then renamed), its facts in {@code voice_memos}; a request
 * has at most one memo and a new upload replaces it, so a kiosk retrying after a lost answer
 * changes nothing. Staff are told through the live stream ({@code help-updated}); no webhook.
 */
public final class VoiceMemos {

    /** Largest memo accepted: two minutes of 16 kHz mono 16-bit audio, with room to spare. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;
    /**
     * Longest transcript accepted: it travels URL-encoded in the query (nine bytes per Chinese
     * character), which must fit in the request line; 30 s of speech is about 200 characters.
     */
    public static final int MAX_TRANSCRIPT_CHARS = 500;
    /** Longest memo accepted (kiosks record at most 30 s by default, 120 s at most). */
    public static final Duration MAX_LENGTH = Duration.ofSeconds(120);

    private static final Logger LOG = LoggerFactory.getLogger(VoiceMemos.class);

    /** A memo's audio, for playing. */
    public record Audio(VoiceMemo memo, Path file) {
    }

    private final Database database;
    private final Clock clock;
    private final Path dir;
    private final HelpRequests help;

    public VoiceMemos(Database database, Clock clock, Path dir, HelpRequests help) {
        this.database = database;
        this.clock = clock;
        this.dir = dir;
        this.help = help;
    }

    /**
     * Stores {@code wav} as the memo of request {@code id}, sent by {@code kiosk}. 404 if the hub
     * does not know the request, 403 if another kiosk sent it, 400 naming {@code body} if it is not
     * a PCM WAV file, 413 if it is longer than {@link #MAX_LENGTH}, 400 naming {@code transcript}
     * if that is over {@link #MAX_TRANSCRIPT_CHARS} characters.
     */
    public VoiceMemo store(KioskIdentity kiosk, UUID id, byte[] wav, String transcript) {
        if (transcript != null && transcript.length() > MAX_TRANSCRIPT_CHARS) {
            throw Refusal.invalidField("transcript", "query parameter 'transcript' is longer than "
                    + MAX_TRANSCRIPT_CHARS + " characters");
        }
        long durationMs = WavCheck.durationMs(wav, MAX_LENGTH, "the memo");
        requireOwnRequest(kiosk, id);
        String sha256 = ChecksumFiles.sha256(wav);
        Path file = dir.resolve(sha256 + ".wav");
        try {
            ChecksumFiles.writeDurably(file, wav);
        } catch (IOException e) {
            throw new IllegalStateException("cannot store the voice memo " + file + ": " + e.getMessage(), e);
        }
        String text = transcript == null || transcript.isBlank() ? null : transcript.strip();
        String[] replaced = new String[1];
        HelpChange change = database.write(connection -> {
            HelpView current = requireOwnRequest(connection, kiosk, id);
            if (current.voiceMemo() != null && !current.voiceMemo().sha256().equals(sha256)) {
                replaced[0] = current.voiceMemo().sha256();
            }
            Sql.update(connection, "DELETE FROM voice_memos WHERE request_id = ?", id.toString());
            Sql.update(connection, "INSERT INTO voice_memos (request_id, sha256, bytes, duration_ms, transcript,"
                    + " received_at) VALUES (?, ?, ?, ?, ?, ?)", id.toString(), sha256, (long) wav.length, durationMs,
                    text, clock.instant());
            return new HelpChange(HelpChange.Kind.DETAILS, help.view(connection, id).orElseThrow());
        });
        if (replaced[0] != null) {
            deleteUnused(replaced[0]);
        }
        help.publish(List.of(change));
        LOG.info("voice memo of help request {} from kiosk {} stored: {} bytes, {} ms", id, kiosk.kioskId(),
                wav.length, durationMs);
        return change.help().voiceMemo();
    }

    /** The memo of request {@code id} for {@code user}: 404 if none (or no such request), 403 for another village. */
    public Audio audio(StaffUser user, UUID id) {
        HelpView view = help.get(user, id);
        VoiceMemo memo = view.voiceMemo();
        if (memo == null) {
            throw Refusal.notFound("help request " + id + " has no voice memo");
        }
        Path file = dir.resolve(memo.sha256() + ".wav");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("the voice memo file " + file + " of help request " + id + " is missing");
        }
        return new Audio(memo, file);
    }

    private void requireOwnRequest(KioskIdentity kiosk, UUID id) {
        database.read(connection -> requireOwnRequest(connection, kiosk, id));
    }

    private HelpView requireOwnRequest(java.sql.Connection connection, KioskIdentity kiosk, UUID id)
            throws java.sql.SQLException {
        HelpView view = help.view(connection, id)
                .orElseThrow(() -> Refusal.notFound("no help request " + id + " on the hub; send the memo after the"
                        + " request was accepted by a sync"));
        if (!view.request().kioskId().equals(kiosk.kioskId())) {
            throw Refusal.forbidden("help request " + id + " was sent by another kiosk");
        }
        return view;
    }

    private void deleteUnused(String sha256) {
        boolean used = database.read(connection -> Sql.one(connection, "SELECT request_id FROM voice_memos WHERE sha256 = ?",
                row -> row.getString(1), sha256)).isPresent();
        if (used) {
            return;
        }
        try {
            Files.deleteIfExists(dir.resolve(sha256 + ".wav"));
        } catch (IOException e) {
            LOG.warn("cannot delete the replaced voice memo {}: {}", dir.resolve(sha256 + ".wav"), e.getMessage());
        }
    }
}
