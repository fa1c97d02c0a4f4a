package org.courtyard.hub.kiosk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.courtyard.hub.audit.AuditTrail;
import org.courtyard.hub.auth.Tokens;
import org.courtyard.hub.core.Refusal;
import org.courtyard.hub.store.Database;
import org.courtyard.hub.store.Sql;

/**
 * One-time enrolment codes: an admin makes one for a kiosk, a technician types it into the
 * kiosk's first-run screen, and the kiosk trades it for its id and a new token.
 *
 * <ul>
 *   <li>A code is {@value #DIGITS} random digits, shown as {@code 4829-1736}: digits only, so it
 *       can be typed on a digit pad and read over the phone.</li>
 *   <li>A kiosk has at most one live code; making a new one replaces the old. A code expires after
 *       the configured lifetime and works once.</li>
 *   <li>Only {@code SHA-256(salt || code)} is stored, with a random salt per code. Redeeming
 *       compares the typed code with every live code in constant time (and looks at all of them),
 *       so neither the database nor the answer time gives a code away.</li>
 *   <li>Redeeming replaces the kiosk's token: the old token stops working at once, so a code also
 *       moves a kiosk to a new Pi or SD card.</li>
 * </ul>
 */
public final class Enrolment {

    public static final int DIGITS = 8;

    /** What an admin gets: the code to type, as {@code 4829-1736}, and when it stops working. */
    public record IssuedCode(String kioskId, String code, Instant expiresAt) {

        @Override
        public String toString() {
            return "IssuedCode[kioskId=" + kioskId + ", expiresAt=" + expiresAt + "]";
        }
    }

    /** What a kiosk gets for a good code. The token is shown only this once. */
    public record Enrolled(String kioskId, String token, String village, String name) {

        @Override
        public String toString() {
            return "Enrolled[kioskId=" + kioskId + "]";
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private record Live(String kioskId, String salt, String hash) {
    }

    private final Database database;
    private final Clock clock;
    private final Duration lifetime;

    public Enrolment(Database database, Clock clock, Duration lifetime) {
        if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("kiosk.enrolment-hours must be positive");
        }
        this.database = database;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /**
     * Makes a new code for {@code kioskId}, replacing any live one, audited as
     * {@code kiosk.enrolment-code} on {@code trail} in the same transaction.
     *
     * @param by the admin's username, stored with the code
     * @return the code, or empty if there is no such kiosk
     * @throws Refusal 409 for a retired kiosk
     */
    public Optional<IssuedCode> issue(String kioskId, String by, AuditTrail trail) {
        return issue(kioskId, by, Optional.of(trail));
    }

    /**
     * The first code of a kiosk just made: not audited on its own, its {@code kiosk.create} row
     * stands for it.
     */
    public Optional<IssuedCode> issueFirst(String kioskId, String by) {
        return issue(kioskId, by, Optional.empty());
    }

    private Optional<IssuedCode> issue(String kioskId, String by, Optional<AuditTrail> trail) {
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        return database.write(connection -> {
            Optional<Boolean> retired = Sql.one(connection, "SELECT retired_at IS NOT NULL AS retired FROM kiosks"
                    + " WHERE id = ?", row -> row.getBoolean("retired"), kioskId);
            if (retired.isEmpty()) {
                return Optional.empty();
            }
            if (retired.get()) {
                throw Refusal.conflict("kiosk " + kioskId + " is retired; register a new one");
            }
            List<Live> live = live(connection, now);
            String digits;
            do {
                digits = randomDigits();
            } while (matches(live, digits) != null);
            String salt = HexFormat.of().formatHex(randomBytes(16));
            Sql.update(connection, "DELETE FROM enrolment_codes WHERE kiosk_id = ? OR expires_at <= ?", kioskId, now);
            Sql.update(connection, "INSERT INTO enrolment_codes (kiosk_id, salt, code_hash, created_by, created_at,"
                    + " expires_at) VALUES (?, ?, ?, ?, ?, ?)", kioskId, salt, hash(salt, digits), by, now, expires);
            if (trail.isPresent()) {
                trail.get().record(connection, "kiosk.enrolment-code", kioskId, "valid until " + expires);
            }
            return Optional.of(new IssuedCode(kioskId, format(digits), expires));
        });
    }

    /**
     * Redeems a code: a new token for its kiosk, the code deleted, in one transaction.
     *
     * @param digits the code's {@value #DIGITS} digits, without dash
     * @param trailOf the audit trail of the kiosk a good code belongs to, given its id: the
     *     enrolment is audited there as {@code kiosk.enrol} in the same transaction
     * @return the kiosk and its new token, or empty if no live code matches
     */
    public Optional<Enrolled> redeem(String digits, Function<String, AuditTrail> trailOf) {
        Instant now = clock.instant();
        return database.write(connection -> {
            Live match = matches(live(connection, now), digits);
            Sql.update(connection, "DELETE FROM enrolment_codes WHERE expires_at <= ?", now);
            if (match == null) {
                return Optional.<Enrolled>empty();
            }
            String token = Tokens.newToken();
            Sql.update(connection, "UPDATE kiosks SET token_hash = ? WHERE id = ?", Tokens.hash(token), match.kioskId());
            Sql.update(connection, "DELETE FROM enrolment_codes WHERE kiosk_id = ?", match.kioskId());
            trailOf.apply(match.kioskId()).record(connection, "kiosk.enrol", match.kioskId(),
                    "new token; the previous one no longer works");
            return Sql.one(connection, "SELECT id, name, village FROM kiosks WHERE id = ?",
                    row -> new Enrolled(row.getString("id"), token, row.getString("village"), row.getString("name")),
                    match.kioskId());
        });
    }

    /** {@code 48291736} as {@code 4829-1736}. */
    public static String format(String digits) {
        return digits.substring(0, DIGITS / 2) + "-" + digits.substring(DIGITS / 2);
    }

    private static List<Live> live(java.sql.Connection connection, Instant now) throws java.sql.SQLException {
        return Sql.query(connection, "SELECT kiosk_id, salt, code_hash FROM enrolment_codes WHERE expires_at > ?",
                row -> new Live(row.getString("kiosk_id"), row.getString("salt"), row.getString("code_hash")), now);
    }

    /** The live code {@code digits} is, comparing with every one in constant time; null if none. */
    private static Live matches(List<Live> live, String digits) {
        Live found = null;
        for (Live code : live) {
            boolean equal = MessageDigest.isEqual(hash(code.salt(), digits).getBytes(StandardCharsets.US_ASCII),
                    code.hash().getBytes(StandardCharsets.US_ASCII));
            if (equal && found == null) {
                found = code;
            }
        }
        return found;
    }

    private static String hash(String salt, String digits) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt.getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) ':');
            return HexFormat.of().formatHex(sha.digest(digits.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    private static String randomDigits() {
        StringBuilder digits = new StringBuilder(DIGITS);
        for (int i = 0; i < DIGITS; i++) {
            digits.append((char) ('0' + RANDOM.nextInt(10)));
        }
        return digits.toString();
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
