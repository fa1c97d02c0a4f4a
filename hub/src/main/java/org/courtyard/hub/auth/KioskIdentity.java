package org.courtyard.hub.auth;

/** A kiosk that presented its token. */
public record KioskIdentity(String kioskId, String name, String village) implements Principal {

    @Override
    public String credential() {
        return "kiosk token";
    }
}
