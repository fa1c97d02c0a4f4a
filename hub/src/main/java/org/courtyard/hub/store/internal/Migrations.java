package org.courtyard.hub.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.courtyard.hub.store.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's schema, as numbered steps. A step, once released, is never edited: a change is a new
 * step. Times are epoch milliseconds in {@code BIGINT} columns; booleans are {@code BOOLEAN}
 * (SQLite stores 0/1, PostgreSQL a real boolean, JDBC reads both the same way).
 */
public final class Migrations {

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    /** Every step, in order. */
    public static final List<Migration> ALL = List.of(
            new Migration(1, "users, sessions, kiosks, events, help requests, webhook outbox", List.of(
                    """
                    CREATE TABLE users (
                      username VARCHAR(64) PRIMARY KEY,
                      password_hash VARCHAR(200) NOT NULL,
                      role VARCHAR(16) NOT NULL,
                      village VARCHAR(100),
                      display_name VARCHAR(100),
                      created_at BIGINT NOT NULL
                    )""",
                    """
                    CREATE TABLE sessions (
                      token_hash VARCHAR(64) PRIMARY KEY,
                      username VARCHAR(64) NOT NULL REFERENCES users(username) ON DELETE CASCADE,
                      created_at BIGINT NOT NULL,
                      expires_at BIGINT NOT NULL
                    )""",
                    "CREATE INDEX sessions_expiry ON sessions(expires_at)",
                    """
                    CREATE TABLE kiosks (
                      id VARCHAR(16) PRIMARY KEY,
                      name VARCHAR(100) NOT NULL,
                      village VARCHAR(100) NOT NULL,
                      token_hash VARCHAR(64) NOT NULL UNIQUE,
                      created_at BIGINT NOT NULL,
                      last_seen_at BIGINT,
                      last_heartbeat TEXT,
                      last_heartbeat_at BIGINT
                    )""",
                    """
                    CREATE TABLE events (
                      id VARCHAR(36) PRIMARY KEY,
                      kiosk_id VARCHAR(16) NOT NULL REFERENCES kiosks(id),
                      type VARCHAR(32) NOT NULL,
                      occurred_at BIGINT NOT NULL,
                      clock_trusted BOOLEAN NOT NULL,
                      received_at BIGINT NOT NULL,
                      payload TEXT NOT NULL
                    )""",
                    "CREATE INDEX events_kiosk ON events(kiosk_id, received_at)",
                    """
                    CREATE TABLE help_requests (
                      id VARCHAR(36) PRIMARY KEY REFERENCES events(id),
                      kiosk_id VARCHAR(16) NOT NULL REFERENCES kiosks(id),
                      village VARCHAR(100) NOT NULL,
                      status VARCHAR(16) NOT NULL,
                      source VARCHAR(16) NOT NULL,
                      category VARCHAR(16),
                      resident_id VARCHAR(100),
                      transcript TEXT,
                      occurred_at BIGINT NOT NULL,
                      received_at BIGINT NOT NULL,
                      clock_trusted BOOLEAN NOT NULL,
                      acknowledged_by VARCHAR(100),
                      assignee VARCHAR(100),
                      updated_at BIGINT NOT NULL,
                      overdue_at BIGINT
                    )""",
                    "CREATE INDEX help_requests_status ON help_requests(status, received_at)",
                    "CREATE INDEX help_requests_village ON help_requests(village, received_at)",
                    // seq is the hub's change sequence and the kiosks' cursor. In SQLite an INTEGER
                    // PRIMARY KEY is the rowid and grows by one with every insert (rows here are never
                    // deleted, so it never reuses a value); on PostgreSQL write
                    // BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY.
                    """
                    CREATE TABLE help_history (
                      seq INTEGER PRIMARY KEY,
                      request_id VARCHAR(36) NOT NULL REFERENCES help_requests(id),
                      kiosk_id VARCHAR(16) NOT NULL,
                      status VARCHAR(16) NOT NULL,
                      by_name VARCHAR(100),
                      assignee VARCHAR(100),
                      note TEXT,
                      changed_at BIGINT NOT NULL
                    )""",
                    "CREATE INDEX help_history_request ON help_history(request_id, seq)",
                    "CREATE INDEX help_history_kiosk ON help_history(kiosk_id, seq)",
                    // id: see help_history.seq.
                    """
                    CREATE TABLE webhook_outbox (
                      id INTEGER PRIMARY KEY,
                      event VARCHAR(32) NOT NULL,
                      url TEXT NOT NULL,
                      body TEXT NOT NULL,
                      attempts INTEGER NOT NULL,
                      next_attempt_at BIGINT NOT NULL,
                      created_at BIGINT NOT NULL,
                      delivered_at BIGINT,
                      failed_at BIGINT,
                      last_error TEXT
                    )""",
                    "CREATE INDEX webhook_outbox_due ON webhook_outbox(delivered_at, failed_at, next_attempt_at)")),
            new Migration(2, "kiosk enrolment codes; when a kiosk was found silent", List.of(
                    // One live code per kiosk: a new code replaces the old one. The code is stored
                    // only as SHA-256(salt || code); redeeming it deletes the row.
                    """
                    CREATE TABLE enrolment_codes (
                      kiosk_id VARCHAR(16) PRIMARY KEY REFERENCES kiosks(id),
                      salt VARCHAR(32) NOT NULL,
                      code_hash VARCHAR(64) NOT NULL,
                      created_by VARCHAR(64),
                      created_at BIGINT NOT NULL,
                      expires_at BIGINT NOT NULL
                    )""",
                    "ALTER TABLE kiosks ADD COLUMN silent_since BIGINT")));

    private Migrations() {
    }

    /**
     * Brings the schema up to the newest step, each step in its own transaction.
     *
     * @throws IllegalStateException if the database was written by a newer hub
     */
    public static void apply(Connection connection, List<Migration> migrations) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("""
                        CREATE TABLE IF NOT EXISTS schema_version (
                          version INTEGER PRIMARY KEY,
                          description VARCHAR(200) NOT NULL,
                          applied_at BIGINT NOT NULL
                        )""");
            }
            connection.commit();
            int current = Sql.one(connection, "SELECT MAX(version) AS v FROM schema_version", row -> row.getInt("v"))
                    .orElse(0);
            int newest = migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
            if (current > newest) {
                throw new IllegalStateException("the database has schema version " + current
                        + " but this hub knows only up to " + newest + "; run a newer hub");
            }
            for (Migration migration : migrations) {
                if (migration.version() <= current) {
                    continue;
                }
                try (Statement statement = connection.createStatement()) {
                    for (String sql : migration.statements()) {
                        statement.executeUpdate(sql);
                    }
                }
                Sql.update(connection, "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
                        migration.version(), migration.description(), Instant.now());
                connection.commit();
                LOG.info("schema migrated to version {}: {}", migration.version(), migration.description());
            }
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
