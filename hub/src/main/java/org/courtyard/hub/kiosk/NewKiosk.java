package org.courtyard.hub.kiosk;

import org.courtyard.protocol.Text;

/** Body of {@code POST /api/v1/kiosks}. */
public record NewKiosk(String name, String village) {

    public NewKiosk {
        name = required(name, "name");
        village = required(village, "village");
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
