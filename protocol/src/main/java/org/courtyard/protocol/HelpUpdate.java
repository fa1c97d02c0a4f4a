package org.courtyard.protocol;

import java.time.Instant;
import java.util.UUID;

/**
 * A change of a help request's status, sent down to the kiosk it came from so the elder hears
 * who is coming. {@code by} is the person who made the change; {@code assignee} the person sent.
 */
public record HelpUpdate(UUID requestId, HelpStatus status, String by, String assignee, String note, Instant at) {

    public HelpUpdate {
        Require.present(requestId, "requestId");
        Require.present(status, "status");
        by = Require.optionalText(by, "by");
        assignee = Require.optionalText(assignee, "assignee");
        note = Require.optionalText(note, "note");
        Require.present(at, "at");
    }
}
