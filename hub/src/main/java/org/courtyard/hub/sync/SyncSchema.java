package org.courtyard.hub.sync;

import java.util.List;
import org.courtyard.hub.store.Migration;

/**
 * The tables of {@code sync}: every event a kiosk sent, stored once by its id. The hub's one
 * migration runner applies these steps as feature {@code "sync"}; see {@link Migration} for the
 * rules.
 */
public final class SyncSchema {

    /** Every step, oldest first; a change is a new step at the end. */
    public static final List<Migration> STEPS = List.of(
            new Migration(1, "events from kiosks", List.of(
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
                    "CREATE INDEX events_kiosk ON events(kiosk_id, received_at)")),
            // Read by nothing: the hub looks events up by id only, and kiosks are never deleted, so
            // the foreign key to kiosks never searches events by kiosk. Every event wrote a leaf of
            // it at the kiosk's own place: half the pages a check-in wrote (docs/benchmarks.md).
            new Migration(2, "events without the index by kiosk, which nothing reads", List.of(
                    "DROP INDEX events_kiosk")));

    private SyncSchema() {
    }
}
