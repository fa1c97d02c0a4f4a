package org.courtyard.hub.store.internal;

import java.util.List;

/** One numbered step of the schema; its statements run in one transaction. */
public record Migration(int version, String description, List<String> statements) {

    public Migration {
        if (version < 1) {
            throw new IllegalArgumentException("migration version must be at least 1, was " + version);
        }
        statements = List.copyOf(statements);
    }
}
