package org.courtyard.hub.kiosk;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.courtyard.hub.core.Refusal;

/**
 * Where a kiosk stands, as the staff page's 设备状态 badge shows it; every kiosk is in exactly one.
 * {@link #LOST} (失联): in service and the hub has raised the silent-kiosk alert for it;
 * {@link #ONLINE} (在线): in service, not lost, synced within the online window; {@link #OFFLINE}
 * (离线): in service, neither (including kiosks that never synced); {@link #RETIRED}: taken out of
 * service by an admin. Written in lower case on the wire ({@code ?state=lost}), as the summary's keys.
 */
public enum KioskState {
    ONLINE, OFFLINE, LOST, RETIRED;

    /** The name on the wire: {@code online}, {@code offline}, {@code lost}, {@code retired}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state a query parameter names; 400 naming {@code field} for anything else. */
    public static KioskState parse(String field, String text) {
        return Arrays.stream(values()).filter(state -> state.wire().equals(text)).findFirst()
                .orElseThrow(() -> Refusal.invalidField(field, "'" + field + "' must be one of "
                        + Arrays.stream(values()).map(KioskState::wire).collect(Collectors.joining(", "))
                        + "; was '" + text + "'"));
    }
}
