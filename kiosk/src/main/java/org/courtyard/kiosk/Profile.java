package org.courtyard.kiosk;

import java.util.Locale;

/**
 * What this kiosk program is ({@code --profile}): a courtyard kiosk with its touch screen, the
 * village's roster and cadre mode ({@link Kiosk}), or a home unit bound to one resident, with two
 * buttons and a speaker and no screen ({@link HomeUnit}). The hub knows the same as the kiosk's
 * kind, {@code COURTYARD} or {@code HOME}.
 */
public enum Profile {
    COURTYARD,
    HOME;

    /** {@code courtyard} or {@code home} (any case). */
    static Profile parse(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "courtyard" -> COURTYARD;
            case "home" -> HOME;
            default -> throw new IllegalArgumentException("--profile must be 'courtyard' or 'home', was '" + value + "'");
        };
    }
}
