package org.courtyard.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A help request as staff see it on the hub ({@code HELP} in the API). {@code occurredAt} is the
 * kiosk's time of the press, {@code receivedAt} the hub's; {@code history} is empty in lists and
 * filled when one request is fetched. {@code repeatCount} counts the times the person pressed again
 * while it was open (presses within a few seconds of the one before count once).
 */
public record HelpRequest(UUID id, String kioskId, String village, HelpStatus status, HelpSource source,
        HelpCategory category, String residentId, String transcript, @JsonProperty(required = true) boolean hasVoiceMemo,
        Instant occurredAt, Instant receivedAt, @JsonProperty(required = true) boolean clockTrusted,
        String acknowledgedBy, String assignee, Instant updatedAt, @JsonProperty(required = true) int repeatCount,
        List<HelpHistoryEntry> history) {

    public HelpRequest {
        Require.present(id, "id");
        Require.text(kioskId, "kioskId");
        village = Require.optionalText(village, "village");
        Require.present(status, "status");
        Require.present(source, "source");
        residentId = Require.optionalText(residentId, "residentId");
        transcript = Require.optionalText(transcript, "transcript");
        Require.present(occurredAt, "occurredAt");
        Require.present(receivedAt, "receivedAt");
        acknowledgedBy = Require.optionalText(acknowledgedBy, "acknowledgedBy");
        assignee = Require.optionalText(assignee, "assignee");
        if (repeatCount < 0) {
            throw Require.invalid("repeatCount", "field 'repeatCount' must not be negative");
        }
        history = Require.list(history, "history");
    }
}
