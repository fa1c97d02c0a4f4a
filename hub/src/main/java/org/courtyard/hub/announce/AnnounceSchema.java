package org.courtyard.hub.announce;

import java.util.List;
import org.courtyard.hub.store.Migration;

/**
 * The tables of {@code announce}: announcements, their changes (the kiosks' announcement cursor)
 * and delivery boards. The hub's one migration runner applies these steps as feature {@code
 * "announce"}; see {@link Migration} for the rules.
 */
public final class AnnounceSchema {

    /** Every step, oldest first; a change is a new step at the end. */
    public static final List<Migration> STEPS = List.of(
            new Migration(1, "announcements, their changes and delivery board", List.of(
                    // targets: the protocol's Targets as JSON; repeat_daily: "08:00,18:30" (kiosk local
                    // times); audio_*: the file DATA/audio/<audio_sha256>.wav; change_seq: the row of
                    // announcement_changes that last changed it, which kiosks' cursors count.
                    """
                    CREATE TABLE announcements (
                      id VARCHAR(16) PRIMARY KEY,
                      title VARCHAR(200) NOT NULL,
                      body TEXT,
                      priority VARCHAR(16) NOT NULL,
                      outdoor BOOLEAN NOT NULL,
                      targets TEXT NOT NULL,
                      starts_at BIGINT NOT NULL,
                      ends_at BIGINT,
                      repeat_daily VARCHAR(200) NOT NULL,
                      audio_sha256 VARCHAR(64),
                      audio_bytes BIGINT,
                      audio_duration_ms BIGINT,
                      revision INTEGER NOT NULL,
                      change_seq BIGINT NOT NULL,
                      created_by VARCHAR(64) NOT NULL,
                      created_at BIGINT NOT NULL,
                      updated_by VARCHAR(64) NOT NULL,
                      updated_at BIGINT NOT NULL,
                      withdrawn_by VARCHAR(64),
                      withdrawn_at BIGINT
                    )""",
                    "CREATE INDEX announcements_change ON announcements(change_seq)",
                    // seq: see help_history.seq in HelpSchema.
                    """
                    CREATE TABLE announcement_changes (
                      seq INTEGER PRIMARY KEY,
                      announcement_id VARCHAR(16) NOT NULL REFERENCES announcements(id),
                      revision INTEGER NOT NULL,
                      changed_by VARCHAR(64) NOT NULL,
                      changed_at BIGINT NOT NULL
                    )""",
                    """
                    CREATE TABLE announcement_deliveries (
                      announcement_id VARCHAR(16) NOT NULL REFERENCES announcements(id),
                      kiosk_id VARCHAR(16) NOT NULL REFERENCES kiosks(id),
                      delivered_at BIGINT,
                      delivered_revision INTEGER,
                      downloaded_at BIGINT,
                      downloaded_sha256 VARCHAR(64),
                      played_at BIGINT,
                      outcome VARCHAR(16),
                      detail TEXT,
                      outcome_at BIGINT,
                      plays INTEGER NOT NULL,
                      PRIMARY KEY (announcement_id, kiosk_id)
                    )""",
                    "CREATE INDEX announcement_deliveries_kiosk ON announcement_deliveries(kiosk_id)")),
            new Migration(2, "announcements in the list's order", List.of(
                    // GET /api/v1/announcements pages newest first by creation, then id: a page reads
                    // its rows along this index instead of sorting the table.
                    "CREATE INDEX announcements_listed ON announcements(created_at, id)")));

    private AnnounceSchema() {
    }
}
