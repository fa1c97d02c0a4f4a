package org.courtyard.kiosk.announce;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.courtyard.kiosk.store.KioskStore;
import org.courtyard.protocol.Announcement;
import org.courtyard.protocol.AnnouncementPlayed;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.ProtocolJson;

/**
 * The announcement tables in the kiosk's database (migration key {@value #KEY}): each announcement's latest revision, and the
 * scheduled plays that are done. A play's record and its {@code ANNOUNCEMENT_PLAYED} event are
 * written in one transaction, so after a power cut the kiosk neither repeats a play it reported nor
 * forgets to report one it counts as done.
 */
final class AnnounceStore {

    /** An announcement as stored, with the audio whose download was reported to the hub. */
    record Stored(Announcement announcement, String reportedAudio) {
    }

    static final String KEY = "announce";

    private static final List<String> MIGRATIONS = List.of(
            // The latest revision of each announcement as protocol JSON; times in epoch milliseconds.
            """
            CREATE TABLE announcement (
              id VARCHAR(100) PRIMARY KEY,
              revision INTEGER NOT NULL,
              body TEXT NOT NULL,
              received_at BIGINT NOT NULL,
              audio_reported VARCHAR(64)
            )""",
            // The scheduled plays that are done, so a restart neither repeats them nor forgets one still due.
            """
            CREATE TABLE announcement_play (
              announcement_id VARCHAR(100) NOT NULL,
              occurrence_at BIGINT NOT NULL,
              outcome VARCHAR(16) NOT NULL,
              started_at BIGINT NOT NULL,
              ended_at BIGINT NOT NULL,
              PRIMARY KEY (announcement_id, occurrence_at)
            )""");

    private final KioskStore store;

    AnnounceStore(KioskStore store) {
        this.store = store;
        store.migrate(KEY, MIGRATIONS);
    }

    Map<String, Stored> all() {
        return store.transaction(connection -> {
            Map<String, Stored> out = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT body, audio_reported FROM announcement ORDER BY id");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Announcement announcement = ProtocolJson.read(rows.getString(1), Announcement.class);
                    out.put(announcement.id(), new Stored(announcement, rows.getString(2)));
                }
            }
            return out;
        });
    }

    /** Scheduled plays that are done, as {@link #key}s. */
    Set<String> donePlays() {
        return store.transaction(connection -> {
            Set<String> out = new HashSet<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT announcement_id, occurrence_at FROM announcement_play");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    out.add(key(rows.getString(1), Instant.ofEpochMilli(rows.getLong(2))));
                }
            }
            return out;
        });
    }

    static String key(String announcementId, Instant occurrence) {
        return announcementId + "@" + occurrence.toEpochMilli();
    }

    /** Stores a newer revision (or a new announcement); the reported audio is kept. */
    void put(Announcement announcement, Instant now) {
        store.transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE announcement SET revision = ?, body = ?, received_at = ? WHERE id = ?")) {
                update.setInt(1, announcement.revision());
                update.setString(2, ProtocolJson.write(announcement));
                update.setLong(3, now.toEpochMilli());
                update.setString(4, announcement.id());
                if (update.executeUpdate() == 1) {
                    return null;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO announcement (id, revision, body, received_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, announcement.id());
                insert.setInt(2, announcement.revision());
                insert.setString(3, ProtocolJson.write(announcement));
                insert.setLong(4, now.toEpochMilli());
                insert.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Appends {@code event} (an ANNOUNCEMENT_PLAYED) to the outbox and, when the play settles a
     * scheduled occurrence ({@code occurrence} not null), records that occurrence as done.
     */
    void played(Event event, Instant occurrence) {
        AnnouncementPlayed played = (AnnouncementPlayed) event.payload();
        store.append(event, connection -> {
            if (occurrence == null) {
                return null;
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO announcement_play"
                    + " (announcement_id, occurrence_at, outcome, started_at, ended_at) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, played.announcementId());
                insert.setLong(2, occurrence.toEpochMilli());
                insert.setString(3, played.outcome().name());
                insert.setLong(4, played.startedAt().toEpochMilli());
                insert.setLong(5, played.endedAt().toEpochMilli());
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** Appends {@code event} (an AUDIO_DOWNLOADED) and notes that this audio was reported. */
    void downloaded(Event event, String announcementId, String sha256) {
        store.append(event, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE announcement SET audio_reported = ? WHERE id = ?")) {
                update.setString(1, sha256);
                update.setString(2, announcementId);
                update.executeUpdate();
            }
            return null;
        });
    }
}
