package org.courtyard.protocol;

/**
 * Payload of {@link EventType#MESSAGE_HEARD}: the resident listened to a family member's voice
 * message at the kiosk (or their home unit) to its end; the family's page then shows 已听.
 */
public record MessageHeard(String messageId) implements EventPayload {

    public MessageHeard {
        Require.text(messageId, "messageId");
    }
}
