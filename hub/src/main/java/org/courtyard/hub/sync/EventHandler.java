package org.courtyard.hub.sync;

import java.sql.SQLException;
import org.courtyard.protocol.EventPayload;

/**
 * Applies one type of event that kiosks send; a feature registers one per event type with
 * {@link SyncService#on}. It runs inside the batch's write transaction, after the event's row in
 * {@code events} was written, so its own rows may refer to the event's id.
 *
 * <p>To reject the event, throw {@link org.courtyard.hub.core.Refusal}: its code and message go
 * back to the kiosk in {@code rejected}, and nothing the event wrote is kept (neither its
 * {@code events} row nor the handler's rows, nor the work it queued with
 * {@link IncomingEvent#afterCommit}). Any other exception fails the whole batch.
 *
 * <p>A handler may run more than once for one event: when another event of the batch is refused,
 * the batch is rolled back and stored again (see {@code SyncService.storeAll}). So it keeps its
 * effects in the transaction and in {@link IncomingEvent#afterCommit} work, never in memory of
 * its own while it runs.
 */
@FunctionalInterface
public interface EventHandler<T extends EventPayload> {

    void apply(IncomingEvent<T> event) throws SQLException;
}
