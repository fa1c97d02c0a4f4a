package org.courtyard.hub.store.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;

/**
 * Opens SQLite connections with the hub's settings. SQLite-specific on purpose: these PRAGMAs have
 * no portable spelling, and this is the one place that knows them.
 */
public final class SqliteConnections {

    /** How long a connection waits for another process's lock (a backup tool, say) before failing. */
    private static final int BUSY_TIMEOUT_MILLIS = 10_000;

    private SqliteConnections() {
    }

    /**
     * WAL so readers never block the writer; {@code synchronous=FULL} so a commit is on disk when
     * it returns (WAL's default NORMAL may lose the last commits on power loss, and a help request
     * must survive that); foreign keys on, which SQLite leaves off unless asked.
     */
    public static Connection open(Path file, boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        if (!readOnly) {
            // The journal mode is stored in the file; readers, opened after the writer, find it set.
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            // The writer's statement journal in memory: a savepoint (each batch of a sync has one)
            // copies every page it changes there first, and SQLite spills that journal to a temp
            // file past 64 KiB: 19,000 page writes in 3 s at 11,000 events/s, a third of the
            // writer's time (docs/benchmarks.md). It holds a group's changed pages, a few MB at most.
            config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        }
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.setReadOnly(readOnly);
        return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }
}
