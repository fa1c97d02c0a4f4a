package org.courtyard.hub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.courtyard.hub.store.internal.Migration;
import org.courtyard.hub.store.internal.Migrations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @TempDir
    Path dir;

    @Test
    void the_database_uses_wal_full_sync_and_foreign_keys() {
        try (Database database = Database.open(dir.resolve("hub.db"))) {
            String journal = database.write(c -> Sql.one(c, "PRAGMA journal_mode", r -> r.getString(1)).orElseThrow());
            int synchronous = database.write(c -> Sql.one(c, "PRAGMA synchronous", r -> r.getInt(1)).orElseThrow());
            int readerSynchronous = database.read(c -> Sql.one(c, "PRAGMA synchronous", r -> r.getInt(1)).orElseThrow());
            int foreignKeys = database.read(c -> Sql.one(c, "PRAGMA foreign_keys", r -> r.getInt(1)).orElseThrow());

            assertThat(journal).isEqualTo("wal");
            assertThat(synchronous).as("FULL").isEqualTo(2);
            assertThat(readerSynchronous).as("FULL").isEqualTo(2);
            assertThat(foreignKeys).isEqualTo(1);
        }
    }

    @Test
    void migrations_are_recorded_and_run_once() {
        try (Database database = Database.open(dir.resolve("hub.db"))) {
            database.close();
        }
        try (Database again = Database.open(dir.resolve("hub.db"))) {
            List<Integer> versions = again.read(c -> Sql.query(c, "SELECT version FROM schema_version", r -> r.getInt(1)));
            assertThat(versions).containsExactly(Migrations.ALL.stream().map(Migration::version).toArray(Integer[]::new));
        }
    }

    @Test
    void a_later_migration_step_is_applied_to_an_existing_database() {
        Database.open(dir.resolve("hub.db")).close();
        List<Migration> more = new java.util.ArrayList<>(Migrations.ALL);
        more.add(new Migration(Migrations.ALL.size() + 1, "test step", List.of("CREATE TABLE extra (id INTEGER)")));

        try (Database database = Database.open(dir.resolve("hub.db"), more)) {
            List<Integer> rows = database.read(c -> Sql.query(c, "SELECT COUNT(*) FROM extra", r -> r.getInt(1)));
            assertThat(rows).containsExactly(0);
        }
    }

    @Test
    void a_database_from_a_newer_hub_is_refused() {
        List<Migration> more = new java.util.ArrayList<>(Migrations.ALL);
        more.add(new Migration(Migrations.ALL.size() + 1, "future", List.of("CREATE TABLE future (id INTEGER)")));
        Database.open(dir.resolve("hub.db"), more).close();

        assertThatThrownBy(() -> Database.open(dir.resolve("hub.db")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("newer hub");
    }

    @Test
    void a_failed_write_rolls_back_everything_it_did() {
        try (Database database = Database.open(dir.resolve("hub.db"))) {
            assertThatThrownBy(() -> database.write(c -> {
                Sql.update(c, "INSERT INTO users (username, password_hash, role, created_at) VALUES ('a', 'x', 'STAFF', 0)");
                throw new SQLException("boom");
            })).isInstanceOf(DatabaseException.class).hasRootCauseMessage("boom");

            List<String> users = database.read(c -> Sql.query(c, "SELECT username FROM users", r -> r.getString(1)));
            assertThat(users).isEmpty();
        }
    }

    @Test
    void a_read_that_throws_leaves_no_old_snapshot_behind_for_later_reads() {
        try (Database database = Database.open(dir.resolve("hub.db"))) {
            // Every reader of the pool (it hands them out in turn) ends a read by throwing mid-transaction.
            for (int i = 0; i < 3 * Database.READERS; i++) {
                assertThatThrownBy(() -> database.read(c -> {
                    Sql.query(c, "SELECT username FROM users", r -> r.getString(1));
                    throw new IllegalStateException("refused inside the read");
                })).hasMessage("refused inside the read");
            }
            database.write(c -> Sql.update(c,
                    "INSERT INTO users (username, password_hash, role, created_at) VALUES ('a', 'x', 'STAFF', 0)"));

            for (int i = 0; i < 3 * Database.READERS; i++) {
                List<String> users = database.read(c -> Sql.query(c, "SELECT username FROM users", r -> r.getString(1)));
                assertThat(users).containsExactly("a");
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
