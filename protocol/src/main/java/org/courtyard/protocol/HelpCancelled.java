package org.courtyard.protocol;

import java.util.UUID;

/** Payload of {@link EventType#HELP_CANCELLED}: the elder pressed 按错了 in time. */
public record HelpCancelled(UUID requestId) implements EventPayload {

    public HelpCancelled {
        Require.present(requestId, "requestId");
    }
}
