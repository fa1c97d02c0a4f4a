package org.courtyard.protocol;

import java.time.Instant;

/** Payload of {@link EventType#ANNOUNCEMENT_PLAYED}: one play, with the kiosk's real start and end. */
public record AnnouncementPlayed(String announcementId, Instant startedAt, Instant endedAt, PlayOutcome outcome,
        String detail) implements EventPayload {

    public AnnouncementPlayed {
        Require.line(announcementId, "announcementId");
        Require.present(startedAt, "startedAt");
        Require.present(endedAt, "endedAt");
        Require.present(outcome, "outcome");
        if (endedAt.isBefore(startedAt)) {
            throw Require.invalid("endedAt", "field 'endedAt' is before 'startedAt'");
        }
        // A device's own words (a sound card error): cleaned, never a reason to lose the report.
        detail = Text.cleaned(Require.optionalText(detail, "detail"));
    }
}
