package org.courtyard.hub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit in {@link Database#write}: writes that wait for the writer together are committed
 * in one transaction, each caller answered only after that commit, a failing one rolled back alone.
 */
class GroupCommitTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    Database database;
    ExecutorService callers;
    CountDownLatch releaseFirst = new CountDownLatch(1);

    @BeforeEach
    void open() {
        database = Database.open(dir.resolve("hub.db"));
        database.migrate("notes", DatabaseTest.NOTES);
        callers = Executors.newFixedThreadPool(8);
    }

    @AfterEach
    void close() {
        releaseFirst.countDown();
        callers.shutdownNow();
        database.close();
    }

    @Test
    void a_write_is_answered_only_after_the_commit_of_its_whole_group() throws Exception {
        CompletableFuture<Integer> first = holdTheWriter();
        CompletableFuture<Integer> second = queued(c -> Sql.update(c, "INSERT INTO notes (id, text) VALUES (2, 'b')"));
        CountDownLatch thirdRunning = new CountDownLatch(1);
        CountDownLatch releaseThird = new CountDownLatch(1);
        CompletableFuture<Integer> third = queued(c -> {
            int rows = Sql.update(c, "INSERT INTO notes (id, text) VALUES (3, 'c')");
            thirdRunning.countDown();
            waitFor(releaseThird);
            return rows;
        });
        long commitsBefore = database.commits();

        releaseFirst.countDown();
        assertThat(first.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(thirdRunning.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        // The second write ran before the third, in the same transaction: done, but not on disk yet.
        assertThat(second).as("answered before its group committed").isNotDone();
        assertThat(notes()).containsExactly("a");

        releaseThird.countDown();
        assertThat(second.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(third.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(notes()).containsExactly("a", "b", "c");
        assertThat(database.commits() - commitsBefore).as("the first write, then one group of two").isEqualTo(2);
    }

    @Test
    void a_failing_write_is_rolled_back_alone_and_the_rest_of_its_group_commits() throws Exception {
        CompletableFuture<Integer> first = holdTheWriter();
        CompletableFuture<Integer> second = queued(c -> Sql.update(c, "INSERT INTO notes (id, text) VALUES (2, 'b')"));
        CompletableFuture<Integer> failing = queued(c -> {
            Sql.update(c, "INSERT INTO notes (id, text) VALUES (3, 'half')");
            throw new IllegalStateException("refused halfway");
        });
        CompletableFuture<Integer> duplicate = queued(c -> Sql.update(c, "INSERT INTO notes (id, text) VALUES (2, 'x')"));
        CompletableFuture<Integer> fourth = queued(c -> Sql.update(c, "INSERT INTO notes (id, text) VALUES (4, 'd')"));

        releaseFirst.countDown();

        assertThat(first.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(second.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(fourth.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1);
        assertThatThrownBy(() -> failing.get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IllegalStateException.class)
                .hasRootCauseMessage("refused halfway");
        assertThatThrownBy(() -> duplicate.get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(DatabaseException.class)
                .hasMessageContaining("UNIQUE");
        assertThat(notes()).containsExactly("a", "b", "d");
        assertThat(database.writerFailure()).isEmpty();
    }

    /** Starts a write that inserts note 1 and holds the writer until {@link #releaseFirst}. */
    private CompletableFuture<Integer> holdTheWriter() {
        CountDownLatch holding = new CountDownLatch(1);
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> database.write(c -> {
            int rows = Sql.update(c, "INSERT INTO notes (id, text) VALUES (1, 'a')");
            holding.countDown();
            waitFor(releaseFirst);
            return rows;
        }), callers);
        waitFor(holding);
        return first;
    }

    /** Starts a write and returns once it waits for the writer behind those started before it. */
    private CompletableFuture<Integer> queued(SqlWork<Integer> work) {
        int before = database.waitingWrites();
        CompletableFuture<Integer> write = CompletableFuture.supplyAsync(() -> database.write(work), callers);
        await().atMost(PATIENCE).until(() -> database.waitingWrites() == before + 1);
        return write;
    }

    private List<String> notes() {
        return database.read(c -> Sql.query(c, "SELECT text FROM notes ORDER BY id", r -> r.getString(1)));
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            if (!latch.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("waited " + PATIENCE + " in vain");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
