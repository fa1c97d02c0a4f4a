package org.courtyard.hub.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.courtyard.hub.kiosk.KioskSchema;
import org.courtyard.hub.store.Database;
import org.courtyard.hub.store.Sql;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code events} table's second step: the index by kiosk, which nothing read, is dropped from
 * a database that has events, keeping them; the one look-up of events (who sent an id) still goes
 * by the primary key, and the foreign key to {@code kiosks} still holds.
 */
class SyncSchemaTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void the_index_by_kiosk_goes_and_the_events_stay_looked_up_by_id() {
        try (Database database = Database.open(dir.resolve("hub.db"))) {
            database.migrate("kiosk", KioskSchema.STEPS);
            database.migrate("sync", SyncSchema.STEPS.subList(0, 1));
            database.write(c -> {
                Sql.update(c, "INSERT INTO kiosks (id, name, village, token_hash, created_at) VALUES (?, ?, ?, ?, ?)",
                        "k-one", "活动室", "大村", "hash", NOW);
                return Sql.update(c, "INSERT INTO events (id, kiosk_id, type, occurred_at, clock_trusted, received_at,"
                        + " payload) VALUES (?, ?, ?, ?, ?, ?, ?)", "0193a000-0000-7000-8000-000000000001", "k-one",
                        "CHECKED_IN", NOW, true, NOW, "{\"residentId\":\"r-1\"}");
            });
            assertThat(indexes(database)).contains("events_kiosk");

            database.migrate("sync", SyncSchema.STEPS);

            assertThat(indexes(database)).containsExactly("sqlite_autoindex_events_1");
            Optional<String> sender = database.read(c -> Sql.one(c, "SELECT kiosk_id FROM events WHERE id = ?",
                    row -> row.getString(1), "0193a000-0000-7000-8000-000000000001"));
            assertThat(sender).contains("k-one");
            List<String> plan = database.read(c -> {
                List<String> steps = new ArrayList<>();
                Sql.each(c, "EXPLAIN QUERY PLAN SELECT id, kiosk_id FROM events WHERE id IN (?, ?)",
                        row -> steps.add(row.getString("detail")), "a", "b");
                return steps;
            });
            assertThat(String.join(" / ", plan)).contains("USING INDEX sqlite_autoindex_events_1")
                    .doesNotContain("SCAN");
            Optional<String> orphan = database.read(c -> Sql.one(c, "PRAGMA foreign_key_check(events)",
                    row -> row.getString(1)));
            assertThat(orphan).isEmpty();
        }
    }

    private static List<String> indexes(Database database) {
        return database.read(c -> {
            List<String> names = new ArrayList<>();
            Sql.each(c, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' ORDER BY name",
                    row -> names.add(row.getString(1)));
            return names;
        });
    }
}
