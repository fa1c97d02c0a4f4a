package org.courtyard.hub.kiosk;

import java.util.List;
import org.courtyard.hub.store.Migration;

/**
 * The tables of {@code kiosk}: kiosks (their kind, a home unit's resident), their tokens, heartbeats
 * and enrolment codes. The hub's one migration runner applies these steps as feature
 * {@code "kiosk"}; see {@link Migration} for the rules.
 */
public final class KioskSchema {

    /** Every step, oldest first; a change is a new step at the end. */
    public static final List<Migration> STEPS = List.of(
            new Migration(1, "kiosks", List.of(
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
                    )""")),
            new Migration(2, "kiosk enrolment codes; when a kiosk was found silent", List.of(
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
            new Migration(3, "kiosk kinds: home units bound to a resident; retired kiosks", List.of(
                    "ALTER TABLE kiosks ADD COLUMN kind VARCHAR(16) NOT NULL DEFAULT 'COURTYARD'",
                    // The resident of the ledger (feature "residents", installed after this one) a HOME
                    // unit is bound to; null for a courtyard kiosk.
                    "ALTER TABLE kiosks ADD COLUMN resident_id VARCHAR(16)",
                    "ALTER TABLE kiosks ADD COLUMN retired_at BIGINT",
                    // A resident has at most one home unit in service. Courtyard kiosks (NULL) never
                    // collide; a partial index is the same on SQLite and PostgreSQL.
                    "CREATE UNIQUE INDEX kiosks_home_resident ON kiosks(resident_id) WHERE retired_at IS NULL")),
            new Migration(4, "kiosks in the list's order", List.of(
                    // GET /api/v1/kiosks pages by village, name and id, all villages or one: with
                    // this index a page of 10,000 kiosks reads its rows in order instead of sorting
                    // them all, and one village's list and summary read only that village.
                    "CREATE INDEX kiosks_by_village ON kiosks(village, name, id)")),
            new Migration(5, "home units in the list's order", List.of(
                    // GET /api/v1/home-units pages the home units in service by village, name and
                    // id: a page reads only them, in order, among 10,000s of kiosks of a prefecture.
                    "CREATE INDEX kiosks_home_units ON kiosks(village, name, id)"
                            + " WHERE kind = 'HOME' AND retired_at IS NULL")));

    private KioskSchema() {
    }
}
