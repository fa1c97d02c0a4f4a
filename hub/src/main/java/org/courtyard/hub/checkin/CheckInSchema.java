package org.courtyard.hub.checkin;

import java.util.List;
import org.courtyard.hub.store.Migration;

/**
 * The tables of {@code checkin}: check-ins, visits and missed-check-in alerts. The hub's one
 * migration runner applies these steps as feature {@code "checkin"}; see {@link Migration} for the
 * rules.
 */
public final class CheckInSchema {

    /** Every step, oldest first; a change is a new step at the end. */
    public static final List<Migration> STEPS = List.of(
            new Migration(1, "check-ins, visits, check-in alerts", List.of(
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
                    // id: see help_history.seq in HelpSchema. due_date: the local date the missed check-in was due.
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
                    "CREATE INDEX check_in_alerts_resident ON check_in_alerts(resident_id, cleared_at)")),
            // The alert a check-in cleared, which 「不是我」 (CHECK_IN_UNDONE) opens again.
            new Migration(2, "the alert each check-in cleared", List.of(
                    "ALTER TABLE check_ins ADD COLUMN cleared_alert_id BIGINT REFERENCES check_in_alerts(id)")),
            // The alert list is paged newest first (docs/api.md "Paging"), open ones or all, of all
            // villages or one: these indexes give each page without sorting every alert kept.
            new Migration(3, "indexes for paging the alerts", List.of(
                    "CREATE INDEX check_in_alerts_raised ON check_in_alerts(raised_at, id)",
                    "CREATE INDEX check_in_alerts_village ON check_in_alerts(village, raised_at, id)")),
            // The day in numbers (GET /api/v1/check-ins/village-counts) at any size: per village and
            // day (YYYY-MM-DD of the hub's zone) how many of its active residents checked in, and how
            // many of those have an expectation. Kept by residents.PeriodCounts in the transaction of
            // every check-in, undo and change of a resident; built when the hub starts.
            new Migration(4, "check-ins counted per village and day", List.of(
                    """
                    CREATE TABLE check_in_day_counts (
                      village VARCHAR(100) NOT NULL,
                      period VARCHAR(10) NOT NULL,
                      people INTEGER NOT NULL,
                      expected_people INTEGER NOT NULL,
                      PRIMARY KEY (village, period)
                    )""")));

    private CheckInSchema() {
    }
}
