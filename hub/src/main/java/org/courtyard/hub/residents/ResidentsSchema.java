package org.courtyard.hub.residents;

import java.util.List;
import org.courtyard.hub.store.Migration;

/**
 * The tables of {@code residents}, the ledger: residents, cadres, their pairings, and roster
 * changes (the kiosks' roster cursor). The hub's one migration runner applies these steps as
 * feature {@code "residents"}; see {@link Migration} for the rules.
 */
public final class ResidentsSchema {

    /** Every step, oldest first; a change is a new step at the end. */
    public static final List<Migration> STEPS = List.of(
            new Migration(1, "residents, cadres, pairings, roster changes", List.of(
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
                    // seq: see help_history.seq in HelpSchema; a kiosk's cursor carries the newest seq of its village.
                    """
                    CREATE TABLE roster_changes (
                      seq INTEGER PRIMARY KEY,
                      village VARCHAR(100) NOT NULL,
                      changed_at BIGINT NOT NULL
                    )""",
                    "CREATE INDEX roster_changes_village ON roster_changes(village, seq)")),
            // A village's own settings (Villages); the villages themselves are named by kiosks,
            // residents, cadres and users, so a village may have no row here.
            new Migration(2, "villages: the duty phone", List.of(
                    """
                    CREATE TABLE villages (
                      name VARCHAR(100) PRIMARY KEY,
                      duty_phone VARCHAR(20),
                      updated_at BIGINT NOT NULL,
                      updated_by VARCHAR(100) NOT NULL
                    )""")),
            // version: one more with every change of what a PUT or PATCH edits, the ETag that an
            // If-Match names, so that a second edit made from an older copy cannot overwrite the first.
            new Migration(3, "a version per resident and cadre, for ETag and If-Match", List.of(
                    "ALTER TABLE residents ADD COLUMN version INTEGER NOT NULL DEFAULT 1",
                    "ALTER TABLE cadres ADD COLUMN version INTEGER NOT NULL DEFAULT 1")),
            // A paired person's level (县/乡/村/组) and whether a cadre or a party member.
            new Migration(4, "paired people's level and kind", List.of(
                    "ALTER TABLE cadres ADD COLUMN level VARCHAR(8) NOT NULL DEFAULT 'VILLAGE'",
                    "ALTER TABLE cadres ADD COLUMN kind VARCHAR(16) NOT NULL DEFAULT 'CADRE'")),
            // The kiosk's check-in screen offers a village's groups first (docs/checkins.md).
            new Migration(5, "each resident's 村民小组", List.of(
                    "ALTER TABLE residents ADD COLUMN village_group VARCHAR(50)")),
            new Migration(6, "what the half-yearly survey checks and records: birth date, where the parents or"
                    + " children are, when and why someone left", List.of(
                    // birth_date: YYYY-MM-DD; parents_away, children_away: the enums ParentsAway and
                    // ChildrenAway. left_at: when the resident was last set inactive; for those inactive
                    // before this step their last change is the best that is known. left_reason: the
                    // survey's LeaveReason when a survey set them inactive.
                    "ALTER TABLE residents ADD COLUMN birth_date VARCHAR(10)",
                    "ALTER TABLE residents ADD COLUMN parents_away VARCHAR(24)",
                    "ALTER TABLE residents ADD COLUMN children_away VARCHAR(16)",
                    "ALTER TABLE residents ADD COLUMN left_at BIGINT",
                    "ALTER TABLE residents ADD COLUMN left_reason VARCHAR(24)",
                    "UPDATE residents SET left_at = updated_at WHERE NOT active")),
            // The ledger at 200,000 people is paged and searched in SQL (docs/api.md "Paging"):
            // name_key and village_key are NameOrder.sortKey of the name and village (the kiosk's
            // pinyin order as plain string order), name_pinyin the search key (Pinyin.searchKey:
            // "zhangsanfeng|zsf"). Written with every insert and update; rows from before this step
            // get them when the hub starts (Residents.fillSearchKeys), a page at a time.
            new Migration(7, "sort and search keys for paging the ledger", List.of(
                    "ALTER TABLE residents ADD COLUMN name_key VARCHAR(400)",
                    "ALTER TABLE residents ADD COLUMN village_key VARCHAR(600)",
                    "ALTER TABLE residents ADD COLUMN name_pinyin VARCHAR(400)",
                    "CREATE INDEX residents_order ON residents(village_key, name_key, id)",
                    "CREATE INDEX residents_village_order ON residents(village, name_key, id)")),
            // The staff page's numbers at 200,000 residents (issue 19, docs/checkins.md "Counts kept
            // per village"): village_counts holds each village's active residents and those with a
            // check-in expectation, written with every insert and update of a resident and built
            // again from the residents when the hub starts (Residents.buildVillageCounts). The
            // per-period counters of check-ins and visits (PeriodCounts) record in counts_built the
            // time zone they were built in; none or another zone: built again when the hub starts.
            new Migration(8, "each village's counts, for the day and month in numbers", List.of(
                    """
                    CREATE TABLE village_counts (
                      village VARCHAR(100) PRIMARY KEY,
                      village_key VARCHAR(600) NOT NULL,
                      residents INTEGER NOT NULL,
                      expected INTEGER NOT NULL
                    )""",
                    "CREATE INDEX village_counts_order ON village_counts(village_key, village)",
                    """
                    CREATE TABLE counts_built (
                      counter VARCHAR(60) PRIMARY KEY,
                      zone VARCHAR(60) NOT NULL,
                      built_at BIGINT NOT NULL
                    )""")),
            // A search of the ledger (Residents.listQuery: part of a name, a group, a tag, pinyin or
            // its initials) cannot be found in an index; it walks the residents in the ledger's order
            // and compares each. This index holds that order and every column compared, so a resident
            // who does not match is one index entry, not a read of the table's row (issue 19: a search
            // that matches nobody read all 200,000 rows). It begins with residents_order's columns and
            // serves its pages too, so that one goes.
            new Migration(9, "an index for searching the ledger", List.of(
                    "CREATE INDEX residents_search ON residents(village_key, name_key, id, active, name_pinyin,"
                            + " name, village_group, tags)",
                    "DROP INDEX residents_order")));

    private ResidentsSchema() {
    }
}
