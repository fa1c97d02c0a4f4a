package org.courtyard.hub.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.courtyard.hub.store.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's schema, as numbered steps. A step, once released, is never edited: a change is a new
 * step. Times are epoch milliseconds in {@code BIGINT} columns; booleans are {@code BOOLEAN}
 * (SQLite stores 0/1, PostgreSQL a real boolean, JDBC reads both the same way).
 */
public final class Migrations {

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    /** Every step, in order. */
    public static final List<Migration> ALL = List.of(
            new Migration(1, "users, sessions, kiosks, events, help requests, webhook outbox", List.of(
                    """
                    CREATE TABLE users (
                      username VARCHAR(64) PRIMARY KEY,
                      password_hash VARCHAR(200) NOT NULL,
                      role VARCHAR(16) NOT NULL,
                      village VARCHAR(100),
                      display_name VARCHAR(100),
                      created_at BIGINT NOT NULL
                    )""",
                    """
                    CREATE TABLE sessions (
                      token_hash VARCHAR(64) PRIMARY KEY,
                      username VARCHAR(64) NOT NULL REFERENCES users(username) ON DELETE CASCADE,
                      created_at BIGINT NOT NULL,
                      expires_at BIGINT NOT NULL
                    )""",
                    "CREATE INDEX sessions_expiry ON sessions(expires_at)",
                    """
                    CREATE TABLE kiosks (
                      id VARCHAR(16) PRIMARY KEY,
                      name VARCHAR(100) NOT NULL,
                      village VARCHAR(100) NOT NULL,
                      token_hash VARCHAR(64) NOT NULL UNIQUE,
                      created_at BIGINT NOT NULL,
                      last_seen_at BIGINT,
                      last_heartbeat TEXT,
                      last_heartbeat_at BIGINT
                    )""",
                    """
                    CREATE TABLE events (
                      id VARCHAR(36) PRIMARY KEY,
                      kiosk_id VARCHAR(16) NOT NULL REFERENCES kiosks(id),
                      type VARCHAR(32) NOT NULL,
                      occurred_at BIGINT NOT NULL,
                      clock_trusted BOOLEAN NOT NULL,
                      received_at BIGINT NOT NULL,
                      payload TEXT NOT NULL
                    )""",
                    "CREATE INDEX events_kiosk ON events(kiosk_id, received_at)",
                    """
                    CREATE TABLE help_requests (
                      id VARCHAR(36) PRIMARY KEY REFERENCES events(id),
                      kiosk_id VARCHAR(16) NOT NULL REFERENCES kiosks(id),
                      village VARCHAR(100) NOT NULL,
                      status VARCHAR(16) NOT NULL,
                      source VARCHAR(16) NOT NULL,
                      category VARCHAR(16),
                      resident_id VARCHAR(100),
                      transcript TEXT,
                      occurred_at BIGINT NOT NULL,
                      received_at BIGINT NOT NULL,
                      clock_trusted BOOLEAN NOT NULL,
                      acknowledged_by VARCHAR(100),
                      assignee VARCHAR(100),
                      updated_at BIGINT NOT NULL,
                      overdue_at BIGINT
                    )""",
                    "CREATE INDEX help_requests_status ON help_requests(status, received_at)",
                    "CREATE INDEX help_requests_village ON help_requests(village, received_at)",
                    // seq is the hub's change sequence and the kiosks' cursor. In SQLite an INTEGER
                    // PRIMARY KEY is the rowid and grows by one with every insert (rows here are never
                    // deleted, so it never reuses a value); on PostgreSQL write
                    // BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY.
                    """
                    CREATE TABLE help_history (
                      seq INTEGER PRIMARY KEY,
                      request_id VARCHAR(36) NOT NULL REFERENCES help_requests(id),
                      kiosk_id VARCHAR(16) NOT NULL,
                      status VARCHAR(16) NOT NULL,
                      by_name VARCHAR(100),
                      assignee VARCHAR(100),
                      note TEXT,
                      changed_at BIGINT NOT NULL
                    )""",
                    "CREATE INDEX help_history_request ON help_history(request_id, seq)",
                    "CREATE INDEX help_history_kiosk ON help_history(kiosk_id, seq)",
                    // id: see help_history.seq.
                    """
                    CREATE TABLE webhook_outbox (
                      id INTEGER PRIMARY KEY,
                      event VARCHAR(32) NOT NULL,
                      url TEXT NOT NULL,
                      body TEXT NOT NULL,
                      attempts INTEGER NOT NULL,
                      next_attempt_at BIGINT NOT NULL,
                      created_at BIGINT NOT NULL,
                      delivered_at BIGINT,
                      failed_at BIGINT,
                      last_error TEXT
                    )""",
                    "CREATE INDEX webhook_outbox_due ON webhook_outbox(delivered_at, failed_at, next_attempt_at)")),
            new Migration(2, "announcements, their changes and delivery board", List.of(
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
                    // seq: see help_history.seq.
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
            new Migration(3, "voice memos of help requests", List.of(
                    // The audio is the file DATA/memos/<sha256>.wav; one memo per request, the latest wins.
                    """
                    CREATE TABLE voice_memos (
                      request_id VARCHAR(36) PRIMARY KEY REFERENCES help_requests(id),
                      sha256 VARCHAR(64) NOT NULL,
                      bytes BIGINT NOT NULL,
                      duration_ms BIGINT NOT NULL,
                      transcript TEXT,
                      received_at BIGINT NOT NULL
                    )""")),
            new Migration(4, "residents, cadres, pairings, check-ins, visits, check-in alerts, roster changes", List.of(
                    // tags: a JSON array of strings. paused_until: a local date YYYY-MM-DD. expect_since:
                    // when the current check-in expectation began, the count's start for someone who
                    // never checked in.
                    """
                    CREATE TABLE residents (
                      id VARCHAR(16) PRIMARY KEY,
                      village VARCHAR(100) NOT NULL,
                      name VARCHAR(50) NOT NULL,
                      type VARCHAR(8) NOT NULL,
                      tags TEXT NOT NULL,
                      check_in_every_days INTEGER,
                      expect_since BIGINT NOT NULL,
                      phone VARCHAR(20),
                      address VARCHAR(200),
                      guardian VARCHAR(50),
                      guardian_phone VARCHAR(20),
                      parents_workplace VARCHAR(100),
                      parents_phone VARCHAR(20),
                      school VARCHAR(100),
                      school_class VARCHAR(50),
                      head_teacher VARCHAR(50),
                      note VARCHAR(500),
                      photo_sha256 VARCHAR(64),
                      photo_bytes INTEGER,
                      active BOOLEAN NOT NULL,
                      paused_until VARCHAR(10),
                      pause_note VARCHAR(500),
                      paused_by VARCHAR(100),
                      paused_at BIGINT,
                      created_at BIGINT NOT NULL,
                      updated_at BIGINT NOT NULL
                    )""",
                    "CREATE INDEX residents_village ON residents(village, name)",
                    """
                    CREATE TABLE cadres (
                      id VARCHAR(16) PRIMARY KEY,
                      village VARCHAR(100) NOT NULL,
                      name VARCHAR(50) NOT NULL,
                      phone VARCHAR(20),
                      pin_hash VARCHAR(200),
                      username VARCHAR(64) REFERENCES users(username),
                      active BOOLEAN NOT NULL,
                      created_at BIGINT NOT NULL,
                      updated_at BIGINT NOT NULL
                    )""",
                    "CREATE INDEX cadres_village ON cadres(village, name)",
                    // NULLs never collide in a unique index, on SQLite as on PostgreSQL.
                    "CREATE UNIQUE INDEX cadres_username ON cadres(username)",
                    """
                    CREATE TABLE pairings (
                      resident_id VARCHAR(16) NOT NULL REFERENCES residents(id),
                      cadre_id VARCHAR(16) NOT NULL REFERENCES cadres(id),
                      PRIMARY KEY (resident_id, cadre_id)
                    )""",
                    "CREATE INDEX pairings_cadre ON pairings(cadre_id)",
                    // checked_in_at: the kiosk's time if its clock was trusted (never after
                    // received_at), else the hub's receive time.
                    """
                    CREATE TABLE check_ins (
                      event_id VARCHAR(36) PRIMARY KEY REFERENCES events(id),
                      resident_id VARCHAR(16) NOT NULL REFERENCES residents(id),
                      kiosk_id VARCHAR(16) NOT NULL REFERENCES kiosks(id),
                      village VARCHAR(100) NOT NULL,
                      checked_in_at BIGINT NOT NULL,
                      occurred_at BIGINT NOT NULL,
                      received_at BIGINT NOT NULL,
                      clock_trusted BOOLEAN NOT NULL
                    )""",
                    "CREATE INDEX check_ins_resident ON check_ins(resident_id, checked_in_at)",
                    "CREATE INDEX check_ins_village ON check_ins(village, checked_in_at)",
                    """
                    CREATE TABLE visits (
                      event_id VARCHAR(36) PRIMARY KEY REFERENCES events(id),
                      resident_id VARCHAR(16) NOT NULL REFERENCES residents(id),
                      kiosk_id VARCHAR(16) NOT NULL REFERENCES kiosks(id),
                      village VARCHAR(100) NOT NULL,
                      cadre VARCHAR(100) NOT NULL,
                      note TEXT,
                      visited_at BIGINT NOT NULL,
                      occurred_at BIGINT NOT NULL,
                      received_at BIGINT NOT NULL,
                      clock_trusted BOOLEAN NOT NULL
                    )""",
                    "CREATE INDEX visits_resident ON visits(resident_id, visited_at)",
                    "CREATE INDEX visits_village ON visits(village, visited_at)",
                    // id: see help_history.seq. due_date: the local date the missed check-in was due.
                    """
                    CREATE TABLE check_in_alerts (
                      id INTEGER PRIMARY KEY,
                      resident_id VARCHAR(16) NOT NULL REFERENCES residents(id),
                      village VARCHAR(100) NOT NULL,
                      last_check_in_at BIGINT,
                      due_date VARCHAR(10) NOT NULL,
                      raised_at BIGINT NOT NULL,
                      cleared_at BIGINT,
                      cleared_by VARCHAR(100),
                      clear_reason VARCHAR(16)
                    )""",
                    "CREATE INDEX check_in_alerts_resident ON check_in_alerts(resident_id, cleared_at)",
                    // seq: see help_history.seq; a kiosk's cursor carries the newest seq of its village.
                    """
                    CREATE TABLE roster_changes (
                      seq INTEGER PRIMARY KEY,
                      village VARCHAR(100) NOT NULL,
                      changed_at BIGINT NOT NULL
                    )""",
                    "CREATE INDEX roster_changes_village ON roster_changes(village, seq)")),
            // seq: see help_history.seq. username is who acted (for a failed login: the name tried,
            // which may belong to nobody), so it has no foreign key.
            new Migration(5, "audit log of staff actions", List.of(
                    """
                    CREATE TABLE audit_log (
                      seq INTEGER PRIMARY KEY,
                      at BIGINT NOT NULL,
                      username VARCHAR(64) NOT NULL,
                      action VARCHAR(64) NOT NULL,
                      target VARCHAR(200),
                      detail TEXT,
                      address VARCHAR(64) NOT NULL
                    )""",
                    "CREATE INDEX audit_log_at ON audit_log(at)",
                    "CREATE INDEX audit_log_user ON audit_log(username, at)")),
            new Migration(6, "kiosk enrolment codes; when a kiosk was found silent", List.of(
                    // One live code per kiosk: a new code replaces the old one. The code is stored
                    // only as SHA-256(salt || code); redeeming it deletes the row.
                    """
                    CREATE TABLE enrolment_codes (
                      kiosk_id VARCHAR(16) PRIMARY KEY REFERENCES kiosks(id),
                      salt VARCHAR(32) NOT NULL,
                      code_hash VARCHAR(64) NOT NULL,
                      created_by VARCHAR(64),
                      created_at BIGINT NOT NULL,
                      expires_at BIGINT NOT NULL
                    )""",
                    "ALTER TABLE kiosks ADD COLUMN silent_since BIGINT")),
            new Migration(7, "care work: visit records from kiosks and phones, care tasks, terms, organisations",
                    List.of(
                    // Visits get their own id (the client's: the kiosk's event id, or the phone's UUID), a
                    // source, the cadre's id when known, items and problems: rebuilt, keeping every row.
                    """
                    CREATE TABLE visits_new (
                      id VARCHAR(36) PRIMARY KEY,
                      resident_id VARCHAR(16) NOT NULL REFERENCES residents(id),
                      village VARCHAR(100) NOT NULL,
                      source VARCHAR(8) NOT NULL,
                      kiosk_id VARCHAR(16) REFERENCES kiosks(id),
                      cadre_id VARCHAR(16) REFERENCES cadres(id),
                      cadre VARCHAR(100) NOT NULL,
                      recorded_by VARCHAR(64),
                      note TEXT,
                      visited_at BIGINT NOT NULL,
                      occurred_at BIGINT NOT NULL,
                      received_at BIGINT NOT NULL,
                      clock_trusted BOOLEAN NOT NULL,
                      photo_sha256 VARCHAR(64),
                      photo_bytes INTEGER
                    )""",
                    """
                    INSERT INTO visits_new (id, resident_id, village, source, kiosk_id, cadre_id, cadre, note,
                      visited_at, occurred_at, received_at, clock_trusted)
                    SELECT v.event_id, v.resident_id, v.village, 'KIOSK', v.kiosk_id,
                      (SELECT MIN(c.id) FROM cadres c WHERE c.village = v.village AND c.name = v.cadre
                        HAVING COUNT(*) = 1),
                      v.cadre, v.note, v.visited_at, v.occurred_at, v.received_at, v.clock_trusted
                    FROM visits v""",
                    "DROP TABLE visits",
                    "ALTER TABLE visits_new RENAME TO visits",
                    "CREATE INDEX visits_resident ON visits(resident_id, visited_at)",
                    "CREATE INDEX visits_village ON visits(village, visited_at)",
                    "CREATE INDEX visits_cadre ON visits(cadre_id, visited_at)",
                    """
                    CREATE TABLE visit_items (
                      visit_id VARCHAR(36) NOT NULL REFERENCES visits(id),
                      position INTEGER NOT NULL,
                      item VARCHAR(50) NOT NULL,
                      PRIMARY KEY (visit_id, position)
                    )""",
                    """
                    CREATE TABLE visit_problems (
                      visit_id VARCHAR(36) NOT NULL REFERENCES visits(id),
                      position INTEGER NOT NULL,
                      text VARCHAR(500) NOT NULL,
                      solved BOOLEAN NOT NULL,
                      PRIMARY KEY (visit_id, position)
                    )""",
                    // id: see TaskIds (kind code, occasion, resident). status: OPEN, DONE or SKIPPED
                    // (OVERDUE is OPEN past due_on). Dates are local dates YYYY-MM-DD, which sort as text.
                    """
                    CREATE TABLE care_tasks (
                      id VARCHAR(100) PRIMARY KEY,
                      kind VARCHAR(16) NOT NULL,
                      occasion VARCHAR(64) NOT NULL,
                      resident_id VARCHAR(16) NOT NULL REFERENCES residents(id),
                      village VARCHAR(100) NOT NULL,
                      title VARCHAR(100) NOT NULL,
                      festival VARCHAR(16),
                      festival_on VARCHAR(10),
                      opens_on VARCHAR(10) NOT NULL,
                      due_on VARCHAR(10) NOT NULL,
                      status VARCHAR(8) NOT NULL,
                      done_at BIGINT,
                      visit_id VARCHAR(36) REFERENCES visits(id),
                      skip_reason VARCHAR(200),
                      skipped_by VARCHAR(64),
                      created_at BIGINT NOT NULL,
                      updated_at BIGINT NOT NULL
                    )""",
                    "CREATE INDEX care_tasks_due ON care_tasks(due_on, id)",
                    "CREATE INDEX care_tasks_village ON care_tasks(village, due_on, id)",
                    "CREATE INDEX care_tasks_resident ON care_tasks(resident_id, status, opens_on)",
                    "CREATE INDEX care_tasks_occasion ON care_tasks(kind, occasion)",
                    """
                    CREATE TABLE care_terms (
                      id VARCHAR(16) PRIMARY KEY,
                      name VARCHAR(50) NOT NULL,
                      starts_on VARCHAR(10) NOT NULL,
                      ends_on VARCHAR(10) NOT NULL,
                      created_at BIGINT NOT NULL,
                      updated_at BIGINT NOT NULL
                    )""",
                    // One row per village and local day whose digest went into the webhook outbox.
                    """
                    CREATE TABLE care_digests (
                      village VARCHAR(100) NOT NULL,
                      day VARCHAR(10) NOT NULL,
                      sent_at BIGINT NOT NULL,
                      PRIMARY KEY (village, day)
                    )""",
                    // level: COUNTY, TOWNSHIP, VILLAGE or GROUP (县/乡/村/组); kind: PARTY_BRANCH or
                    // DEPARTMENT; village: where a VILLAGE or GROUP organisation is.
                    """
                    CREATE TABLE organisations (
                      id VARCHAR(16) PRIMARY KEY,
                      name VARCHAR(100) NOT NULL,
                      kind VARCHAR(16) NOT NULL,
                      level VARCHAR(8) NOT NULL,
                      village VARCHAR(100),
                      active BOOLEAN NOT NULL,
                      created_at BIGINT NOT NULL,
                      updated_at BIGINT NOT NULL
                    )""",
                    """
                    CREATE TABLE organisation_villages (
                      organisation_id VARCHAR(16) NOT NULL REFERENCES organisations(id),
                      village VARCHAR(100) NOT NULL,
                      PRIMARY KEY (organisation_id, village)
                    )""",
                    "CREATE INDEX organisation_villages_village ON organisation_villages(village)",
                    """
                    CREATE TABLE organisation_members (
                      organisation_id VARCHAR(16) NOT NULL REFERENCES organisations(id),
                      cadre_id VARCHAR(16) NOT NULL REFERENCES cadres(id),
                      PRIMARY KEY (organisation_id, cadre_id)
                    )""",
                    "CREATE INDEX organisation_members_cadre ON organisation_members(cadre_id)",
                    // A paired person's level (县/乡/村/组) and whether a cadre or a party member.
                    "ALTER TABLE cadres ADD COLUMN level VARCHAR(8) NOT NULL DEFAULT 'VILLAGE'",
                    "ALTER TABLE cadres ADD COLUMN kind VARCHAR(16) NOT NULL DEFAULT 'CADRE'")));

    private Migrations() {
    }

    /**
     * Brings the schema up to the newest step, each step in its own transaction.
     *
     * @throws IllegalStateException if the database was written by a newer hub
     */
    public static void apply(Connection connection, List<Migration> migrations) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("""
                        CREATE TABLE IF NOT EXISTS schema_version (
                          version INTEGER PRIMARY KEY,
                          description VARCHAR(200) NOT NULL,
                          applied_at BIGINT NOT NULL
                        )""");
            }
            connection.commit();
            int current = Sql.one(connection, "SELECT MAX(version) AS v FROM schema_version", row -> row.getInt("v"))
                    .orElse(0);
            int newest = migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
            if (current > newest) {
                throw new IllegalStateException("the database has schema version " + current
                        + " but this hub knows only up to " + newest + "; run a newer hub");
            }
            for (Migration migration : migrations) {
                if (migration.version() <= current) {
                    continue;
                }
                try (Statement statement = connection.createStatement()) {
                    for (String sql : migration.statements()) {
                        statement.executeUpdate(sql);
                    }
                }
                Sql.update(connection, "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
                        migration.version(), migration.description(), Instant.now());
                connection.commit();
                LOG.info("schema migrated to version {}: {}", migration.version(), migration.description());
            }
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
