package org.courtyard.hub.care;

import java.util.List;
import org.courtyard.hub.store.Migration;

/**
 * The tables of {@code care} (docs/care.md): visit records from kiosks and phones with their items
 * and problems (the checkin feature's {@code visits}, rebuilt with every row kept), care tasks,
 * school terms, the daily digests sent, and organisations with their villages and members. The
 * hub's one migration runner applies these steps as feature {@code "care"}; see {@link Migration}.
 */
public final class CareSchema {

    /** Every step, oldest first; a change is a new step at the end. */
    public static final List<Migration> STEPS = List.of(
            new Migration(1, "visit records from kiosks and phones, care tasks, terms, digests, organisations",
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
                    "CREATE INDEX organisation_members_cadre ON organisation_members(cadre_id)")),
            // The month's coverage in numbers (GET /api/v1/visits/coverage?names=false) at any size:
            // per village and month (YYYY-MM of the hub's zone) how many of its active residents had
            // a visit (expected_people: those of them with a check-in expectation; unused here). Kept
            // by residents.PeriodCounts with every visit and change of a resident; built when the hub
            // starts.
            new Migration(2, "visits counted per village and month", List.of(
                    """
                    CREATE TABLE visit_month_counts (
                      village VARCHAR(100) NOT NULL,
                      period VARCHAR(7) NOT NULL,
                      people INTEGER NOT NULL,
                      expected_people INTEGER NOT NULL,
                      PRIMARY KEY (village, period)
                    )""")));

    private CareSchema() {
    }
}
