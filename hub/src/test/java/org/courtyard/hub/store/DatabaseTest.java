package org.courtyard.hub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    static final List<Migration> NOTES = List.of(
            new Migration(1, "notes", List.of("CREATE TABLE notes (id INTEGER PRIMARY KEY, text VARCHAR(100) NOT NULL)")),
            new Migration(2, "note authors", List.of("ALTER TABLE notes ADD COLUMN author VARCHAR(64)")));
    static final List<Migration> TAGS = List.of(
            new Migration(1, "tags", List.of("CREATE TABLE tags (note_id INTEGER NOT NULL REFERENCES notes(id),"
                    + " tag VARCHAR(32) NOT NULL)")));

    @TempDir
    Path dir;

    @Test
    void the_database_uses_wal_full_sync_foreign_keys_and_a_writer_journal_in_memory() {
        try (Database database = Database.open(dir.resolve("hub.db"))) {
            String journal = database.write(c -> Sql.one(c, "PRAGMA journal_mode", r -> r.getString(1)).orElseThrow());
            int synchronous = database.write(c -> Sql.one(c, "PRAGMA synchronous", r -> r.getInt(1)).orElseThrow());
            int readerSynchronous = database.read(c -> Sql.one(c, "PRAGMA synchronous", r -> r.getInt(1)).orElseThrow());
            int foreignKeys = database.read(c -> Sql.one(c, "PRAGMA foreign_keys", r -> r.getInt(1)).orElseThrow());
            // The writer's statement journal (each sync batch's savepoint) in memory, not spilled to a temp file.
            int writerTempStore = database.write(c -> Sql.one(c, "PRAGMA temp_store", r -> r.getInt(1)).orElseThrow());

            assertThat(journal).isEqualTo("wal");
            assertThat(synchronous).as("FULL").isEqualTo(2);
            assertThat(readerSynchronous).as("FULL").isEqualTo(2);
            assertThat(foreignKeys).isEqualTo(1);
            assertThat(writerTempStore).as("MEMORY").isEqualTo(2);
        }
    }

    @Test
    void each_features_steps_are_recorded_by_feature_and_run_once() {
        try (Database database = Database.open(dir.resolve("hub.db"))) {
            database.migrate("notes", NOTES);
            database.migrate("tags", TAGS);
        }
        try (Database again = Database.open(dir.resolve("hub.db"))) {
            again.migrate("notes", NOTES);
            again.migrate("tags", TAGS);

            List<String> steps = again.read(c -> Sql.query(c,
                    "SELECT feature || ':' || version FROM schema_migrations ORDER BY feature, version",
                    r -> r.getString(1)));
            assertThat(steps).containsExactly("notes:1", "notes:2", "tags:1");
            assertThat(again.schema()).isEqualTo(Map.of("notes", 2, "tags", 1));
        }
    }

    @Test
    void two_features_number_their_steps_independently() {
        try (Database database = Database.open(dir.resolve("hub.db"))) {
            database.migrate("notes", NOTES.subList(0, 1));
            database.migrate("tags", TAGS);
            // A later release adds a second step to notes; tags' step 1 is no obstacle.
            database.migrate("notes", NOTES);

            database.write(c -> Sql.update(c, "INSERT INTO notes (id, text, author) VALUES (1, 'hello', 'li')"));
            List<String> authors = database.read(c -> Sql.query(c, "SELECT author FROM notes", r -> r.getString(1)));
            assertThat(authors).containsExactly("li");
        }
    }

    @Test
    void a_database_with_a_newer_step_of_a_feature_is_refused() {
        try (Database database = Database.open(dir.resolve("hub.db"))) {
            database.migrate("notes", NOTES);
        }
        try (Database older = Database.open(dir.resolve("hub.db"))) {
            assertThatThrownBy(() -> older.migrate("notes", NOTES.subList(0, 1)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("notes")
                    .hasMessageContaining("newer hub");
        }
    }

    @Test
    void a_database_with_a_feature_the_hub_lacks_is_refused() {
        try (Database database = Database.open(dir.resolve("hub.db"))) {
            database.migrate("notes", NOTES);
            database.migrate("tags", TAGS);

            assertThatThrownBy(() -> database.requireOnly(Set.of("notes")))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("tags")
                    .hasMessageContaining("newer hub");
        }
    }

    @Test
    void steps_must_be_numbered_from_one_without_gaps() {
        try (Database database = Database.open(dir.resolve("hub.db"))) {
            assertThatThrownBy(() -> database.migrate("notes", List.of(NOTES.get(1))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numbered 1, 2, 3");
        }
    }

    @Test
    void a_failing_step_leaves_neither_its_tables_nor_its_row() {
        List<Migration> broken = List.of(NOTES.get(0), new Migration(2, "broken", List.of(
                "CREATE TABLE half (id INTEGER)", "THIS IS NOT SQL")));
        try (Database database = Database.open(dir.resolve("hub.db"))) {
            assertThatThrownBy(() -> database.migrate("notes", broken)).isInstanceOf(DatabaseException.class);

            assertThat(database.schema()).isEqualTo(Map.of("notes", 1));
            List<String> tables = database.read(c -> Sql.query(c,
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'half'", r -> r.getString(1)));
            assertThat(tables).isEmpty();
        }
    }

    @Test
    void a_new_database_tells_hubs_of_the_old_numbered_schema_to_stop() {
        Database.open(dir.resolve("hub.db")).close();

        try (Database database = Database.open(dir.resolve("hub.db"))) {
            // What a hub before per-feature steps reads: a version beyond its 6, so it says "run a newer hub".
            int version = database.read(c -> Sql.one(c, "SELECT MAX(version) FROM schema_version", r -> r.getInt(1))
                    .orElseThrow());
            assertThat(version).isEqualTo(7);
        }
    }

    @Test
    void a_failed_write_rolls_back_everything_it_did() {
        try (Database database = Database.open(dir.resolve("hub.db"))) {
            database.migrate("notes", NOTES);
            assertThatThrownBy(() -> database.write(c -> {
                Sql.update(c, "INSERT INTO notes (id, text) VALUES (1, 'a')");
                throw new SQLException("boom");
            })).isInstanceOf(DatabaseException.class).hasRootCauseMessage("boom");

            List<String> notes = database.read(c -> Sql.query(c, "SELECT text FROM notes", r -> r.getString(1)));
            assertThat(notes).isEmpty();
        }
    }

    @Test
    void a_read_that_throws_leaves_no_old_snapshot_behind_for_later_reads() {
        try (Database database = Database.open(dir.resolve("hub.db"))) {
            database.migrate("notes", NOTES);
            // Every reader of the pool (it hands them out in turn) ends a read by throwing mid-transaction.
            for (int i = 0; i < 3 * Database.READERS; i++) {
                assertThatThrownBy(() -> database.read(c -> {
                    Sql.query(c, "SELECT text FROM notes", r -> r.getString(1));
                    throw new IllegalStateException("refused inside the read");
                })).hasMessage("refused inside the read");
            }
            database.write(c -> Sql.update(c, "INSERT INTO notes (id, text) VALUES (1, 'a')"));

            for (int i = 0; i < 3 * Database.READERS; i++) {
                List<String> notes = database.read(c -> Sql.query(c, "SELECT text FROM notes", r -> r.getString(1)));
                assertThat(notes).containsExactly("a");
            }
        }
    }

    @Test
    void closing_twice_is_safe_and_later_use_fails_clearly() {
        Database database = Database.open(dir.resolve("hub.db"));
        database.close();
        database.close();

        assertThatThrownBy(() -> database.read(c -> 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
