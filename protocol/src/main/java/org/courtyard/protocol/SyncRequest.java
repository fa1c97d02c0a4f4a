package org.courtyard.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * What a kiosk sends to {@code POST /api/v1/sync}: its outbox events and the cursor of the last
 * answer it fully applied (null on first contact).
 */
public record SyncRequest(@JsonProperty(required = true) int protocol, String kioskId, String cursor,
        List<Event> events) {

    public SyncRequest {
        if (protocol != Protocol.VERSION) {
            throw Require.invalid("protocol", "field 'protocol' must be " + Protocol.VERSION + ", was " + protocol);
        }
        Require.line(kioskId, "kioskId");
        cursor = Require.optionalLine(cursor, "cursor");
        events = Require.list(events, "events");
        if (events.size() > Protocol.MAX_EVENTS_PER_SYNC) {
            throw Require.invalid("events", "field 'events' holds " + events.size()
                    + " events; at most " + Protocol.MAX_EVENTS_PER_SYNC + " per sync");
        }
    }
}
