package org.courtyard.hub.store;

import java.util.List;

/**
 * One step of a feature's schema: {@code version} counts the feature's own steps from 1, and its
 * statements run in one transaction. A step, once released, is never edited: a change is a new
 * step. Times are epoch milliseconds in {@code BIGINT} columns; booleans are {@code BOOLEAN}
 * (SQLite stores 0/1, PostgreSQL a real boolean, JDBC reads both the same way). Keep the SQL
 * portable; a step may refer to the tables of features installed before its own.
 */
public record Migration(int version, String description, List<String> statements) {

    public Migration {
        if (version < 1) {
            throw new IllegalArgumentException("migration version must be at least 1, was " + version);
        }
        if (description == null || description.isBlank() || description.length() > 200) {
            throw new IllegalArgumentException("a migration needs a description of at most 200 characters");
        }
        statements = List.copyOf(statements);
    }
}
