package org.courtyard.hub.residents;

import org.courtyard.hub.auth.Pins;

/**
 * A village cadre or paired party member as staff register them: {@code POST /api/v1/cadres}.
 * {@code pin} is the kiosk PIN, 4 to 8 digits as a JSON string (so leading zeros survive), or null
 * for a cadre who does not use kiosks; it is stored only as a hash. {@code username} links a hub
 * login of role CADRE of the same village, so that cadre can change their own PIN.
 */
public record CadreInput(String name, String village, String phone, String pin, String username, Boolean active) {

    public CadreInput {
        name = Check.required(name, "name", 50);
        village = Check.required(village, "village", 100);
        phone = Check.phone(phone, "phone");
        if (pin != null && !Pins.isValid(pin)) {
            throw new FieldError("pin", "field 'pin' must be 4 to 8 digits");
        }
        username = Check.optional(username, "username", 64);
        active = active == null ? Boolean.TRUE : active;
    }

    /** Hides the PIN and the phone from logs and exception messages. */
    @Override
    public String toString() {
        return "CadreInput[village=" + village + ", pin=" + (pin == null ? "none" : "****") + "]";
    }
}
