package org.courtyard.hub.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.courtyard.hub.store.internal.Migrations;
import org.courtyard.hub.store.internal.SqliteConnections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's database file with one writer connection and a few reader connections.
 *
 * <p>{@link #write} serialises every write of the process through one lock and one connection and
 * commits before it returns; {@link #read} runs on a reader connection in a read transaction, so
 * several statements see one consistent snapshot. Closing waits for a write in progress, is safe
 * twice, and makes later calls fail with {@link IllegalStateException}.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    static final int READERS = 4;

    private final Path file;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Connection writer;
    private final BlockingQueue<Connection> idleReaders = new ArrayBlockingQueue<>(READERS);
    private final List<Connection> allReaders = new ArrayList<>();
    private volatile boolean closed;

    private Database(Path file, Connection writer) {
        this.file = file;
        this.writer = writer;
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
            writer.setAutoCommit(false);
            Database database = new Database(file, writer);
            for (int i = 0; i < READERS; i++) {
                Connection reader = SqliteConnections.open(file, true);
                reader.setAutoCommit(false);
                database.allReaders.add(reader);
                database.idleReaders.add(reader);
            }
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
        write(connection -> {
            Migrations.apply(connection, feature, steps);
            return null;
        });
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
     */
    public <T> T write(SqlWork<T> work) {
        if (writeLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("a write transaction is already open on this thread");
        }
        writeLock.lock();
        try {
            ensureOpen();
            try {
                T result = work.run(writer);
                writer.commit();
                return result;
            } catch (SQLException e) {
                rollback(e);
                throw new DatabaseException("write failed: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                rollback(e);
                throw e;
            }
        } finally {
            writeLock.unlock();
        }
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

    private void rollback(Exception cause) {
        try {
            writer.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void closeQuietly(Connection connection, Exception primary) {
        if (connection == null) {
            return;
        }
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
