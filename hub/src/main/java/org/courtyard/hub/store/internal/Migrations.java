package org.courtyard.hub.store.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.courtyard.hub.store.Migration;
import org.courtyard.hub.store.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one migration runner. Each feature brings its own numbered steps ({@link Migration}); the
 * table {@code schema_migrations} records every step applied as {@code (feature, version)}, so
 * features number their steps independently and never collide. Every step runs in its own
 * transaction together with its row.
 *
 * <p>A database from before per-feature steps (its {@code schema_version} at 1 to
 * {@value LegacySchema#NEWEST}) is carried over on open: the feature steps its old steps became
 * are recorded as applied ({@link LegacySchema}), nothing is run or dropped.
 */
public final class Migrations {

    /** The table of applied steps. */
    public static final String TABLE = "schema_migrations";

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {
    }

    /**
     * Creates the bookkeeping tables if needed and carries an old {@code schema_version} over;
     * one transaction.
     *
     * @throws IllegalStateException for an old version this hub never had
     */
    public static void prepare(Connection connection) throws SQLException {
        inTransaction(connection, () -> {
            boolean legacy = tableExists(connection, "schema_version");
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("""
                        CREATE TABLE IF NOT EXISTS schema_migrations (
                          feature VARCHAR(64) NOT NULL,
                          version INTEGER NOT NULL,
                          description VARCHAR(200) NOT NULL,
                          applied_at BIGINT NOT NULL,
                          PRIMARY KEY (feature, version)
                        )""");
                statement.executeUpdate("""
                        CREATE TABLE IF NOT EXISTS schema_version (
                          version INTEGER PRIMARY KEY,
                          description VARCHAR(200) NOT NULL,
                          applied_at BIGINT NOT NULL
                        )""");
            }
            int old = legacy ? Sql.one(connection, "SELECT MAX(version) AS v FROM schema_version",
                    row -> row.getInt("v")).orElse(0) : 0;
            if (old == LegacySchema.GUARD) {
                return;
            }
            if (old > LegacySchema.GUARD) {
                throw new IllegalStateException("the database has schema version " + old
                        + ", which no hub of this kind wrote; run a newer hub");
            }
            Instant now = Instant.now();
            for (int step = 1; step <= old; step++) {
                String description = Sql.one(connection, "SELECT description FROM schema_version WHERE version = ?",
                        row -> row.getString(1), step).orElse("");
                for (Map.Entry<String, Integer> became : LegacySchema.became(step)) {
                    record(connection, became.getKey(), became.getValue(),
                            cut("schema_version " + step + ": " + description), now);
                }
            }
            Sql.update(connection, "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
                    LegacySchema.GUARD, "steps are per feature in schema_migrations; this hub is too old for them",
                    now);
            if (old > 0) {
                LOG.info("schema version {} carried over to per-feature steps {}", old, LegacySchema.at(old));
            }
        });
    }

    /**
     * Runs the steps of {@code feature} that the database does not have yet, oldest first, each in
     * its own transaction.
     *
     * @throws IllegalArgumentException if the steps are not numbered 1, 2, 3 ...
     * @throws IllegalStateException if the database holds a newer step of the feature (a newer hub
     *     wrote it)
     */
    public static void apply(Connection connection, String feature, List<Migration> steps) throws SQLException {
        if (feature == null || !feature.matches("[a-z][a-z0-9-]{0,63}")) {
            throw new IllegalArgumentException("a feature name is lower-case letters, digits and '-', was '"
                    + feature + "'");
        }
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).version() != i + 1) {
                throw new IllegalArgumentException("the steps of " + feature + " must be numbered 1, 2, 3 ...; step "
                        + (i + 1) + " says " + steps.get(i).version());
            }
        }
        int current = versions(connection).getOrDefault(feature, 0);
        if (current > steps.size()) {
            throw new IllegalStateException("the database has step " + current + " of " + feature
                    + " but this hub knows only up to " + steps.size() + "; run a newer hub");
        }
        for (Migration step : steps.subList(current, steps.size())) {
            inTransaction(connection, () -> {
                try (Statement statement = connection.createStatement()) {
                    for (String sql : step.statements()) {
                        statement.executeUpdate(sql);
                    }
                }
                record(connection, feature, step.version(), step.description(), Instant.now());
            });
            LOG.info("schema of {} migrated to step {}: {}", feature, step.version(), step.description());
        }
    }

    /** The newest step of each feature the database holds, by feature name. */
    public static Map<String, Integer> versions(Connection connection) throws SQLException {
        Map<String, Integer> out = new TreeMap<>();
        if (!tableExists(connection, TABLE)) {
            return out;
        }
        for (Map.Entry<String, Integer> row : Sql.query(connection,
                "SELECT feature, MAX(version) AS v FROM schema_migrations GROUP BY feature",
                row -> Map.entry(row.getString("feature"), row.getInt("v")))) {
            out.put(row.getKey(), row.getValue());
        }
        return out;
    }

    private static void record(Connection connection, String feature, int version, String description, Instant at)
            throws SQLException {
        Sql.update(connection, "INSERT INTO schema_migrations (feature, version, description, applied_at)"
                + " VALUES (?, ?, ?, ?)", feature, version, description, at);
    }

    private static boolean tableExists(Connection connection, String table) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        try (ResultSet rows = meta.getTables(null, null, table, new String[] {"TABLE"})) {
            return rows.next();
        }
    }

    private static String cut(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200);
    }

    private interface Work {
        void run() throws SQLException;
    }

    /**
     * One transaction begun and ended with SQL, as {@code Database} does for every write: the
     * connection stays in JDBC auto-commit, so SQLite's own rollback after {@code SQLITE_FULL}
     * cannot leave sqlite-jdbc believing it is in a transaction that is gone.
     */
    private static void inTransaction(Connection connection, Work work) throws SQLException {
        execute(connection, "BEGIN IMMEDIATE");
        try {
            work.run();
            execute(connection, "COMMIT");
        } catch (SQLException | RuntimeException e) {
            try {
                execute(connection, "ROLLBACK");
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
