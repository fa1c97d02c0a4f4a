package org.courtyard.protocol;

import java.util.UUID;

/**
 * Payload of {@link EventType#CHECK_IN_UNDONE}: right after a check-in, the person tapped 「不是我」
 * (someone tapped the wrong photo). {@code checkInId} is the id of the {@code CHECKED_IN} event it
 * takes back; the hub removes that check-in as if it had never been made.
 */
public record CheckInUndone(UUID checkInId) implements EventPayload {

    public CheckInUndone {
        Require.present(checkInId, "checkInId");
    }
}
