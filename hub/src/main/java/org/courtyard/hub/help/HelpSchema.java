package org.courtyard.hub.help;

import java.util.List;
import org.courtyard.hub.store.Migration;

/**
 * The tables of {@code help}: help requests, their history (whose sequence is the kiosks' help
 * cursor) and voice memos. The hub's one migration runner applies these steps as feature {@code
 * "help"}; see {@link Migration} for the rules.
 */
public final class HelpSchema {

    /** Every step, oldest first; a change is a new step at the end. */
    public static final List<Migration> STEPS = List.of(
            new Migration(1, "help requests and their history", List.of(
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
                    "CREATE INDEX help_history_kiosk ON help_history(kiosk_id, seq)")),
            new Migration(2, "voice memos of help requests", List.of(
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
            new Migration(3, "repeated presses", List.of(
                    // repeated_at: the hub's time of the last counted repeat (the list's order);
                    // counted_press_at: the kiosk's time of the last counted press (null: the request's own).
                    "ALTER TABLE help_requests ADD COLUMN repeat_count INTEGER NOT NULL DEFAULT 0",
                    "ALTER TABLE help_requests ADD COLUMN repeated_at BIGINT",
                    "ALTER TABLE help_requests ADD COLUMN counted_press_at BIGINT",
                    // STATUS (a status change) or REPEATED (a counted repeat; status is the one it had).
                    "ALTER TABLE help_history ADD COLUMN event VARCHAR(16) NOT NULL DEFAULT 'STATUS'")),
            new Migration(4, "the help list's order as indexes", List.of(
                    // The list's ORDER BY (HelpRequests.listQuery), so that a page of the whole list or
                    // of one village is read in order instead of sorting every request. The expression
                    // in its own parentheses is how PostgreSQL takes it too.
                    "CREATE INDEX help_requests_listed ON help_requests((COALESCE(repeated_at, received_at)), id)",
                    "CREATE INDEX help_requests_village_listed"
                            + " ON help_requests(village, (COALESCE(repeated_at, received_at)), id)")));

    private HelpSchema() {
    }
}
