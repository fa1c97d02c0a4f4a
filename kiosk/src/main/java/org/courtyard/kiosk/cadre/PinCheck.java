package org.courtyard.kiosk.cadre;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Checks an entered PIN against a cadre's {@code pinHash} from the hub
 * ({@code pbkdf2-sha256$ITERATIONS$SALT$HASH}, see docs/protocol.md), with no network.
 */
final class PinCheck {

    private static final String PREFIX = "pbkdf2-sha256";

    private PinCheck() {
    }

    /**
     * True if {@code pin} has {@code hash}; compares in constant time.
     *
     * @throws IllegalArgumentException if {@code hash} is not of that form
     */
    static boolean matches(String pin, String hash) {
        String[] parts = hash.split("\\$");
        if (parts.length != 4 || !parts[0].equals(PREFIX)) {
            throw new IllegalArgumentException("a PIN hash must have the form pbkdf2-sha256$ITERATIONS$SALT$HASH");
        }
        int iterations = Integer.parseInt(parts[1]);
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        PBEKeySpec spec = new PBEKeySpec(pin.toCharArray(), salt, iterations, expected.length * 8);
        try {
            byte[] actual = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            return MessageDigest.isEqual(expected, actual);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot compute PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }
}
