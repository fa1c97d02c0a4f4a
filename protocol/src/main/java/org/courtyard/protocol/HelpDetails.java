package org.courtyard.protocol;

import java.util.UUID;

/**
 * Payload of {@link EventType#HELP_DETAILS}: what the elder told the kiosk about a request after
 * it was already sent (the request goes out at once; the kiosk asks 紧急/看病/生活/其他 afterwards).
 */
public record HelpDetails(UUID requestId, HelpCategory category) implements EventPayload {

    public HelpDetails {
        Require.present(requestId, "requestId");
        Require.present(category, "category");
    }
}
