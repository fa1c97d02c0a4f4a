package org.courtyard.hub.help;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import org.courtyard.hub.auth.KioskKind;
import org.courtyard.protocol.HelpRequest;

/**
 * The API's HELP: every field of the protocol's {@link HelpRequest} plus the kiosk's name and
 * {@code kioskKind} ({@code HOME} for a request from a resident's home unit, which staff see as
 * 居家), {@code overdue} (true once the request sat NEW longer than the hub's overdue time; never
 * cleared, so the list shows which requests waited too long), {@code overdueAt}, and the
 * {@code voiceMemo} the elder spoke after asking (null without one; {@code hasVoiceMemo} says the same),
 * {@code repeatedAt} (the hub's time of the last counted repeat, null before one; the list is sorted
 * by it or else {@code receivedAt}), and {@code resident}: who asked, when the kiosk was told (always
 * for a home unit: its resident; null otherwise, and the request then shows the kiosk alone).
 */
public record HelpView(@JsonUnwrapped HelpRequest request, String kioskName, KioskKind kioskKind, boolean overdue,
        Instant overdueAt, VoiceMemo voiceMemo, Instant repeatedAt, HelpPerson resident) {

    public HelpView withRequest(HelpRequest other) {
        return new HelpView(other, kioskName, kioskKind, overdue, overdueAt, voiceMemo, repeatedAt, resident);
    }

    public HelpView withResident(HelpPerson person) {
        return new HelpView(request, kioskName, kioskKind, overdue, overdueAt, voiceMemo, repeatedAt, person);
    }

    /** Whether the request came from a resident's home unit (居家). */
    public boolean fromHome() {
        return kioskKind == KioskKind.HOME;
    }
}
