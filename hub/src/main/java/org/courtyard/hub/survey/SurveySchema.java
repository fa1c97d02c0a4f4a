package org.courtyard.hub.survey;

import java.util.List;
import org.courtyard.hub.store.Migration;

/**
 * The tables of {@code survey}: rounds, the people of each round with their reviews and flags,
 * and the ledger's snapshots at a round's opening and closing. Applied as feature {@code "survey"},
 * after {@code residents}; see {@link Migration} for the rules.
 */
public final class SurveySchema {

    /** Every step, oldest first; a change is a new step at the end. */
    public static final List<Migration> STEPS = List.of(
            new Migration(1, "survey rounds, their people and ledger snapshots", List.of(
                    // criteria: the round's Criteria as JSON, fixed when it opens.
                    """
                    CREATE TABLE survey_rounds (
                      id VARCHAR(16) PRIMARY KEY,
                      name VARCHAR(50) NOT NULL UNIQUE,
                      closes_on VARCHAR(10) NOT NULL,
                      criteria TEXT NOT NULL,
                      opened_by VARCHAR(64) NOT NULL,
                      opened_at BIGINT NOT NULL,
                      closed_by VARCHAR(64),
                      closed_at BIGINT
                    )""",
                    // One row per resident due in a round (or added by it). outcome: null until
                    // reviewed; changes: {"field":[before, after], ...} of a CHANGED review; meets: the
                    // criteria's verdict on the reviewed record, flag_detail its reasons (comma-separated
                    // codes); flag: why a decision is needed, decision: KEEP or REMOVE once taken.
                    """
                    CREATE TABLE survey_items (
                      round_id VARCHAR(16) NOT NULL REFERENCES survey_rounds(id),
                      resident_id VARCHAR(16) NOT NULL REFERENCES residents(id),
                      village VARCHAR(100) NOT NULL,
                      added BOOLEAN NOT NULL,
                      outcome VARCHAR(16),
                      reason VARCHAR(24),
                      note VARCHAR(500),
                      changes TEXT,
                      reviewed_by VARCHAR(64),
                      reviewed_at BIGINT,
                      meets VARCHAR(16),
                      flag VARCHAR(24),
                      flag_detail VARCHAR(500),
                      decision VARCHAR(16),
                      decision_note VARCHAR(500),
                      decided_by VARCHAR(64),
                      decided_at BIGINT,
                      PRIMARY KEY (round_id, resident_id)
                    )""",
                    "CREATE INDEX survey_items_village ON survey_items(round_id, village, outcome)",
                    // The ledger as it stood when a round opened (stage OPEN) and closed (CLOSE), one row
                    // per resident; fields: the resident's editable fields as JSON. Never updated.
                    """
                    CREATE TABLE survey_snapshots (
                      round_id VARCHAR(16) NOT NULL REFERENCES survey_rounds(id),
                      stage VARCHAR(8) NOT NULL,
                      resident_id VARCHAR(16) NOT NULL,
                      village VARCHAR(100) NOT NULL,
                      name VARCHAR(50) NOT NULL,
                      type VARCHAR(8) NOT NULL,
                      active BOOLEAN NOT NULL,
                      left_reason VARCHAR(24),
                      fields TEXT NOT NULL,
                      PRIMARY KEY (round_id, stage, resident_id)
                    )""")));

    private SurveySchema() {
    }
}
