package org.courtyard.hub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.courtyard.protocol.testing.SmallDisk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer on a real filesystem that fills up: a clean failure, then writes again once space is back. */
class DatabaseDiskFullTest {

    /** A table of the test's own: the features bring theirs, not the database. */
    private static final List<Migration> NOTES = List.of(new Migration(1, "notes",
            List.of("CREATE TABLE notes (name VARCHAR(100) PRIMARY KEY, text TEXT NOT NULL)")));
    private static final String INSERT = "INSERT INTO notes (name, text) VALUES (?, ?)";
    /** Bigger than the WAL left by earlier commits, so the write needs new disk space. */
    private static final String BIG = "x".repeat(256 * 1024);

    @TempDir
    Path temp;

    SmallDisk disk;
    Database database;

    @BeforeEach
    void open() throws Exception {
        Path mountPoint = Files.createDirectory(temp.resolve("disk"));
        disk = SmallDisk.mount(mountPoint, 8);
        database = Database.open(disk.path().resolve("hub.db"));
        database.migrate("notes", NOTES);
        database.write(c -> Sql.update(c, INSERT, "before", "x"));
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
        if (disk != null) {
            disk.close();
        }
    }

    @Test
    void a_full_disk_fails_the_write_whole_and_reads_go_on() {
        disk.fill();

        assertThatThrownBy(() -> database.write(c -> {
            Sql.update(c, INSERT, "first-of-two", "x");
            return Sql.update(c, INSERT, "second-of-two", BIG);
        })).isInstanceOf(StorageFullException.class).hasMessageContaining("full");

        assertThat(names()).containsExactly("before");
        assertThat(database.writerFailure()).hasValueSatisfying(failure -> assertThat(failure.diskFull()).isTrue());
    }

    @Test
    void once_space_is_freed_writes_commit_again_without_a_restart() {
        disk.fill();
        for (int i = 0; i < 3; i++) {
            String name = "while-full-" + i;
            assertThatThrownBy(() -> database.write(c -> Sql.update(c, INSERT, name, BIG)))
                    .isInstanceOf(StorageFullException.class);
        }

        disk.free();
        database.write(c -> {
            Sql.update(c, INSERT, "after-a", BIG);
            return Sql.update(c, INSERT, "after-b", "x");
        });

        assertThat(names()).containsExactly("after-a", "after-b", "before");
        assertThat(database.writerFailure()).isEmpty();
    }

    @Test
    void after_a_full_disk_a_failing_write_still_rolls_back_everything_it_did() {
        disk.fill();
        assertThatThrownBy(() -> database.write(c -> Sql.update(c, INSERT, "while-full", BIG)))
                .isInstanceOf(StorageFullException.class);
        disk.free();

        // The second statement breaks the primary key: the first must not have committed on its own.
        assertThatThrownBy(() -> database.write(c -> {
            Sql.update(c, INSERT, "half", "x");
            return Sql.update(c, INSERT, "before", "x");
        })).isInstanceOf(DatabaseException.class).isNotInstanceOf(StorageFullException.class);

        assertThat(names()).containsExactly("before");
        assertThat(database.writerFailure()).as("still the full disk: nothing committed since, and a broken key says nothing about the disk")
                .hasValueSatisfying(failure -> assertThat(failure.diskFull()).isTrue());
    }

    private List<String> names() {
        return database.read(c -> Sql.query(c, "SELECT name FROM notes ORDER BY name", r -> r.getString(1)));
    }
}
