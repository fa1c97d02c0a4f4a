package org.courtyard.hub.auth;

/**
 * A kiosk that presented its token: its id, name and village, its kind, and for a home unit the
 * resident it is bound to ({@code residentId}, null for a courtyard kiosk).
 */
public record KioskIdentity(String kioskId, String name, String village, KioskKind kind, String residentId)
        implements Principal {

    public KioskIdentity {
        kind = kind == null ? KioskKind.COURTYARD : kind;
    }

    /** A courtyard kiosk. */
    public KioskIdentity(String kioskId, String name, String village) {
        this(kioskId, name, village, KioskKind.COURTYARD, null);
    }

    /** Whether this is a home unit, which speaks for its one resident. */
    public boolean home() {
        return kind == KioskKind.HOME;
    }

    @Override
    public String credential() {
        return "kiosk token";
    }
}
