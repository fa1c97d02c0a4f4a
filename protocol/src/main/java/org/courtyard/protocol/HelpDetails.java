package org.courtyard.protocol;

import java.util.UUID;

/**
 * Payload of {@link EventType#HELP_DETAILS}: what the person told the kiosk about a request after
 * it was already sent (the request goes out at once; the kiosk asks 紧急/看病/生活/其他 and
 * 「您是哪一位？」 afterwards). Either may be null, not both: a kiosk sends each answer when it is
 * given. A kiosk from before {@code residentId} sends only the category.
 */
public record HelpDetails(UUID requestId, HelpCategory category, String residentId) implements EventPayload {

    public HelpDetails {
        Require.present(requestId, "requestId");
        residentId = Require.optionalText(residentId, "residentId");
        if (residentId != null && residentId.isBlank()) {
            throw Require.invalid("residentId", "field 'residentId' must not be blank");
        }
        if (category == null && residentId == null) {
            throw Require.invalid("category", "missing required field 'category' (or 'residentId'): the details say"
                    + " nothing");
        }
    }

    /** The category alone (all that kiosks before {@code residentId} send). */
    public static HelpDetails category(UUID requestId, HelpCategory category) {
        return new HelpDetails(requestId, Require.present(category, "category"), null);
    }

    /** Who asked, alone. */
    public static HelpDetails resident(UUID requestId, String residentId) {
        return new HelpDetails(requestId, null, residentId);
    }
}
