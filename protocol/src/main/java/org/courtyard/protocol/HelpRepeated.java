package org.courtyard.protocol;

import java.util.UUID;

/**
 * Payload of {@link EventType#HELP_REPEATED}: the person pressed for help again while their request
 * was still open. The kiosk sends every such press at once; the hub counts presses that come
 * within a few seconds of the one before as one.
 */
public record HelpRepeated(UUID requestId) implements EventPayload {

    public HelpRepeated {
        Require.present(requestId, "requestId");
    }
}
