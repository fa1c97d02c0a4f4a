package org.courtyard.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Small helpers over JDBC with positional parameters. Parameters may be {@code null},
 * {@link String}, {@link Long}, {@link Integer}, {@link Boolean} or {@link Instant}; an instant is
 * stored as epoch milliseconds in a {@code BIGINT} column, which sorts and compares the same on
 * SQLite and PostgreSQL (ISO strings would not once their fractions differ in length).
 *
 * <p>On a connection of {@link Database} each SQL text is prepared once and its statement reused
 * ({@link StatementCache}); pass the same text for the same statement (constants, not values
 * spliced in) to benefit.
 */
public final class Sql {

    private Sql() {
    }

    /** Reads one row into a value. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    public static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        return StatementCache.with(connection, sql, statement -> {
            bind(statement, parameters);
            return statement.executeUpdate();
        });
    }

    public static <T> List<T> query(Connection connection, String sql, RowMapper<T> mapper, Object... parameters)
            throws SQLException {
        return StatementCache.with(connection, sql, statement -> {
            bind(statement, parameters);
            statement.setMaxRows(0);
            try (ResultSet rows = statement.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rows.next()) {
                    out.add(mapper.map(rows));
                }
                return out;
            }
        });
    }

    /** Reads one row; for {@link #each}. */
    @FunctionalInterface
    public interface RowConsumer {
        void accept(ResultSet row) throws SQLException;
    }

    /**
     * Hands every row to {@code consumer} as it is read, keeping none: for aggregates over more rows
     * than should be held in memory at once.
     */
    public static void each(Connection connection, String sql, RowConsumer consumer, Object... parameters)
            throws SQLException {
        StatementCache.with(connection, sql, statement -> {
            bind(statement, parameters);
            statement.setMaxRows(0);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    consumer.accept(rows);
                }
            }
            return null;
        });
    }

    /** The first row, if any. */
    public static <T> Optional<T> one(Connection connection, String sql, RowMapper<T> mapper, Object... parameters)
            throws SQLException {
        return StatementCache.with(connection, sql, statement -> {
            bind(statement, parameters);
            statement.setMaxRows(1);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.ofNullable(mapper.map(rows)) : Optional.empty();
            }
        });
    }

    /** Reads an instant stored by this class; null stays null. */
    public static Instant instant(ResultSet row, String column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    public static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i];
            int index = i + 1;
            if (value == null) {
                statement.setNull(index, Types.NULL);
            } else if (value instanceof String text) {
                statement.setString(index, text);
            } else if (value instanceof Long number) {
                statement.setLong(index, number);
            } else if (value instanceof Integer number) {
                statement.setInt(index, number);
            } else if (value instanceof Boolean flag) {
                statement.setBoolean(index, flag);
            } else if (value instanceof Instant instant) {
                statement.setLong(index, instant.toEpochMilli());
            } else {
                throw new IllegalArgumentException("parameter " + index + " has unsupported type "
                        + value.getClass().getName());
            }
        }
    }
}
