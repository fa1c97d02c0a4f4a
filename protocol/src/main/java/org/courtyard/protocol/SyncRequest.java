package org.courtyard.protocol;

import java.util.List;

/**
 * What a kiosk sends to {@code POST /api/v1/sync}: its outbox events and the cursor of the last
 * answer it fully applied (null on first contact).
 */
public record SyncRequest(int protocol, String kioskId, String cursor, List<Event> events) {

    public SyncRequest {
        if (protocol != Protocol.VERSION) {
            throw new IllegalArgumentException("field 'protocol' must be " + Protocol.VERSION + ", was " + protocol);
        }
        Require.text(kioskId, "kioskId");
        events = Require.list(events, "events");
        if (events.size() > Protocol.MAX_EVENTS_PER_SYNC) {
            throw new IllegalArgumentException("field 'events' holds " + events.size()
                    + " events; at most " + Protocol.MAX_EVENTS_PER_SYNC + " per sync");
        }
    }
}
