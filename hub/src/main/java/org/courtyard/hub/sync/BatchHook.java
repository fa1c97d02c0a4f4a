package org.courtyard.hub.sync;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.function.Consumer;
import org.courtyard.hub.auth.KioskIdentity;

/**
 * Told of every batch inside its write transaction, after its events, also of a batch without
 * events (a long-poll): the kiosk feature records the contact there. A batch without events whose
 * hooks all say {@link #needsWrite} {@code false} takes no write transaction at all: with
 * thousands of kiosks each long-polling, the single writer must not commit once per long-poll.
 */
@FunctionalInterface
public interface BatchHook {

    /**
     * @param eventsSent how many events the batch carried, valid or not
     * @param afterCommit queues work to run once the batch committed
     */
    void applied(Connection connection, KioskIdentity kiosk, int eventsSent, Instant receivedAt,
            Consumer<Runnable> afterCommit) throws SQLException;

    /**
     * For a batch without events: whether this hook has anything to write for it. Called outside
     * any transaction; may read. By default every batch is written.
     */
    default boolean needsWrite(KioskIdentity kiosk, Instant receivedAt) {
        return true;
    }
}
