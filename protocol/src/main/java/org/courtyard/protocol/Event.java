package org.courtyard.protocol;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.time.Instant;
import java.util.UUID;

/**
 * One fact created on a kiosk. Its {@code id} is made on the kiosk and makes delivery idempotent:
 * the hub stores an id once however often it arrives. {@code occurredAt} is the kiosk's clock,
 * which {@code clockTrusted} says whether to believe (a Pi without network time has none).
 */
@JsonDeserialize(using = EventDeserializer.class)
public record Event(UUID id, EventType type, Instant occurredAt, boolean clockTrusted, EventPayload payload) {

    public Event {
        Require.present(id, "id");
        Require.present(type, "type");
        Require.present(occurredAt, "occurredAt");
        Require.present(payload, "payload");
        if (!type.payloadType().isInstance(payload)) {
            throw Require.invalid("payload", "field 'payload' is not a " + type + " payload");
        }
    }

    /** A new event with a random id. */
    public static Event of(EventPayload payload, Instant occurredAt, boolean clockTrusted) {
        return new Event(UUID.randomUUID(), EventType.of(payload), occurredAt, clockTrusted, payload);
    }
}
