package org.courtyard.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepared statements kept open on one connection, by their SQL text, so that {@link Sql}'s
 * helpers prepare each statement once per connection rather than once per call: the writer runs
 * the same few statements for every event of every sync. Bounded: beyond {@code capacity} the
 * least recently used statement is closed.
 *
 * <p>{@link Database} attaches a cache to each connection it opens and {@link #detach detaches}
 * (closing every statement) before it closes the connection; a connection without a cache (a
 * backup's, a test's) prepares anew each time. A cached statement is only ever used by one call at
 * a time: a call made while the same SQL is still in use on the connection (a query run inside
 * {@link Sql#each}'s consumer with the same text) gets a statement of its own, closed after it. A
 * statement whose use failed is closed and dropped, so a failure (a constraint violation, a full
 * disk) never leaves a half-run statement in the cache; savepoints and rollbacks need nothing
 * else, as a statement that ran to its end or whose result set was closed holds no lock and
 * belongs to no transaction.
 *
 * <p>The caches are found by their connection in one map of this class (a connection's identity;
 * SQLite's connections do not override {@code equals}). A connection is used by one thread at a
 * time (the writer thread, or a reader's borrower); the cache still locks itself, cheaply, so
 * that a mistaken second thread cannot corrupt it.
 */
final class StatementCache {

    private static final Logger LOG = LoggerFactory.getLogger(StatementCache.class);
    private static final Map<Connection, StatementCache> CACHES = new ConcurrentHashMap<>();

    /** What {@link #run} does with the statement; its result sets must be closed when it returns. */
    @FunctionalInterface
    interface StatementWork<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    private static final class Entry {
        final PreparedStatement statement;
        boolean inUse;
        boolean evicted;

        Entry(PreparedStatement statement) {
            this.statement = statement;
        }
    }

    private final int capacity;
    private final LinkedHashMap<String, Entry> statements;
    private long prepared;
    private boolean closed;

    private StatementCache(int capacity) {
        this.capacity = capacity;
        this.statements = new LinkedHashMap<>(16, 0.75f, true);
    }

    /**
     * Keeps up to {@code capacity} statements open on {@code connection} from now on.
     *
     * @throws IllegalStateException if it has a cache already
     */
    static void attach(Connection connection, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        if (CACHES.putIfAbsent(connection, new StatementCache(capacity)) != null) {
            throw new IllegalStateException("the connection has a statement cache already");
        }
    }

    /** Closes every statement cached for {@code connection} and stops caching; safe twice. */
    static void detach(Connection connection) {
        StatementCache cache = CACHES.remove(connection);
        if (cache != null) {
            cache.closeAll();
        }
    }

    /** The cache of {@code connection}, or null if it has none. */
    static StatementCache of(Connection connection) {
        return CACHES.get(connection);
    }

    /**
     * Runs {@code work} on a prepared {@code sql} of {@code connection}: its cached statement if
     * it has a cache, else one prepared for this call and closed after it.
     */
    static <T> T with(Connection connection, String sql, StatementWork<T> work) throws SQLException {
        StatementCache cache = of(connection);
        if (cache == null) {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                return work.run(statement);
            }
        }
        return cache.run(connection, sql, work);
    }

    private <T> T run(Connection connection, String sql, StatementWork<T> work) throws SQLException {
        Entry entry = take(connection, sql);
        if (entry == null) {
            // The same SQL is in use further up this call (or the cache was closed): a statement of its own.
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                return work.run(statement);
            }
        }
        boolean done = false;
        try {
            T result = work.run(entry.statement);
            done = true;
            return result;
        } finally {
            giveBack(sql, entry, done);
        }
    }

    /** The cached statement of {@code sql}, prepared now if need be and marked in use; null if in use already. */
    private Entry take(Connection connection, String sql) throws SQLException {
        synchronized (this) {
            if (closed) {
                return null;
            }
            Entry entry = statements.get(sql);
            if (entry != null) {
                if (entry.inUse) {
                    return null;
                }
                entry.inUse = true;
                return entry;
            }
        }
        Entry fresh = new Entry(connection.prepareStatement(sql));
        fresh.inUse = true;
        List<Entry> evicted = new ArrayList<>();
        synchronized (this) {
            prepared++;
            if (closed || statements.containsKey(sql)) {
                // Closed meanwhile, or another thread cached the same SQL: use this one once.
                fresh.evicted = true;
                return fresh;
            }
            statements.put(sql, fresh);
            Iterator<Entry> oldest = statements.values().iterator();
            while (statements.size() > capacity && oldest.hasNext()) {
                Entry eldest = oldest.next();
                if (eldest == fresh) {
                    continue;
                }
                oldest.remove();
                eldest.evicted = true;
                if (!eldest.inUse) {
                    evicted.add(eldest);
                }
            }
        }
        evicted.forEach(StatementCache::closeQuietly);
        return fresh;
    }

    /** Ends a use: the statement stays cached after a use that succeeded, and is closed otherwise. */
    private void giveBack(String sql, Entry entry, boolean succeeded) {
        boolean close;
        synchronized (this) {
            entry.inUse = false;
            close = entry.evicted || !succeeded || closed;
            if (close && statements.get(sql) == entry) {
                statements.remove(sql);
            }
        }
        if (close) {
            closeQuietly(entry);
        }
    }

    private void closeAll() {
        List<Entry> open;
        synchronized (this) {
            closed = true;
            open = new ArrayList<>();
            for (Entry entry : statements.values()) {
                entry.evicted = true;
                if (!entry.inUse) {
                    open.add(entry);
                }
            }
            statements.clear();
        }
        open.forEach(StatementCache::closeQuietly);
    }

    /** How many statements are cached now. */
    synchronized int size() {
        return statements.size();
    }

    /** How many statements this cache has prepared since it was attached (for tests and harnesses). */
    synchronized long prepared() {
        return prepared;
    }

    private static void closeQuietly(Entry entry) {
        try {
            entry.statement.close();
        } catch (SQLException e) {
            LOG.warn("closing a cached statement failed", e);
        }
    }
}
