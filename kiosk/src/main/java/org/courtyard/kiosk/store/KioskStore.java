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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.courtyard.protocol.CadreCard;
import org.courtyard.protocol.CheckedIn;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.EventType;
import org.courtyard.protocol.HelpDetails;
import org.courtyard.protocol.HelpRequested;
import org.courtyard.protocol.ProtocolJson;
import org.courtyard.protocol.ResidentCard;
import org.courtyard.protocol.ResidentType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The kiosk's local SQLite database ({@code DATA/kiosk.db}): the outbox of events not yet
 * accepted by the hub, the local view of help requests, the village's roster (residents and
 * cadres) with how often each resident checked in here, and small settings such as the sync cursor.
 *
 * <p>WAL with {@code synchronous=FULL}: when {@link #append} returns, the event survives a power
 * cut, which is why the screen may say "sent" only after it. One connection, used under this
 * object's lock: the kiosk has one writer and few reads.
 *
 * <p>A full SD card fails a write with {@link StorageFullException}, nothing of it stored. A help
 * request is the exception: a few megabytes are held back for it ({@code DATA/help-reserve.bin},
 * see {@link SpaceReserve}), released when a help request meets a full card, and made again by
 * {@link #keepReserve()} once there is room. Transactions are begun and ended with SQL on a
 * connection left in auto-commit: sqlite-jdbc's own {@code commit()}/{@code rollback()} lose track
 * of the transaction when SQLite rolls it back by itself after {@code SQLITE_FULL}.
 */
public final class KioskStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KioskStore.class);

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
            CREATE TABLE help_request (
              id VARCHAR(36) PRIMARY KEY,
              source VARCHAR(16) NOT NULL,
              category VARCHAR(16),
              occurred_at VARCHAR(40) NOT NULL,
              status VARCHAR(16) NOT NULL,
              status_by VARCHAR(200),
              assignee VARCHAR(200),
              note VARCHAR(4000),
              updated_at VARCHAR(40) NOT NULL
            )""",
            """
            CREATE TABLE setting (
              name VARCHAR(100) PRIMARY KEY,
              value VARCHAR(4000) NOT NULL
            )""",
            // Announcements (org.courtyard.kiosk.announce.AnnounceStore): the latest revision of each
            // as protocol JSON, and the scheduled plays that are done, so a restart neither repeats
            // them nor forgets one still due. Times in epoch milliseconds.
            """
            CREATE TABLE announcement (
              id VARCHAR(100) PRIMARY KEY,
              revision INTEGER NOT NULL,
              body TEXT NOT NULL,
              received_at BIGINT NOT NULL,
              audio_reported VARCHAR(64)
            )""",
            """
            CREATE TABLE announcement_play (
              announcement_id VARCHAR(100) NOT NULL,
              occurrence_at BIGINT NOT NULL,
              outcome VARCHAR(16) NOT NULL,
              started_at BIGINT NOT NULL,
              ended_at BIGINT NOT NULL,
              PRIMARY KEY (announcement_id, occurrence_at)
            )""",
            // Voice (org.courtyard.kiosk.voice): every recognition, bounded by the voice package; times in
            // epoch milliseconds, so that they sort.
            """
            CREATE TABLE voice_recognition (
              id INTEGER PRIMARY KEY,
              at BIGINT NOT NULL,
              mode VARCHAR(16) NOT NULL,
              text VARCHAR(4000),
              confidence DOUBLE PRECISION,
              intent VARCHAR(32),
              outcome VARCHAR(32) NOT NULL,
              latency_ms BIGINT,
              audio_file VARCHAR(200)
            )""",
            // Voice memos waiting to be uploaded after their help request was delivered.
            """
            CREATE TABLE voice_memo (
              request_id VARCHAR(36) PRIMARY KEY,
              file VARCHAR(200) NOT NULL,
              sha256 VARCHAR(64) NOT NULL,
              bytes BIGINT NOT NULL,
              duration_ms BIGINT NOT NULL,
              transcript VARCHAR(4000),
              recorded_at BIGINT NOT NULL,
              attempts INTEGER NOT NULL DEFAULT 0,
              next_attempt_at BIGINT NOT NULL,
              uploaded_at BIGINT,
              failed_at BIGINT,
              last_error VARCHAR(4000)
            )""",
            // The village's roster as the hub last sent it, in the hub's order.
            """
            CREATE TABLE roster_resident (
              id VARCHAR(16) PRIMARY KEY,
              name VARCHAR(50) NOT NULL,
              type VARCHAR(8) NOT NULL,
              photo_sha256 VARCHAR(64),
              position INTEGER NOT NULL
            )""",
            """
            CREATE TABLE roster_cadre (
              id VARCHAR(16) PRIMARY KEY,
              name VARCHAR(50) NOT NULL,
              village VARCHAR(100) NOT NULL,
              pin_hash VARCHAR(200) NOT NULL,
              position INTEGER NOT NULL
            )""",
            // How often each resident checked in here: who usually comes is shown first.
            """
            CREATE TABLE checkin_count (
              resident_id VARCHAR(16) PRIMARY KEY,
              count INTEGER NOT NULL,
              last_at VARCHAR(40) NOT NULL
            )""");

    private final Connection connection;
    private final SpaceReserve reserve;
    private boolean closed;
    private long nextSeq;

    private KioskStore(Connection connection, Path dataDir) throws SQLException {
        this.connection = connection;
        this.reserve = new SpaceReserve(dataDir);
        migrate();
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

    private void migrate() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            int version;
            try (ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM schema_version")) {
                rows.next();
                version = rows.getInt(1);
            }
            if (version >= MIGRATIONS.size()) {
                return;
            }
            connection.setAutoCommit(false);
            try {
                for (int i = version; i < MIGRATIONS.size(); i++) {
                    statement.execute(MIGRATIONS.get(i));
                    statement.execute("INSERT INTO schema_version (version) VALUES (" + (i + 1) + ")");
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
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
    public synchronized void append(Event event, Work<?> alongside) {
        inTransaction(() -> {
            insertOutbox(event);
            alongside.run(connection);
        });
    }

    /**
     * Runs {@code work} in one transaction on the kiosk's database, under this store's lock, for
     * feature stores that keep their own tables in this file (such as the announcements'). The
     * connection must not be kept or used after {@code work} returns.
     */
    public synchronized <T> T transaction(Work<T> work) {
        List<T> result = new ArrayList<>(1);
        inTransaction(() -> result.add(work.run(connection)));
        return result.get(0);
    }

    /** Work on the kiosk's database connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Makes the disk space reserved for help requests again if it was used and there is room now;
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
     * Durably records a new help request: its {@code HELP_REQUESTED} event in the outbox and its
     * local state row, in one transaction. On a full SD card the space reserved for help requests
     * is released and the write tried once more.
     *
     * @throws StorageFullException if the card is full even so; nothing is stored
     */
    public synchronized void appendHelpRequest(Event event) {
        if (!(event.payload() instanceof HelpRequested requested)) {
            throw new IllegalArgumentException("event " + event.id() + " is not a HELP_REQUESTED event");
        }
        try {
            insertHelpRequest(event, requested);
        } catch (StorageFullException full) {
            if (!reserve.release()) {
                throw full;
            }
            LOG.warn("The SD card is full: help request {} uses the disk space reserved for it", event.id());
            insertHelpRequest(event, requested);
        }
    }

    private void insertHelpRequest(Event event, HelpRequested requested) {
        inTransaction(() -> {
            insertOutbox(event);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO help_request (id, source, category, occurred_at, status, updated_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, event.id().toString());
                insert.setString(2, requested.source().name());
                insert.setString(3, requested.category() == null ? null : requested.category().name());
                insert.setString(4, event.occurredAt().toString());
                insert.setString(5, LocalHelpStatus.SAVED.name());
                insert.setString(6, event.occurredAt().toString());
                insert.executeUpdate();
            }
        });
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

    /**
     * Durably appends a {@code CHECKED_IN} event and counts the check-in for the resident, in one
     * transaction: the screen may thank the elder once this returns.
     */
    public synchronized void appendCheckIn(Event event) {
        if (!(event.payload() instanceof CheckedIn checkedIn)) {
            throw new IllegalArgumentException("event " + event.id() + " is not a CHECKED_IN event");
        }
        inTransaction(() -> {
            insertOutbox(event);
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE checkin_count SET count = count + 1, last_at = ? WHERE resident_id = ?")) {
                update.setString(1, event.occurredAt().toString());
                update.setString(2, checkedIn.residentId());
                if (update.executeUpdate() == 0) {
                    try (PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO checkin_count (resident_id, count, last_at) VALUES (?, 1, ?)")) {
                        insert.setString(1, checkedIn.residentId());
                        insert.setString(2, event.occurredAt().toString());
                        insert.executeUpdate();
                    }
                }
            }
        });
    }

    /** How many times each resident checked in at this kiosk, by resident id. */
    public synchronized Map<String, Integer> checkInCounts() {
        Map<String, Integer> counts = new HashMap<>();
        query("SELECT resident_id, count FROM checkin_count", statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getInt(2));
                }
            }
        });
        return counts;
    }

    /**
     * Replaces the stored roster with what the hub sent; a null list keeps that part as it is (the
     * hub's "unchanged"). One transaction, so the kiosk never shows half of an old roster.
     */
    public synchronized void replaceRoster(List<ResidentCard> residents, List<CadreCard> cadres) {
        if (residents == null && cadres == null) {
            return;
        }
        inTransaction(() -> {
            if (residents != null) {
                try (Statement delete = connection.createStatement()) {
                    delete.executeUpdate("DELETE FROM roster_resident");
                }
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO roster_resident (id, name, type, photo_sha256, position) VALUES (?, ?, ?, ?, ?)")) {
                    for (int i = 0; i < residents.size(); i++) {
                        ResidentCard card = residents.get(i);
                        insert.setString(1, card.id());
                        insert.setString(2, card.name());
                        insert.setString(3, card.type().name());
                        insert.setString(4, card.photoSha256());
                        insert.setInt(5, i);
                        insert.executeUpdate();
                    }
                }
            }
            if (cadres != null) {
                try (Statement delete = connection.createStatement()) {
                    delete.executeUpdate("DELETE FROM roster_cadre");
                }
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO roster_cadre (id, name, village, pin_hash, position) VALUES (?, ?, ?, ?, ?)")) {
                    for (int i = 0; i < cadres.size(); i++) {
                        CadreCard card = cadres.get(i);
                        insert.setString(1, card.id());
                        insert.setString(2, card.name());
                        insert.setString(3, card.village());
                        insert.setString(4, card.pinHash());
                        insert.setInt(5, i);
                        insert.executeUpdate();
                    }
                }
            }
        });
    }

    /** The residents of the village as the hub last sent them, in the hub's order. */
    public synchronized List<ResidentCard> residents() {
        List<ResidentCard> out = new ArrayList<>();
        query("SELECT id, name, type, photo_sha256 FROM roster_resident ORDER BY position", statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    out.add(new ResidentCard(rows.getString(1), rows.getString(2),
                            ResidentType.valueOf(rows.getString(3)), rows.getString(4)));
                }
            }
        });
        return out;
    }

    /** The cadres who may use cadre mode here, with their PIN hashes. */
    public synchronized List<CadreCard> cadres() {
        List<CadreCard> out = new ArrayList<>();
        query("SELECT id, name, village, pin_hash FROM roster_cadre ORDER BY position", statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    out.add(new CadreCard(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4)));
                }
            }
        });
        return out;
    }

    /** The oldest {@code limit} events waiting for the hub, help requests first. */
    public synchronized List<Event> pending(int limit) {
        List<Event> events = new ArrayList<>();
        query("SELECT body FROM outbox ORDER BY CASE type WHEN '" + EventType.HELP_REQUESTED.name()
                + "' THEN 0 WHEN '" + EventType.HELP_CANCELLED.name() + "' THEN 1 WHEN '"
                + EventType.HELP_DETAILS.name() + "' THEN 1 ELSE 2 END, seq LIMIT ?", statement -> {
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
     * Removes events the hub accepted; a help request among them moves from SAVED to DELIVERED.
     * Returns the ids of help requests that became DELIVERED.
     */
    public synchronized List<UUID> markAccepted(List<UUID> accepted, Instant now) {
        List<UUID> delivered = new ArrayList<>();
        inTransaction(() -> {
            for (UUID id : accepted) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM outbox WHERE id = ?")) {
                    delete.setString(1, id.toString());
                    delete.executeUpdate();
                }
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE help_request SET status = ?, updated_at = ? WHERE id = ? AND status = ?")) {
                    update.setString(1, LocalHelpStatus.DELIVERED.name());
                    update.setString(2, now.toString());
                    update.setString(3, id.toString());
                    update.setString(4, LocalHelpStatus.SAVED.name());
                    if (update.executeUpdate() == 1) {
                        delivered.add(id);
                    }
                }
            }
        });
        return delivered;
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

    /**
     * Applies a status the hub reported. A status never moves backwards (updates may arrive twice
     * or out of order through the push and the long-poll); returns true when it changed something.
     */
    public synchronized boolean applyHelpStatus(UUID id, LocalHelpStatus status, String by, String assignee,
            String note, Instant at) {
        Optional<LocalHelpRequest> current = helpRequest(id);
        if (current.isEmpty() || !current.get().status().canBecome(status)) {
            return false;
        }
        inTransaction(() -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE help_request SET status = ?, status_by = COALESCE(?, status_by), "
                            + "assignee = COALESCE(?, assignee), note = COALESCE(?, note), updated_at = ? WHERE id = ?")) {
                update.setString(1, status.name());
                update.setString(2, by);
                update.setString(3, assignee);
                update.setString(4, note);
                update.setString(5, at.toString());
                update.setString(6, id.toString());
                update.executeUpdate();
            }
        });
        return true;
    }

    /** Records the category chosen after sending, with its HELP_DETAILS event, in one transaction. */
    public synchronized void appendHelpDetails(Event event) {
        if (!(event.payload() instanceof HelpDetails details)) {
            throw new IllegalArgumentException("event " + event.id() + " is not a HELP_DETAILS event");
        }
        inTransaction(() -> {
            insertOutbox(event);
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE help_request SET category = ? WHERE id = ?")) {
                update.setString(1, details.category().name());
                update.setString(2, details.requestId().toString());
                update.executeUpdate();
            }
        });
    }

    public synchronized Optional<LocalHelpRequest> helpRequest(UUID id) {
        List<LocalHelpRequest> found = helpRequests("WHERE id = ?", id.toString());
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** The most recent help request made at this kiosk, if any. */
    public synchronized Optional<LocalHelpRequest> latestHelpRequest() {
        List<LocalHelpRequest> found = helpRequests("ORDER BY occurred_at DESC, rowid DESC LIMIT 1");
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private List<LocalHelpRequest> helpRequests(String clause, String... args) {
        List<LocalHelpRequest> out = new ArrayList<>();
        query("SELECT id, source, category, occurred_at, status, status_by, assignee, note, updated_at "
                + "FROM help_request " + clause, statement -> {
                    for (int i = 0; i < args.length; i++) {
                        statement.setString(i + 1, args[i]);
                    }
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            out.add(new LocalHelpRequest(UUID.fromString(rows.getString(1)),
                                    org.courtyard.protocol.HelpSource.valueOf(rows.getString(2)),
                                    rows.getString(3) == null ? null
                                            : org.courtyard.protocol.HelpCategory.valueOf(rows.getString(3)),
                                    Instant.parse(rows.getString(4)), LocalHelpStatus.valueOf(rows.getString(5)),
                                    rows.getString(6), rows.getString(7), rows.getString(8),
                                    Instant.parse(rows.getString(9))));
                        }
                    }
                });
        return out;
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

    /**
     * Runs {@code work} in one transaction on the store's connection, for feature packages that
     * own tables of their own (voice). The work must not keep the connection: it is the store's,
     * used under this object's lock. A failure rolls the transaction back and is rethrown as an
     * {@link IllegalStateException} keeping the cause.
     */
    public synchronized <T> T inTransaction(SqlFunction<T> work) {
        Object[] result = new Object[1];
        inTransaction(() -> result[0] = work.apply(connection));
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }

    /** Runs a read-only {@code work} on the store's connection, under its lock. */
    public synchronized <T> T read(SqlFunction<T> work) {
        ensureOpen();
        try {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("kiosk database read failed: " + e.getMessage(), e);
        }
    }

    /** Work on the store's connection; see {@link #inTransaction(SqlFunction)}. */
    @FunctionalInterface
    public interface SqlFunction<T> {
        T apply(Connection connection) throws SQLException;
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

    private interface SqlWork {
        void run() throws SQLException;
    }

    private interface SqlQuery {
        void run(PreparedStatement statement) throws SQLException;
    }

    private void inTransaction(SqlWork work) {
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
