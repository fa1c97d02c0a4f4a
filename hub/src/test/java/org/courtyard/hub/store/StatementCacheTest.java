package org.courtyard.hub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.courtyard.hub.store.internal.SqliteConnections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Sql}'s statements are prepared once per connection of a {@link Database} and reused,
 * correctly across commits, rollbacks, savepoints, failures and nested use of the same SQL; the
 * cache is bounded and closed with its connection.
 */
class StatementCacheTest {

    private static final String INSERT = "INSERT INTO notes (id, text) VALUES (?, ?)";
    private static final String TEXT = "SELECT text FROM notes WHERE id = ?";

    @TempDir
    Path dir;

    Database database;

    @BeforeEach
    void open() {
        database = Database.open(dir.resolve("hub.db"));
        database.migrate("notes", DatabaseTest.NOTES);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void the_writer_prepares_a_statement_once_however_often_it_runs() {
        database.write(c -> Sql.update(c, INSERT, 0L, "warm-up")); // BEGIN, COMMIT and the insert prepared once
        long prepared = database.writerStatements().prepared();

        for (long id = 1; id <= 200; id++) {
            long note = id;
            database.write(c -> Sql.update(c, INSERT, note, "note " + note)
                    + Sql.one(c, TEXT, row -> row.getString(1), note).map(text -> 0).orElseThrow());
        }

        assertThat(database.writerStatements().prepared() - prepared)
                .as("only the select was new; the insert, BEGIN IMMEDIATE and COMMIT were reused").isEqualTo(1);
        assertThat(texts()).hasSize(201);
        assertThat(text(137)).contains("note 137");
    }

    @Test
    void a_reused_statement_sees_what_was_rolled_back_and_what_committed_since() {
        database.write(c -> Sql.update(c, INSERT, 1L, "kept"));
        assertThatThrownBy(() -> database.write(c -> {
            Sql.update(c, INSERT, 2L, "rolled back");
            throw new IllegalStateException("the write fails after its insert");
        })).isInstanceOf(IllegalStateException.class);

        // The same cached insert again, now for id 2: the rolled-back row is gone, so no conflict.
        database.write(c -> Sql.update(c, INSERT, 2L, "second try"));

        assertThat(texts())
                .containsExactly("kept", "second try");
    }

    @Test
    void a_reader_with_cached_statements_keeps_no_old_snapshot() {
        database.write(c -> Sql.update(c, INSERT, 1L, "before"));
        assertThat(text(1)).contains("before");

        for (int i = 0; i < Database.READERS; i++) {
            text(1); // every reader caches the select
        }
        database.write(c -> Sql.update(c, "UPDATE notes SET text = ? WHERE id = ?", "after", 1L));

        for (int i = 0; i < Database.READERS; i++) {
            assertThat(text(1)).contains("after");
        }
    }

    @Test
    void a_failed_statement_is_dropped_and_the_next_use_of_its_sql_succeeds() {
        database.write(c -> Sql.update(c, INSERT, 1L, "one"));
        assertThatThrownBy(() -> database.write(c -> Sql.update(c, INSERT, 1L, "duplicate")))
                .isInstanceOf(DatabaseException.class).hasMessageContaining("UNIQUE");

        database.write(c -> Sql.update(c, INSERT, 2L, "two"));

        assertThat(texts())
                .containsExactly("one", "two");
    }

    @Test
    void in_a_group_a_write_rolled_back_to_its_savepoint_leaves_the_shared_statements_working() throws Exception {
        CountDownLatch writerHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> database.write(c -> {
            writerHeld.countDown();
            waitFor(release);
            return Sql.update(c, INSERT, 1L, "first");
        }));
        assertThat(writerHeld.await(10, TimeUnit.SECONDS)).isTrue();
        // Queued behind the first: they run as one group, each in its own savepoint.
        CompletableFuture<Integer> failing = CompletableFuture.supplyAsync(() -> database.write(c -> {
            Sql.update(c, INSERT, 2L, "undone");
            return Sql.update(c, INSERT, 1L, "conflicts with the first");
        }));
        CompletableFuture<Integer> third = CompletableFuture.supplyAsync(() -> database.write(c -> Sql.update(c, INSERT,
                3L, "third")));
        awaitWaiting(2);
        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(third.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(DatabaseException.class);
        assertThat(texts())
                .containsExactly("first", "third");
    }

    @Test
    void the_same_sql_inside_its_own_iteration_gets_a_statement_of_its_own() {
        database.write(c -> {
            for (long id = 1; id <= 3; id++) {
                Sql.update(c, INSERT, id, "note " + id);
            }
            return null;
        });
        String all = "SELECT id FROM notes WHERE id >= ? ORDER BY id";

        List<String> pairs = database.read(c -> {
            List<String> out = new ArrayList<>();
            Sql.each(c, all, outer -> {
                long id = outer.getLong(1);
                // The same text while the outer query's rows are still being read.
                List<Long> later = Sql.query(c, all, inner -> inner.getLong(1), id);
                out.add(id + ":" + later);
            }, 1L);
            return out;
        });

        assertThat(pairs).containsExactly("1:[1, 2, 3]", "2:[2, 3]", "3:[3]");
    }

    @Test
    void one_reads_a_single_row_and_query_all_rows_through_the_same_cached_statement() {
        database.write(c -> {
            for (long id = 1; id <= 3; id++) {
                Sql.update(c, INSERT, id, "note " + id);
            }
            return null;
        });
        String sql = "SELECT text FROM notes ORDER BY id";

        Optional<String> first = database.write(c -> Sql.one(c, sql, row -> row.getString(1)));
        List<String> all = database.write(c -> Sql.query(c, sql, row -> row.getString(1)));

        assertThat(first).contains("note 1");
        assertThat(all).containsExactly("note 1", "note 2", "note 3");
    }

    @Test
    void the_cache_is_bounded_and_closes_what_it_drops() throws SQLException {
        try (Connection connection = SqliteConnections.open(dir.resolve("other.db"), false)) {
            StatementCache.attach(connection, 3);
            try {
                Sql.update(connection, "CREATE TABLE t (n INTEGER)");
                AtomicReference<PreparedStatement> first = new AtomicReference<>();
                StatementCache.with(connection, "SELECT 1", statement -> {
                    first.set(statement);
                    return null;
                });
                for (int n = 2; n <= 10; n++) {
                    Sql.one(connection, "SELECT " + n, row -> row.getInt(1));
                }

                assertThat(StatementCache.of(connection).size()).isEqualTo(3);
                assertThat(first.get().isClosed()).as("the least recently used statement was closed").isTrue();
                assertThat(Sql.one(connection, "SELECT 1", row -> row.getInt(1))).contains(1);
            } finally {
                StatementCache.detach(connection);
            }
            assertThat(StatementCache.of(connection)).isNull();
            assertThat(Sql.one(connection, "SELECT 2", row -> row.getInt(1))).as("uncached after detach").contains(2);
        }
    }

    @Test
    void closing_the_database_closes_its_cached_statements() throws SQLException {
        AtomicReference<PreparedStatement> cached = new AtomicReference<>();
        database.write(c -> StatementCache.with(c, INSERT, statement -> {
            cached.set(statement);
            statement.setLong(1, 1);
            statement.setString(2, "one");
            return statement.executeUpdate();
        }));
        StatementCache writer = database.writerStatements();

        database.close();

        assertThat(writer.size()).isZero();
        assertThat(cached.get().isClosed()).isTrue();
    }

    private List<String> texts() {
        return database.read(c -> Sql.query(c, "SELECT text FROM notes ORDER BY id", row -> row.getString(1)));
    }

    private Optional<String> text(long id) {
        return database.read(c -> Sql.one(c, TEXT, row -> row.getString(1), id));
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("waited 10 s in vain");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void awaitWaiting(int writes) {
        await().atMost(Duration.ofSeconds(10)).until(() -> database.waitingWrites() >= writes);
    }
}
