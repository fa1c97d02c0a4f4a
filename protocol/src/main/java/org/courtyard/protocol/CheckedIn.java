package org.courtyard.protocol;

/** Payload of {@link EventType#CHECKED_IN}: a resident said 报平安 at the kiosk. */
public record CheckedIn(String residentId) implements EventPayload {

    public CheckedIn {
        Require.line(residentId, "residentId");
    }
}
