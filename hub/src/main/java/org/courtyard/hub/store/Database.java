package org.courtyard.hub.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.courtyard.hub.store.internal.Migrations;
import org.courtyard.hub.store.internal.SqliteConnections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The hub's database file with one writer connection and a few reader connections.
 *
 * <p>{@link #write} hands every write of the process to one writer thread and connection, which
 * commits it (with the writes that waited beside it) before the call returns; {@link #read} runs
 * on a reader connection in a read transaction, so several statements see one consistent snapshot. Closing waits for a write in progress, is safe
 * twice, and makes later calls fail with {@link IllegalStateException}.
 *
 * <p>The writer's transactions are begun, committed and rolled back by this class with SQL
 * ({@code BEGIN IMMEDIATE}, {@code COMMIT}, {@code ROLLBACK}) on a connection left in JDBC
 * auto-commit, not with {@link Connection#setAutoCommit(boolean) setAutoCommit(false)} and
 * {@link Connection#commit()}. The surprise that forces it: after {@code SQLITE_FULL} (and some
 * I/O errors) SQLite rolls the transaction back by itself. sqlite-jdbc's {@code rollback()} then
 * fails ("cannot rollback - no transaction is active") before it issues its next {@code BEGIN},
 * and the connection is left outside any transaction while JDBC believes it is inside one: every
 * later statement commits on its own and every later {@code commit()} fails ("cannot commit - no
 * transaction is active") — writes reported failed although stored, and no longer atomic, until
 * a restart. Here each write begins its own transaction, so one failure cannot leak into the
 * next, and a rollback that finds no transaction is what SQLite's own rollback leaves behind.
 *
 * <p>A write that fails because the disk is full throws {@link StorageFullException}, with
 * nothing of it stored; once space is freed the next write succeeds. {@link #writerFailure()}
 * tells whether the latest write failed for a storage reason, for the hub's health report.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    static final int READERS = 4;
    /** Prepared statements kept open per connection ({@link StatementCache}). */
    static final int STATEMENTS_PER_CONNECTION = 128;

    private final Path file;
    /** Held by the writer thread while it runs a group, and by {@link #migrate} and {@link #close}. */
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Writes waiting for the writer thread, oldest first: a long job's next chunk queues behind them. */
    private final BlockingQueue<Pending<?>> pending = new LinkedBlockingQueue<>();
    private final Thread writerThread;
    private final AtomicLong commits = new AtomicLong();
    private final Connection writer;
    private final BlockingQueue<Connection> idleReaders = new ArrayBlockingQueue<>(READERS);
    private final List<Connection> allReaders = new ArrayList<>();
    private volatile boolean closed;
    /** Why the latest write failed, if it failed for a storage reason; null after a write that committed. */
    private volatile WriterFailure writerFailure;

    /**
     * The latest write failed because of the storage, not because of what it tried to write.
     *
     * @param diskFull the disk was full ({@code SQLITE_FULL})
     * @param message SQLite's description of the failure
     */
    public record WriterFailure(boolean diskFull, String message) {
    }

    /** SQLite result codes (primary) that say the writer cannot write, whatever it is asked to write. */
    private static final Set<Integer> STORAGE_FAILURES = Set.of(SQLiteErrorCode.SQLITE_FULL.code,
            SQLiteErrorCode.SQLITE_IOERR.code, SQLiteErrorCode.SQLITE_BUSY.code, SQLiteErrorCode.SQLITE_LOCKED.code,
            SQLiteErrorCode.SQLITE_READONLY.code, SQLiteErrorCode.SQLITE_CORRUPT.code,
            SQLiteErrorCode.SQLITE_CANTOPEN.code, SQLiteErrorCode.SQLITE_NOTADB.code,
            SQLiteErrorCode.SQLITE_NOMEM.code, SQLiteErrorCode.SQLITE_PROTOCOL.code);

    private Database(Path file, Connection writer) {
        this.file = file;
        this.writer = writer;
        this.writerThread = new Thread(this::writeGroups, "courtyard-db-writer");
        writerThread.setDaemon(true);
    }

    /**
     * Opens (creating if needed) the database file. Each feature then brings its tables up to date
     * with {@link #migrate}; a database from before per-feature steps is carried over here.
     */
    public static Database open(Path file) {
        Connection writer = null;
        try {
            writer = SqliteConnections.open(file, false);
            Migrations.prepare(writer);
            Database database = new Database(file, writer);
            StatementCache.attach(writer, STATEMENTS_PER_CONNECTION);
            for (int i = 0; i < READERS; i++) {
                Connection reader = SqliteConnections.open(file, true);
                reader.setAutoCommit(false);
                StatementCache.attach(reader, STATEMENTS_PER_CONNECTION);
                database.allReaders.add(reader);
                database.idleReaders.add(reader);
            }
            database.writerThread.start();
            return database;
        } catch (SQLException e) {
            closeQuietly(writer, e);
            throw new DatabaseException("cannot open the database " + file, e);
        } catch (RuntimeException e) {
            closeQuietly(writer, e);
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    /**
     * Runs the steps of {@code feature}'s schema that this database does not have yet, oldest
     * first, each in its own transaction with its row in {@code schema_migrations}. Steps of other
     * features are not touched, so features number their steps independently.
     *
     * @throws IllegalArgumentException if the steps are not numbered 1, 2, 3 ...
     * @throws IllegalStateException if the database has a newer step of {@code feature} (a newer
     *     hub wrote it)
     */
    public void migrate(String feature, List<Migration> steps) {
        writeLock.lock();
        try {
            ensureOpen();
            // Each step is its own transaction (Migrations begins and commits them).
            Migrations.apply(writer, feature, steps);
        } catch (SQLException e) {
            throw failed(e);
        } finally {
            writeLock.unlock();
        }
    }

    /** The newest step of each feature this database holds, by feature name. */
    public Map<String, Integer> schema() {
        return read(Migrations::versions);
    }

    /**
     * Refuses a database that holds steps of a feature not in {@code known}: a newer hub with more
     * features wrote it, and this one would run without the tables that data belongs to.
     *
     * @throws IllegalStateException naming the unknown features
     */
    public void requireOnly(Set<String> known) {
        Set<String> unknown = new TreeSet<>(schema().keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("the database holds the schema of " + String.join(", ", unknown)
                    + ", which this hub does not have; run a newer hub");
        }
    }

    /**
     * Runs {@code work} in a write transaction and commits it durably before returning; rolls
     * back and rethrows if {@code work} throws. Not re-entrant: a write inside a write fails.
     *
     * <p>Group commit: the work runs on the one writer thread. Writes that arrive while it is busy
     * wait together, and it then runs them all, oldest first, in one transaction, each inside a
     * savepoint of its own, with one {@code COMMIT} (one fsync) for the group. Each caller still
     * returns only after that commit, and a work that throws is rolled back to its savepoint
     * alone: the others of its group commit without it. A storage failure (full disk, I/O error) fails the
     * whole group with nothing of it stored, as SQLite may already have rolled it all back.
     *
     * @throws StorageFullException if the disk is full; nothing of the write is stored
     * @throws DatabaseException for another SQL failure, after the rollback
     */
    public <T> T write(SqlWork<T> work) {
        if (Thread.currentThread() == writerThread || writeLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("a write transaction is already open on this thread");
        }
        ensureOpen();
        Pending<T> mine = new Pending<>(work);
        pending.add(mine);
        if (closed && pending.remove(mine)) {
            ensureOpen(); // closed while queueing, and the writer thread will not take it
        }
        mine.awaitDone();
        return mine.outcome();
    }

    /** The writer thread: takes the oldest waiting write and everything queued behind it, as one group. */
    private void writeGroups() {
        try {
            while (true) {
                List<Pending<?>> group = new ArrayList<>();
                group.add(pending.take());
                pending.drainTo(group);
                writeLock.lock();
                try {
                    commitGroup(group);
                } catch (RuntimeException | Error e) {
                    // commitGroup handles SQL and work failures itself; this is a bug, not a storage problem.
                    LOG.error("the database writer failed a group of {} writes", group.size(), e);
                    failAll(group, e instanceof RuntimeException runtime ? runtime
                            : new DatabaseException("write failed: " + e, e));
                } finally {
                    writeLock.unlock();
                    group.forEach(Pending::finish);
                }
            }
        } catch (InterruptedException e) {
            // close(): fail what is still waiting below
        }
        IllegalStateException closedFailure = new IllegalStateException("The database " + file + " has been closed.");
        for (Pending<?> left = pending.poll(); left != null; left = pending.poll()) {
            left.fail(closedFailure);
            left.finish();
        }
    }

    /** How many transactions the writer has committed since the database was opened; for tests and harnesses. */
    public long commits() {
        return commits.get();
    }

    /** Writes waiting for the writer now (those of the group running are no longer waiting). */
    int waitingWrites() {
        return pending.size();
    }

    /** Runs a group of writes in one transaction; the caller holds the write lock. */
    private void commitGroup(List<Pending<?>> group) {
        if (closed) {
            IllegalStateException failure = new IllegalStateException("The database " + file + " has been closed.");
            group.forEach(write -> write.fail(failure));
            return;
        }
        try {
            // IMMEDIATE takes the write lock now, so a write never fails halfway for want of it.
            execute("BEGIN IMMEDIATE");
        } catch (SQLException e) {
            rollback(e);
            failAll(group, failed(e));
            return;
        }
        boolean alone = group.size() == 1;
        for (Pending<?> write : group) {
            if (!(alone ? runAlone(write) : runInSavepoint(write, group))) {
                return;
            }
        }
        try {
            execute("COMMIT");
        } catch (SQLException e) {
            rollback(e);
            failAll(group, failed(e));
            return;
        }
        commits.incrementAndGet();
        writerFailure = null;
    }

    /** Runs the only write of a transaction; if it fails, rolls the transaction back and returns false. */
    private boolean runAlone(Pending<?> write) {
        try {
            write.run(writer);
            return true;
        } catch (SQLException e) {
            rollback(e);
            write.fail(failed(e));
        } catch (RuntimeException | Error e) {
            rollback(e);
            write.fail(e);
        }
        return false;
    }

    /**
     * Runs one write of a group inside its own savepoint. Its own failure is rolled back to the
     * savepoint and kept for its caller; a failure of the storage rolls back and fails the whole
     * group, and then this returns false.
     */
    private boolean runInSavepoint(Pending<?> write, List<Pending<?>> group) {
        try {
            execute("SAVEPOINT courtyard_write");
            try {
                write.run(writer);
                execute("RELEASE courtyard_write");
                return true;
            } catch (SQLException e) {
                if (isStorageFailure(e)) {
                    throw e;
                }
                write.fail(failed(e));
            } catch (RuntimeException | Error e) {
                write.fail(e);
            }
            execute("ROLLBACK TO courtyard_write");
            execute("RELEASE courtyard_write");
            return true;
        } catch (SQLException e) {
            rollback(e);
            failAll(group, failed(e));
            return false;
        }
    }

    /** Fails every write of the group that has not failed on its own already. */
    private static void failAll(List<Pending<?>> group, RuntimeException failure) {
        group.stream().filter(write -> write.failure == null).forEach(write -> write.fail(failure));
    }

    /** One caller's write waiting for the writer thread, and then its outcome. */
    private static final class Pending<T> {
        private final SqlWork<T> work;
        private final CountDownLatch done = new CountDownLatch(1);
        private T result;
        private Throwable failure;

        Pending(SqlWork<T> work) {
            this.work = work;
        }

        void run(Connection connection) throws SQLException {
            result = work.run(connection);
        }

        void fail(Throwable cause) {
            result = null;
            failure = cause;
        }

        /** Tells the caller its outcome is settled; the writer thread's last word on this write. */
        void finish() {
            done.countDown();
        }

        /** Waits for the outcome, also if interrupted (the write may be running): then the interrupt is kept. */
        void awaitDone() {
            boolean interrupted = false;
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        /** The result; read by the caller once {@link #finish} was called. */
        T outcome() {
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            if (failure != null) {
                throw new DatabaseException("write failed: " + failure.getMessage(), failure);
            }
            return result;
        }
    }

    /** Why the latest write failed, if it failed for a storage reason and no write has committed since. */
    public Optional<WriterFailure> writerFailure() {
        return Optional.ofNullable(writerFailure);
    }

    /**
     * Runs {@code work} in a read transaction on a reader connection. The transaction ends however
     * {@code work} ends, also when it throws (a 403 or 404 decided inside it): a reader left in its
     * transaction would keep its old snapshot and show later callers data from before newer writes.
     */
    public <T> T read(SqlWork<T> work) {
        ensureOpen();
        Connection reader;
        try {
            reader = idleReaders.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a database connection", e);
        }
        try {
            ensureOpen();
            T result = work.run(reader);
            reader.commit();
            return result;
        } catch (SQLException e) {
            try {
                reader.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new DatabaseException("read failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            try {
                reader.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            idleReaders.add(reader);
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            writerThread.interrupt();
            closeQuietly(writer, null);
            for (Connection reader : allReaders) {
                closeQuietly(reader, null);
            }
            LOG.info("database {} closed", file);
        } finally {
            writeLock.unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("The database " + file + " has been closed.");
        }
    }

    /** Runs one of the writer's transaction statements, prepared once ({@link StatementCache}). */
    private void execute(String sql) throws SQLException {
        Sql.update(writer, sql);
    }

    /** The writer connection's statement cache; for tests. */
    StatementCache writerStatements() {
        return StatementCache.of(writer);
    }

    /**
     * Ends the failed write's transaction. Finding none is expected, not an error: SQLite rolls a
     * transaction back by itself after {@code SQLITE_FULL} and some I/O errors, and a failed
     * {@code BEGIN} opened none.
     */
    private void rollback(Throwable cause) {
        try {
            execute("ROLLBACK");
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private DatabaseException failed(SQLException e) {
        boolean full = StorageFullException.isSqliteFull(e);
        if (isStorageFailure(e)) {
            writerFailure = new WriterFailure(full, e.getMessage());
            LOG.error("a write to {} failed: {}", file, e.getMessage());
        }
        if (full) {
            return new StorageFullException("the disk of " + file + " is full; nothing of the write was stored", e);
        }
        return new DatabaseException("write failed: " + e.getMessage(), e);
    }

    private static boolean isStorageFailure(SQLException e) {
        return e instanceof SQLiteException sqlite && STORAGE_FAILURES.contains(sqlite.getResultCode().code & 0xff);
    }

    /** Closes the connection and the statements cached for it. */
    private static void closeQuietly(Connection connection, Exception primary) {
        if (connection == null) {
            return;
        }
        StatementCache.detach(connection);
        try {
            connection.close();
        } catch (SQLException e) {
            if (primary != null) {
                primary.addSuppressed(e);
            } else {
                LOG.warn("closing a database connection failed", e);
            }
        }
    }
}
