package org.courtyard.kiosk.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.courtyard.kiosk.core.SqlWork;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.EventType;
import org.courtyard.protocol.ProtocolJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The kiosk's local SQLite database ({@code DATA/kiosk.db}): the outbox of events not yet accepted
 * by the hub, small settings such as the sync cursor, and the one migration runner. Each feature
 * keeps its own tables in this file (help requests, announcements, the roster, voice memos...): it
 * brings them up to date with {@link #migrate} under its own key and reads and writes them with
 * {@link #transaction}, {@link #read} and {@link #append(Event, SqlWork)}.
 *
 * <p>WAL with {@code synchronous=FULL}: when {@link #append} returns, the event survives a power
 * cut, which is why the screen may say "sent" only after it. One connection, used under this
 * object's lock: the kiosk has one writer and few reads.
 *
 * <p>A full SD card fails a write with {@link StorageFullException}, nothing of it stored. A help
 * request is the exception ({@link #appendUsingReserve}): a few megabytes are held back for it
 * ({@code DATA/help-reserve.bin}, see {@link SpaceReserve}), released when a help request meets a
 * full card, and made again by {@link #keepReserve()} once there is room. Transactions are begun and
 * ended with SQL on a connection left in auto-commit: sqlite-jdbc's own {@code commit()} and
 * {@code rollback()} lose track of the transaction when SQLite rolls it back by itself after
 * {@code SQLITE_FULL}.
 */
public final class KioskStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KioskStore.class);

    /** The migration key of the store's own tables. */
    static final String OUTBOX = "outbox";

    /** The store's own tables: the outbox and the settings. Append only; never change a step that shipped. */
    private static final List<String> MIGRATIONS = List.of(
            """
            CREATE TABLE outbox (
              id VARCHAR(36) PRIMARY KEY,
              type VARCHAR(40) NOT NULL,
              occurred_at VARCHAR(40) NOT NULL,
              body TEXT NOT NULL,
              seq INTEGER NOT NULL,
              attempts INTEGER NOT NULL DEFAULT 0
            )""",
            "CREATE INDEX outbox_seq ON outbox (seq)",
            """
            CREATE TABLE setting (
              name VARCHAR(100) PRIMARY KEY,
              value VARCHAR(4000) NOT NULL
            )""");

    /**
     * The one global numbering the kiosk used before each feature kept its own (before issue 12):
     * the step that was global version N is entry N-1, as {@code feature:version}. Frozen: it only
     * translates a database made then.
     */
    private static final List<String> GLOBAL_VERSIONS = List.of("outbox:1", "outbox:2", "help:1", "outbox:3",
            "announce:1", "announce:2", "voice-log:1", "voice-memo:1", "checkin:1", "cadre:1", "checkin:2");

    private final Connection connection;
    private final SpaceReserve reserve;
    private boolean closed;
    private long nextSeq;

    private KioskStore(Connection connection, Path dataDir) throws SQLException {
        this.connection = connection;
        this.reserve = new SpaceReserve(dataDir);
        adoptGlobalVersion();
        migrate(OUTBOX, MIGRATIONS);
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COALESCE(MAX(seq), 0) FROM outbox")) {
            rows.next();
            nextSeq = rows.getLong(1) + 1;
        }
    }

    /** Opens (creating if needed) the database in {@code dataDir}. */
    public static KioskStore open(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("kiosk.db"));
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA synchronous=FULL");
                statement.execute("PRAGMA busy_timeout=5000");
            }
            KioskStore store = new KioskStore(connection, dataDir);
            store.keepReserve();
            return store;
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("cannot open the kiosk database in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Brings one feature's tables up to date: runs the steps of {@code migrations} that this database
     * has not run for {@code feature} yet, in order and in one transaction, and records each as
     * {@code (feature, step number)} in {@code schema_migration}. Each feature keeps its own numbers,
     * so features added on parallel branches never collide. Steps are append-only: a step that has
     * shipped is never changed, a change is a new step. Safe to call again (nothing is left to run).
     *
     * @param feature a short key naming the feature's tables, such as {@code help}
     * @throws IllegalStateException if a step fails (nothing of this call is kept) or the database
     *     ran more steps for {@code feature} than {@code migrations} has (a newer kiosk made it)
     */
    public synchronized void migrate(String feature, List<String> migrations) {
        if (feature == null || feature.isBlank() || feature.length() > 40) {
            throw new IllegalArgumentException("a migration key is 1 to 40 characters, was '" + feature + "'");
        }
        int done = read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT COALESCE(MAX(version), 0) FROM schema_migration WHERE feature = ?")) {
                select.setString(1, feature);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return rows.getInt(1);
                }
            }
        });
        if (done > migrations.size()) {
            throw new IllegalStateException("the kiosk database has " + done + " steps of '" + feature
                    + "' but this kiosk knows " + migrations.size() + ": it was made by a newer kiosk");
        }
        if (done == migrations.size()) {
            return;
        }
        transaction(connection -> {
            try (Statement statement = connection.createStatement();
                    PreparedStatement record = connection.prepareStatement(
                            "INSERT INTO schema_migration (feature, version) VALUES (?, ?)")) {
                for (int i = done; i < migrations.size(); i++) {
                    statement.execute(migrations.get(i));
                    record.setString(1, feature);
                    record.setInt(2, i + 1);
                    record.executeUpdate();
                }
            }
            return null;
        });
    }

    /**
     * Creates {@code schema_migration}, and in a database made before issue 12 turns its one
     * {@code schema_version} number into the features' own steps (one transaction), so its outbox,
     * help requests, announcements and roster are kept and nothing runs twice.
     */
    private void adoptGlobalVersion() {
        transaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS schema_migration (feature VARCHAR(40) NOT NULL,"
                        + " version INTEGER NOT NULL, PRIMARY KEY (feature, version))");
                boolean global;
                try (ResultSet rows = statement.executeQuery(
                        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")) {
                    rows.next();
                    global = rows.getInt(1) > 0;
                }
                if (!global) {
                    return null;
                }
                int version;
                try (ResultSet rows = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
                    rows.next();
                    version = rows.getInt(1);
                }
                if (version > GLOBAL_VERSIONS.size()) {
                    throw new SQLException("schema_version " + version + " is newer than this kiosk");
                }
                try (PreparedStatement record = connection.prepareStatement(
                        "INSERT INTO schema_migration (feature, version) VALUES (?, ?)")) {
                    for (String step : GLOBAL_VERSIONS.subList(0, version)) {
                        String[] parts = step.split(":");
                        record.setString(1, parts[0]);
                        record.setInt(2, Integer.parseInt(parts[1]));
                        record.executeUpdate();
                    }
                }
                statement.execute("DROP TABLE schema_version");
            }
            return null;
        });
    }

    /** Durably appends an event to the outbox. */
    public synchronized void append(Event event) {
        inTransaction(() -> insertOutbox(event));
    }

    /**
     * Durably appends an event to the outbox together with {@code alongside}'s writes, in one
     * transaction: a feature that records a fact in its own table and reports it to the hub does
     * both or neither, even across a power cut.
     */
    public synchronized void append(Event event, SqlWork<?> alongside) {
        inTransaction(() -> {
            insertOutbox(event);
            alongside.run(connection);
        });
    }

    /**
     * As {@link #append(Event, SqlWork)}, for a help request: on a full SD card the disk space held
     * back for help requests is released and the write tried once more, so that a card filled by
     * anything else never keeps a help request from being saved.
     *
     * @throws StorageFullException if the card is full even so; nothing is stored
     */
    public synchronized void appendUsingReserve(Event event, SqlWork<?> alongside) {
        try {
            append(event, alongside);
        } catch (StorageFullException full) {
            if (!reserve.release()) {
                throw full;
            }
            LOG.warn("The SD card is full: event {} uses the disk space reserved for help requests", event.id());
            append(event, alongside);
        }
    }

    /**
     * Makes the disk space held back for help requests again if it was used and there is room now;
     * cheap when it is in place. Called at open and with every heartbeat.
     */
    public synchronized void keepReserve() {
        ensureOpen();
        reserve.restore();
    }

    /** Whether the disk space for help requests is held (false after a full card used it). */
    public synchronized boolean reserveHeld() {
        return reserve.held();
    }

    /**
     * Runs {@code work} in one transaction on the kiosk's database, under this store's lock: how a
     * feature reads and writes its own tables in this file. A failure rolls the transaction back and
     * is rethrown as an {@link IllegalStateException} keeping the cause.
     */
    public synchronized <T> T transaction(SqlWork<T> work) {
        List<T> result = new ArrayList<>(1);
        inTransaction(() -> result.add(work.run(connection)));
        return result.get(0);
    }

    /** Runs a read-only {@code work} on the kiosk's database, under this store's lock. */
    public synchronized <T> T read(SqlWork<T> work) {
        ensureOpen();
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("kiosk database read failed: " + e.getMessage(), e);
        }
    }

    private void insertOutbox(Event event) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO outbox (id, type, occurred_at, body, seq) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, event.id().toString());
            insert.setString(2, event.type().name());
            insert.setString(3, event.occurredAt().toString());
            insert.setString(4, ProtocolJson.write(event));
            insert.setLong(5, nextSeq);
            insert.executeUpdate();
        }
        nextSeq++;
    }

    /** When the oldest event of one of {@code types} waiting for the hub happened (the kiosk's clock), if any. */
    public synchronized Optional<Instant> oldestPending(Set<EventType> types) {
        if (types.isEmpty()) {
            return Optional.empty();
        }
        // Compared as instants: ISO texts with and without fractions do not sort as text.
        List<Instant> times = new ArrayList<>();
        String marks = String.join(", ", java.util.Collections.nCopies(types.size(), "?"));
        query("SELECT occurred_at FROM outbox WHERE type IN (" + marks + ")", statement -> {
            int i = 1;
            for (EventType type : types) {
                statement.setString(i++, type.name());
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    times.add(Instant.parse(rows.getString(1)));
                }
            }
        });
        return times.stream().min(Instant::compareTo);
    }

    /** The oldest {@code limit} events waiting for the hub, help requests first. */
    public synchronized List<Event> pending(int limit) {
        List<Event> events = new ArrayList<>();
        query("SELECT body FROM outbox ORDER BY CASE type WHEN '" + EventType.HELP_REQUESTED.name()
                + "' THEN 0 WHEN '" + EventType.HELP_CANCELLED.name() + "' THEN 1 WHEN '"
                + EventType.HELP_DETAILS.name() + "' THEN 1 WHEN '" + EventType.HELP_REPEATED.name()
                + "' THEN 1 ELSE 2 END, seq LIMIT ?", statement -> {
                    statement.setInt(1, limit);
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            events.add(ProtocolJson.read(rows.getString(1), Event.class));
                        }
                    }
                });
        return events;
    }

    /** How many events wait for the hub. */
    public synchronized int outboxSize() {
        int[] size = new int[1];
        query("SELECT COUNT(*) FROM outbox", statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                size[0] = rows.getInt(1);
            }
        });
        return size[0];
    }

    /**
     * Takes the events the hub accepted out of the outbox and, in the same transaction, lets
     * {@code alongside} record what that means for the features' own tables (a help request becomes
     * DELIVERED), given the removed ids by event type. Ids no longer in the outbox (a repeated
     * answer) are left out.
     */
    public synchronized <T> T markAccepted(List<UUID> accepted, Accepted<T> alongside) {
        return transaction(connection -> {
            Map<EventType, List<UUID>> removed = new EnumMap<>(EventType.class);
            try (PreparedStatement select = connection.prepareStatement("SELECT type FROM outbox WHERE id = ?");
                    PreparedStatement delete = connection.prepareStatement("DELETE FROM outbox WHERE id = ?")) {
                for (UUID id : accepted) {
                    select.setString(1, id.toString());
                    try (ResultSet rows = select.executeQuery()) {
                        if (!rows.next()) {
                            continue;
                        }
                        removed.computeIfAbsent(EventType.valueOf(rows.getString(1)), type -> new ArrayList<>()).add(id);
                    }
                    delete.setString(1, id.toString());
                    delete.executeUpdate();
                }
            }
            return alongside.run(connection, removed);
        });
    }

    /** What the features record when the hub accepted their events; see {@link #markAccepted}. */
    @FunctionalInterface
    public interface Accepted<T> {
        T run(Connection connection, Map<EventType, List<UUID>> removed) throws SQLException;
    }

    /** Drops an event the hub refused for good, so it does not block the outbox forever. */
    public synchronized void dropRejected(String id) {
        inTransaction(() -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM outbox WHERE id = ?")) {
                delete.setString(1, id);
                delete.executeUpdate();
            }
        });
    }

    public synchronized Optional<String> setting(String name) {
        String[] value = new String[1];
        query("SELECT value FROM setting WHERE name = ?", statement -> {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                if (rows.next()) {
                    value[0] = rows.getString(1);
                }
            }
        });
        return Optional.ofNullable(value[0]);
    }

    public synchronized void putSetting(String name, String value) {
        inTransaction(() -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM setting WHERE name = ?")) {
                delete.setString(1, name);
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO setting (name, value) VALUES (?, ?)")) {
                insert.setString(1, name);
                insert.setString(2, value);
                insert.executeUpdate();
            }
        });
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the kiosk database: " + e.getMessage(), e);
        }
    }

    private interface Writes {
        void run() throws SQLException;
    }

    private interface SqlQuery {
        void run(PreparedStatement statement) throws SQLException;
    }

    private void inTransaction(Writes work) {
        ensureOpen();
        try {
            execute("BEGIN IMMEDIATE");
            try {
                work.run();
                execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                try {
                    // Finding no transaction is expected: SQLite rolls back by itself after SQLITE_FULL.
                    execute("ROLLBACK");
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        } catch (SQLException e) {
            if (e instanceof SQLiteException sqlite
                    && (sqlite.getResultCode().code & 0xff) == SQLiteErrorCode.SQLITE_FULL.code) {
                throw new StorageFullException("the kiosk's SD card is full; nothing of the write was stored", e);
            }
            throw new IllegalStateException("kiosk database write failed: " + e.getMessage(), e);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private void query(String sql, SqlQuery work) {
        ensureOpen();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            work.run(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("kiosk database read failed: " + e.getMessage(), e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the kiosk database has been closed");
        }
    }
}
