package org.courtyard.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * SQLite's own insert rate on this machine, for the figure of a harness to stand beside: one
 * thread, one connection as the hub opens its writer (WAL, {@code synchronous=FULL}), one prepared
 * statement reused, rows shaped like the hub's {@code events}, {@code batch} rows per committed
 * transaction. Nothing of the hub runs: what a writer could do at best with that many rows per fsync.
 */
final class SqliteCeiling {

    private SqliteCeiling() {
    }

    /** Inserts {@code rows} rows, {@code batch} per transaction, into a fresh file in {@code dir}; rows per second. */
    static double insertsPerSecond(Path dir, int rows, int batch) throws SQLException, java.io.IOException {
        Files.createDirectories(dir);
        Path file = Files.createTempFile(dir, "ceiling", ".db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA synchronous=FULL");
                statement.execute("CREATE TABLE events (id VARCHAR(36) PRIMARY KEY, kiosk_id VARCHAR(16) NOT NULL,"
                        + " type VARCHAR(32) NOT NULL, occurred_at BIGINT NOT NULL, clock_trusted BOOLEAN NOT NULL,"
                        + " received_at BIGINT NOT NULL, payload TEXT NOT NULL)");
            }
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO events (id, kiosk_id, type,"
                    + " occurred_at, clock_trusted, received_at, payload) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < rows; i++) {
                    long now = System.currentTimeMillis();
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setString(2, "k" + (i % 100));
                    insert.setString(3, "CHECKED_IN");
                    insert.setLong(4, now);
                    insert.setBoolean(5, true);
                    insert.setLong(6, now);
                    insert.setString(7, "{\"residentId\":\"r" + (i % 20) + "\"}");
                    insert.executeUpdate();
                    if ((i + 1) % batch == 0 || i == rows - 1) {
                        connection.commit();
                    }
                }
            }
            return rows / ((System.nanoTime() - start) / 1e9);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(Path.of(file + "-wal"));
            Files.deleteIfExists(Path.of(file + "-shm"));
        }
    }
}
