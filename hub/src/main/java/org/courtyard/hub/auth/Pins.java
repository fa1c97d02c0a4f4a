package org.courtyard.hub.auth;

import java.util.regex.Pattern;
import org.courtyard.hub.auth.internal.Passwords;

/**
 * Kiosk PINs of cadres: 4 to 8 digits, stored as PBKDF2-HMAC-SHA256 hashes in the same
 * {@code pbkdf2-sha256$ITERATIONS$SALT$HASH} form as passwords, and sent to the kiosks of the
 * cadre's village, which check an entered PIN offline against every cadre's hash.
 *
 * <p>The surprise is the iteration count: {@value #ITERATIONS}, not the passwords' 210,000. No
 * iteration count protects a 4-to-8-digit PIN from someone who has the hash (10,000 guesses stay
 * cheap), so the protection is the kiosk's lockout and that the hash stays inside the village's
 * kiosk; the count is chosen so that a Raspberry Pi checks a PIN against a few dozen cadres in
 * about a second. The count travels with each hash and may be raised later.
 */
public final class Pins {

    /** PBKDF2 iterations of a PIN hash. */
    public static final int ITERATIONS = 20_000;

    private static final Pattern PIN = Pattern.compile("[0-9]{4,8}");

    private Pins() {
    }

    /** True for 4 to 8 ASCII digits. */
    public static boolean isValid(String pin) {
        return pin != null && PIN.matcher(pin).matches();
    }

    /** A new salted hash of {@code pin}, which must be {@link #isValid valid}. */
    public static String hash(String pin) {
        if (!isValid(pin)) {
            throw new IllegalArgumentException("field 'pin' must be 4 to 8 digits");
        }
        return Passwords.hash(pin.toCharArray(), ITERATIONS);
    }

    /** True if {@code pin} matches {@code hash} (made by {@link #hash}); constant time per hash. */
    public static boolean matches(String pin, String hash) {
        return Passwords.verify(pin.toCharArray(), hash);
    }
}
