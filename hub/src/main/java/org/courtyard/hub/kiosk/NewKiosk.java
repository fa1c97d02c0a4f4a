package org.courtyard.hub.kiosk;

import org.courtyard.hub.auth.KioskKind;
import org.courtyard.protocol.Text;

/**
 * Body of {@code POST /api/v1/kiosks}. {@code kind} is {@code COURTYARD} when left out; a
 * {@code HOME} unit names the resident it is bound to ({@code residentId}), which a courtyard
 * kiosk must not. Whether that resident exists and lives in {@code village} is checked when the
 * kiosk is registered ({@link Kiosks#create}).
 */
public record NewKiosk(String name, String village, KioskKind kind, String residentId) {

    public NewKiosk {
        name = required(name, "name");
        village = required(village, "village");
        kind = kind == null ? KioskKind.COURTYARD : kind;
        residentId = residentId == null || residentId.isBlank() ? null : residentId.strip();
        if (kind == KioskKind.HOME && residentId == null) {
            throw new IllegalArgumentException("missing required field 'residentId': a HOME unit is bound to one"
                    + " resident of its village");
        }
        if (kind == KioskKind.COURTYARD && residentId != null) {
            throw new IllegalArgumentException("field 'residentId' is only for kind HOME; a COURTYARD kiosk serves"
                    + " everyone in its village");
        }
        if (residentId != null && residentId.length() > 16) {
            throw new IllegalArgumentException("field 'residentId' must have at most 16 characters");
        }
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing required field '" + field + "'");
        }
        if (value.length() > 100) {
            throw new IllegalArgumentException("field '" + field + "' must have at most 100 characters");
        }
        return Text.line(value.trim(), field);
    }
}
