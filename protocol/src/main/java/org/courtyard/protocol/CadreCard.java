package org.courtyard.protocol;

/**
 * A village cadre who may use the kiosk's cadre mode: their name (written into the
 * {@code VISIT_CHECKED_IN} events they make) and the hash of their kiosk PIN, so the kiosk can check
 * a PIN without the hub. {@code pinHash} has the form {@code pbkdf2-sha256$ITERATIONS$SALT$HASH}
 * (PBKDF2-HMAC-SHA256 of the PIN's digits as UTF-8 characters, salt and 32-byte hash in standard
 * base64 with padding); the PIN itself never leaves the hub.
 */
public record CadreCard(String id, String name, String village, String pinHash) {

    public CadreCard {
        Require.text(id, "id");
        Require.text(name, "name");
        Require.text(village, "village");
        Require.text(pinHash, "pinHash");
        if (!pinHash.matches("pbkdf2-sha256\\$[1-9][0-9]{0,8}\\$[A-Za-z0-9+/]+=*\\$[A-Za-z0-9+/]+=*")) {
            throw Require.invalid("pinHash", "field 'pinHash' must have the form pbkdf2-sha256$ITERATIONS$SALT$HASH");
        }
    }
}
