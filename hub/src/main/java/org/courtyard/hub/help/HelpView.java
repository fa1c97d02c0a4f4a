package org.courtyard.hub.help;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import org.courtyard.protocol.HelpRequest;

/**
 * The API's HELP: every field of the protocol's {@link HelpRequest} plus the kiosk's name,
 * {@code overdue} (true once the request sat NEW longer than the hub's overdue time; never
 * cleared, so the list shows which requests waited too long), {@code overdueAt}, and the
 * {@code voiceMemo} the elder spoke after asking (null without one; {@code hasVoiceMemo} says the same),
 * {@code repeatedAt} (the hub's time of the last counted repeat, null before one; the list is sorted
 * by it or else {@code receivedAt}), and {@code resident}: who asked, when the kiosk was told (null
 * otherwise; the request then shows the kiosk alone).
 */
public record HelpView(@JsonUnwrapped HelpRequest request, String kioskName, boolean overdue, Instant overdueAt,
        VoiceMemo voiceMemo, Instant repeatedAt, HelpPerson resident) {

    public HelpView withRequest(HelpRequest other) {
        return new HelpView(other, kioskName, overdue, overdueAt, voiceMemo, repeatedAt, resident);
    }

    public HelpView withResident(HelpPerson person) {
        return new HelpView(request, kioskName, overdue, overdueAt, voiceMemo, repeatedAt, person);
    }
}
