package org.courtyard.hub.residents;

import org.courtyard.hub.auth.Pins;

/**
 * A village cadre or paired party member as staff register them: {@code POST /api/v1/cadres}.
 * {@code pin} is the kiosk PIN, 4 to 8 digits as a JSON string (so leading zeros survive), or null
 * for a cadre who does not use kiosks; it is stored only as a hash. {@code username} links a hub
 * login of role CADRE of the same village, so that cadre can change their own PIN. {@code level}
 * (县/乡/村/组, default VILLAGE) and {@code kind} (干部 or 党员, default CADRE) say who the paired
 * person is; a county official paired with people of a village is registered with that village.
 */
public record CadreInput(String name, String village, String phone, String pin, String username, Boolean active,
        Level level, CadreKind kind) {

    public CadreInput {
        name = Check.required(name, "name", 50);
        village = Check.required(village, "village", 100);
        phone = Check.phone(phone, "phone");
        if (pin != null && !Pins.isValid(pin)) {
            throw new FieldError("pin", "field 'pin' must be 4 to 8 digits");
        }
        username = Check.optional(username, "username", 64);
        active = active == null ? Boolean.TRUE : active;
        level = level == null ? Level.VILLAGE : level;
        kind = kind == null ? CadreKind.CADRE : kind;
    }

    /** Hides the PIN and the phone from logs and exception messages. */
    @Override
    public String toString() {
        return "CadreInput[village=" + village + ", pin=" + (pin == null ? "none" : "****") + "]";
    }
}
