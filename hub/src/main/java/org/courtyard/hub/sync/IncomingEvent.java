package org.courtyard.hub.sync;

import java.sql.Connection;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.courtyard.hub.auth.KioskIdentity;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.EventPayload;

/**
 * One event as its {@link EventHandler} sees it: the event and its typed payload, the kiosk that
 * sent it, the hub's receive time, and the batch's write transaction.
 */
public final class IncomingEvent<T extends EventPayload> {

    private final Connection connection;
    private final KioskIdentity kiosk;
    private final Event event;
    private final T payload;
    private final String payloadJson;
    private final Instant receivedAt;
    private final List<Map.Entry<Object, Runnable>> afterCommit = new ArrayList<>();

    IncomingEvent(Connection connection, KioskIdentity kiosk, Event event, T payload, String payloadJson,
            Instant receivedAt) {
        this.connection = connection;
        this.kiosk = kiosk;
        this.event = event;
        this.payload = payload;
        this.payloadJson = payloadJson;
        this.receivedAt = receivedAt;
    }

    /** The batch's write transaction; do not commit or roll it back. */
    public Connection connection() {
        return connection;
    }

    public KioskIdentity kiosk() {
        return kiosk;
    }

    /** The whole event: id, type, the kiosk's {@code occurredAt} and whether its clock was trusted. */
    public Event event() {
        return event;
    }

    public T payload() {
        return payload;
    }

    /**
     * The payload as JSON, as stored in {@code events.payload}: written out once, before the batch
     * reached the writer thread, for a handler that stores it too.
     */
    public String payloadJson() {
        return payloadJson;
    }

    /** When the hub received the batch (its own clock). */
    public Instant receivedAt() {
        return receivedAt;
    }

    /**
     * Runs {@code work} once the batch committed (publishing to listeners, waking long-polls), in
     * the order queued; dropped if the event is rejected. A failing piece of work is logged and
     * does not stop the others.
     */
    public void afterCommit(Runnable work) {
        afterCommit.add(new AbstractMap.SimpleImmutableEntry<>(new Object(), work));
    }

    /**
     * As {@link #afterCommit(Runnable)}, but of the work that events of one batch queue under
     * equal keys only the first runs: two reports of one announcement in a batch tell its
     * delivery board's listeners once.
     */
    public void afterCommitOnce(Object key, Runnable work) {
        afterCommit.add(new AbstractMap.SimpleImmutableEntry<>(key, work));
    }

    List<Map.Entry<Object, Runnable>> queued() {
        return afterCommit;
    }
}
