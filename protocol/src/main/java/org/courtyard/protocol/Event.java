package org.courtyard.protocol;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.time.Instant;
import java.util.UUID;

/**
 * One fact created on a kiosk. Its {@code id} is made on the kiosk and makes delivery idempotent:
 * the hub stores an id once however often it arrives. {@code occurredAt} is the kiosk's clock,
 * which {@code clockTrusted} says whether to believe (a Pi without network time has none).
 *
 * <p>Kiosks make time-ordered ids (UUID version 7, RFC 9562: 48 bits of Unix milliseconds, then
 * random bits), so the hub's inserts land at the right-hand end of its id indexes instead of on
 * random pages. The hub accepts any UUID (older kiosks send random version 4 ids).
 */
@JsonDeserialize(using = EventDeserializer.class)
public record Event(UUID id, EventType type, Instant occurredAt, boolean clockTrusted, EventPayload payload) {

    /**
     * One generator for the process: within one millisecond it counts up from the last id's random
     * part. It reads the clock before taking its own lock, so threads racing each other could hand
     * it an older millisecond after a newer one and break the order; {@link #newId()} therefore
     * calls it under one lock, clock read included.
     */
    private static final TimeBasedEpochGenerator IDS = Generators.timeBasedEpochGenerator();

    public Event {
        Require.present(id, "id");
        Require.present(type, "type");
        Require.present(occurredAt, "occurredAt");
        Require.present(payload, "payload");
        if (!type.payloadType().isInstance(payload)) {
            throw Require.invalid("payload", "field 'payload' is not a " + type + " payload");
        }
    }

    /** A new event with a fresh id (see {@link #newId()}). */
    public static Event of(EventPayload payload, Instant occurredAt, boolean clockTrusted) {
        return new Event(newId(), EventType.of(payload), occurredAt, clockTrusted, payload);
    }

    /**
     * A fresh event id: UUID version 7 from this machine's clock, ordered by creation time. A kiosk
     * whose clock says 1970 still makes unique ids: the 74 random bits tell them apart (they are
     * then merely not ordered against ids made with a correct clock). Ids made in one process are
     * strictly increasing unless the clock is set back.
     */
    public static synchronized UUID newId() {
        return IDS.generate();
    }
}
