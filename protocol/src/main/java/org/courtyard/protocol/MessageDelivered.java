package org.courtyard.protocol;

/**
 * Payload of {@link EventType#MESSAGE_DELIVERED}: the kiosk holds a family member's voice message,
 * its audio complete and checked, ready to play; the family's page then shows 已送达.
 */
public record MessageDelivered(String messageId) implements EventPayload {

    public MessageDelivered {
        Require.text(messageId, "messageId");
    }
}
