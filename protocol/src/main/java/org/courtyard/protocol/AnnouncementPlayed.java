package org.courtyard.protocol;

import java.time.Instant;

/** Payload of {@link EventType#ANNOUNCEMENT_PLAYED}: one play, with the kiosk's real start and end. */
public record AnnouncementPlayed(String announcementId, Instant startedAt, Instant endedAt, PlayOutcome outcome,
        String detail) implements EventPayload {

    public AnnouncementPlayed {
        Require.text(announcementId, "announcementId");
        Require.present(startedAt, "startedAt");
        Require.present(endedAt, "endedAt");
        Require.present(outcome, "outcome");
        if (endedAt.isBefore(startedAt)) {
            throw Require.invalid("endedAt", "field 'endedAt' is before 'startedAt'");
        }
        detail = Require.optionalText(detail, "detail");
    }
}
