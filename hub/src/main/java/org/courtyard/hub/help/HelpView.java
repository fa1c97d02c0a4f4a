package org.courtyard.hub.help;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import org.courtyard.hub.auth.KioskKind;
import org.courtyard.protocol.HelpRequest;

/**
 * The API's HELP: every field of the protocol's {@link HelpRequest} plus the kiosk's name and
 * {@code kioskKind} ({@code HOME} for a request from a resident's home unit, which staff see as
 * 居家), the {@code resident} the request names (null without one) with their name and address,
 * {@code overdue} (true once the request sat NEW longer than the hub's overdue time; never cleared,
 * so the list shows which requests waited too long), {@code overdueAt}, and the {@code voiceMemo}
 * the elder spoke after asking (null without one; {@code hasVoiceMemo} says the same).
 */
public record HelpView(@JsonUnwrapped HelpRequest request, String kioskName, KioskKind kioskKind, Resident resident,
        boolean overdue, Instant overdueAt, VoiceMemo voiceMemo) {

    /** The resident a request names, as the ledger has them now ({@code name} null if no longer there). */
    public record Resident(String id, String name, String address) {

        @Override
        public String toString() {
            return "Resident[id=" + id + "]";
        }
    }

    public HelpView withRequest(HelpRequest other) {
        return new HelpView(other, kioskName, kioskKind, resident, overdue, overdueAt, voiceMemo);
    }

    /** Whether the request came from a resident's home unit (居家). */
    public boolean fromHome() {
        return kioskKind == KioskKind.HOME;
    }
}
