package org.courtyard.kiosk.sync;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * What a feature records when the hub has accepted events of a type it registered for with
 * {@link SyncService#onAccepted} (a help request becomes DELIVERED).
 */
@FunctionalInterface
public interface AcceptedEvents {

    /**
     * Runs in the transaction that takes {@code ids} out of the outbox, so the two happen together
     * or not at all.
     *
     * @return what to do after that transaction is committed, outside sync's lock (tell the screen),
     *     or null for nothing
     */
    Runnable accepted(Connection connection, List<UUID> ids) throws SQLException;
}
