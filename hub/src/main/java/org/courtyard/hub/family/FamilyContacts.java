package org.courtyard.hub.family;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.courtyard.hub.audit.AuditTrail;
import org.courtyard.hub.auth.FamilyMember;
import org.courtyard.hub.auth.Pins;
import org.courtyard.hub.auth.Role;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.auth.Tokens;
import org.courtyard.hub.core.Cursor;
import org.courtyard.hub.core.Keyset;
import org.courtyard.hub.core.Page;
import org.courtyard.hub.core.PageRequest;
import org.courtyard.hub.core.Refusal;
import org.courtyard.hub.family.internal.QrCodes;
import org.courtyard.hub.residents.Phones;
import org.courtyard.hub.residents.ResidentView;
import org.courtyard.hub.residents.Residents;
import org.courtyard.hub.residents.VillageScope;
import org.courtyard.hub.store.Database;
import org.courtyard.hub.store.Sql;
import org.courtyard.protocol.ResidentType;

/**
 * Family contacts of residents and how they get in (docs/family.md): staff or the village's cadre
 * registers a contact, makes a one-use invitation for them (a code in a link and a QR code, valid
 * {@link FamilySettings#invitationLifetime}), the family member opens it on their phone and
 * chooses a six-digit PIN ({@link #redeem}); the phone then holds a session and a device token, and
 * when the session ends the PIN alone signs that phone in again ({@link #signIn}). Revoking a
 * contact ends its sessions and devices at once. Every step is audited.
 *
 * <p>A child's contacts: a cadre may register only a number the child's ledger already names (the
 * parents' or the guardian's, as the guardian gave them to staff); township staff register anyone,
 * and are audited for it.
 *
 * <p>Wrong PINs: {@value #PIN_FAILURES} in a row lock the contact's PIN sign-in for
 * {@link #PIN_LOCK}. A guesser needs the phone's device token (256 random bits) to try at all, so
 * only someone holding the phone can cause the lock.
 */
public final class FamilyContacts {

    /** Letters and digits that cannot be mistaken for each other when a code is read aloud or typed. */
    static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    /** 12 characters of 32: 60 bits; with the per-address throttle and 14 days, out of reach of guessing. */
    static final int CODE_LENGTH = 12;
    /** Wrong PINs in a row that lock the PIN sign-in. */
    public static final int PIN_FAILURES = 5;
    public static final Duration PIN_LOCK = Duration.ofMinutes(15);
    /** Most contacts one resident may have. */
    public static final int MAX_CONTACTS = 10;

    private static final String ID_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final Set<String> TRIVIAL_PINS = Set.of("123456", "654321", "123123", "112233", "121212",
            "012345", "987654");

    /** A phone just signed in: the tokens for its cookies and who it is. */
    public record SignedIn(String session, String device, FamilyMember member, Instant sessionExpires,
            Instant deviceExpires) {

        @Override
        public String toString() {
            return "SignedIn[member=" + member + "]";
        }
    }

    /** Who a family session is, as the page greets them: the contact and their resident. */
    public record Me(String name, String relation, String residentName, ResidentType residentType,
            String village) {
    }

    private final Database database;
    private final Clock clock;
    private final Residents residents;
    private final FamilySettings settings;

    public FamilyContacts(Database database, Clock clock, Residents residents, FamilySettings settings) {
        this.database = database;
        this.clock = clock;
        this.residents = residents;
        this.settings = settings;
    }

    // Staff.

    /**
     * Registers a family contact of resident {@code residentId}, audited as {@code family.contact.create}.
     * 404 for an unknown resident, 403 for a cadre of another village or (for a child) a number the
     * ledger does not name, 409 if the resident has the number already or {@value #MAX_CONTACTS}
     * contacts.
     */
    public ContactView add(StaffUser user, String residentId, ContactInput input, AuditTrail trail) {
        String id = database.write(connection -> {
            ResidentView resident = residents.find(connection, residentId)
                    .orElseThrow(() -> Refusal.notFound("no resident " + residentId));
            VillageScope.village(user, resident.village(), "resident " + residentId);
            if (resident.type() == ResidentType.CHILD && user.role() == Role.CADRE
                    && !ledgerNames(resident, input.phone())) {
                throw new Refusal(Refusal.Kind.FORBIDDEN, "contact_not_in_ledger", "field 'phone': a cadre may add"
                        + " to a child only the parents' or the guardian's number from the ledger (父母电话, 监护人电话);"
                        + " township staff can add another family member");
            }
            List<String> phones = Sql.query(connection, "SELECT phone FROM family_contacts WHERE resident_id = ?"
                    + " AND revoked_at IS NULL", row -> row.getString(1), residentId);
            if (phones.stream().anyMatch(phone -> ContactInput.digits(phone).equals(ContactInput.digits(input.phone())))) {
                throw new Refusal(Refusal.Kind.CONFLICT, "contact_exists", "field 'phone': resident " + residentId
                        + " has a family contact with this number already");
            }
            if (phones.size() >= MAX_CONTACTS) {
                throw new Refusal(Refusal.Kind.CONFLICT, "too_many_contacts", "resident " + residentId + " has "
                        + MAX_CONTACTS + " family contacts; revoke one first");
            }
            String created = "f-" + Tokens.random(ID_ALPHABET, 8);
            Sql.update(connection, "INSERT INTO family_contacts (id, resident_id, name, relation, phone, failed_pins,"
                    + " created_by, created_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?)", created, residentId, input.name(),
                    input.relation(), input.phone(), user.username(), clock.instant());
            trail.record(connection, "family.contact.create", created, "resident=" + residentId + " relation="
                    + input.relation() + (resident.type() == ResidentType.CHILD && !ledgerNames(resident, input.phone())
                            ? " number not in the child's ledger" : ""));
            return created;
        });
        return get(user, id);
    }

    /**
     * A resident's contacts, phones masked, all of them (a handful); 403/404 as for the resident.
     */
    public List<ContactView> list(StaffUser user, String residentId) {
        residents.get(user, residentId);
        return database.read(connection -> views(connection, " WHERE c.resident_id = ?", residentId))
                .stream().map(FamilyContacts::masked).toList();
    }

    /**
     * A page of the family contacts of every resident {@code user} may see (of {@code village} only
     * when named), by village, resident name, then the contact's creation; the cursor is those
     * values and the contact's id. Phones masked; a cadre sees their village.
     */
    public Page<ContactView> list(StaffUser user, Optional<String> village, PageRequest page) {
        Optional<String> allowed = user.listVillage(village, "the family contacts");
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        allowed.ifPresent(one -> {
            where.append(" AND r.village = ?");
            parameters.add(one);
        });
        Keyset.ascending("r.village", "r.name", "c.created_at", "c.id").page(where, parameters, page,
                cursor -> List.of(cursor.text(0), cursor.text(1), cursor.number(2), cursor.text(3)));
        Instant now = clock.instant();
        return Page.of(database.read(connection -> Sql.query(connection, SELECT + where, row -> view(row, now),
                parameters.toArray())), page, contact -> Cursor.of(contact.village(), contact.residentName(),
                        contact.createdAt().toEpochMilli(), contact.id())).map(FamilyContacts::masked);
    }

    /** One contact with its phone; 404 unknown, 403 for a cadre of another village. */
    public ContactView get(StaffUser user, String id) {
        ContactView view = database.read(connection -> find(connection, id)).orElseThrow(() -> unknown(id));
        VillageScope.village(user, view.village(), "family contact " + id);
        return view;
    }

    /**
     * A new one-use invitation for contact {@code id}, replacing any earlier one, audited as
     * {@code family.invite}. 409 for a revoked contact.
     *
     * @param requestBase the address the staff member's request came to, for the link when
     *     {@code family.public-url} is not set
     */
    public Invitation invite(StaffUser user, String id, URI requestBase, AuditTrail trail) {
        String code = Tokens.random(CODE_ALPHABET, CODE_LENGTH);
        Instant now = clock.instant();
        Instant expires = now.plus(settings.invitationLifetime());
        database.write(connection -> {
            ContactView contact = find(connection, id).orElseThrow(() -> unknown(id));
            VillageScope.village(user, contact.village(), "family contact " + id);
            if (contact.revokedAt() != null) {
                throw new Refusal(Refusal.Kind.CONFLICT, "contact_revoked", "family contact " + id
                        + " was revoked; register them again to invite them");
            }
            Sql.update(connection, "DELETE FROM family_invitations WHERE contact_id = ?", id);
            Sql.update(connection, "INSERT INTO family_invitations (contact_id, code_hash, created_by, created_at,"
                    + " expires_at) VALUES (?, ?, ?, ?, ?)", id, Tokens.hash(code), user.username(), now, expires);
            trail.record(connection, "family.invite", id, "expires " + expires);
            return null;
        });
        URI base = settings.publicUrl().orElse(requestBase);
        String link = base.resolve("/family/").toString() + "#code=" + code;
        return new Invitation(grouped(code), link, expires, QrCodes.svg(link));
    }

    /** Revokes contact {@code id}: its invitation, sessions and devices end now. Audited as {@code family.revoke}. */
    public ContactView revoke(StaffUser user, String id, AuditTrail trail) {
        database.write(connection -> {
            ContactView contact = find(connection, id).orElseThrow(() -> unknown(id));
            VillageScope.village(user, contact.village(), "family contact " + id);
            if (contact.revokedAt() != null) {
                return null;
            }
            Sql.update(connection, "UPDATE family_contacts SET revoked_at = ?, revoked_by = ?, pin_hash = NULL"
                    + " WHERE id = ?", clock.instant(), user.username(), id);
            endAccess(connection, id);
            trail.record(connection, "family.revoke", id, null);
            return null;
        });
        return get(user, id);
    }

    // The family member's phone.

    /**
     * Redeems an invitation: sets the contact's PIN and signs the phone in. Audited as
     * {@code family.redeem}; the phone's earlier devices and sessions of this contact end.
     *
     * @throws Refusal 400 naming {@code pin} for a PIN that is not six digits or is too easy;
     *     401 {@code invalid_invitation} for a code that is unknown, used, expired or revoked
     */
    public SignedIn redeem(String code, String pin, FamilyAudit audit) {
        checkNewPin(pin);
        String hash = Tokens.hash(normalised(code));
        String pinHash = Pins.hash(pin);
        Instant now = clock.instant();
        return database.write(connection -> {
            Optional<String> contact = Sql.one(connection, "SELECT i.contact_id FROM family_invitations i"
                    + " JOIN family_contacts c ON c.id = i.contact_id WHERE i.code_hash = ? AND i.expires_at > ?"
                    + " AND c.revoked_at IS NULL", row -> row.getString(1), hash, now);
            if (contact.isEmpty()) {
                throw new Refusal(Refusal.Kind.UNAUTHENTICATED, "invalid_invitation", "this invitation code is not"
                        + " valid: used already, expired or mistyped; ask the village for a new one");
            }
            String id = contact.get();
            Sql.update(connection, "DELETE FROM family_invitations WHERE contact_id = ?", id);
            Sql.update(connection, "UPDATE family_contacts SET pin_hash = ?, redeemed_at = ?, failed_pins = 0,"
                    + " locked_until = NULL WHERE id = ?", pinHash, now, id);
            endAccess(connection, id);
            audit.record(connection, id, "family.redeem", null);
            return signedIn(connection, id, now);
        });
    }

    /**
     * Signs a phone in again with its device token and the PIN, audited as {@code family.signin};
     * a wrong PIN as {@code family.pin.failed}, the lock as {@code family.pin.locked}.
     *
     * @throws Refusal 401 {@code unknown_device} when the phone was never signed up (or revoked),
     *     401 {@code wrong_pin}, 429 {@code pin_locked} while locked
     */
    public SignedIn signIn(String deviceToken, String pin, FamilyAudit audit) {
        Instant now = clock.instant();
        String deviceHash = Tokens.hash(deviceToken);
        record Device(String contactId, String pinHash, int failed, Instant lockedUntil) {
        }
        Optional<Device> device = database.read(connection -> Sql.one(connection, "SELECT c.id, c.pin_hash,"
                + " c.failed_pins, c.locked_until FROM family_devices d JOIN family_contacts c ON c.id = d.contact_id"
                + " WHERE d.token_hash = ? AND d.expires_at > ? AND c.revoked_at IS NULL AND c.pin_hash IS NOT NULL",
                row -> new Device(row.getString(1), row.getString(2), row.getInt(3), Sql.instant(row, "locked_until")),
                deviceHash, now));
        if (device.isEmpty()) {
            throw new Refusal(Refusal.Kind.UNAUTHENTICATED, "unknown_device", "this phone is not signed up; open"
                    + " the invitation link again, or ask the village for a new one");
        }
        String id = device.get().contactId();
        if (device.get().lockedUntil() != null && device.get().lockedUntil().isAfter(now)) {
            throw locked(Duration.between(now, device.get().lockedUntil()));
        }
        boolean right = pin != null && Pins.isValid(pin) && Pins.matches(pin, device.get().pinHash());
        // A wrong PIN's failure is committed before the refusal: the write returns null for it.
        SignedIn signedIn = database.write(connection -> {
            if (!right) {
                int failures = Sql.one(connection, "SELECT failed_pins FROM family_contacts WHERE id = ?",
                        row -> row.getInt(1), id).orElse(0) + 1;
                audit.record(connection, id, "family.pin.failed", failures + " in a row");
                if (failures >= PIN_FAILURES) {
                    Sql.update(connection, "UPDATE family_contacts SET failed_pins = 0, locked_until = ? WHERE id = ?",
                            now.plus(PIN_LOCK), id);
                    audit.record(connection, id, "family.pin.locked", PIN_FAILURES + " wrong PINs; locked for "
                            + PIN_LOCK.toMinutes() + " minutes");
                    return null;
                }
                Sql.update(connection, "UPDATE family_contacts SET failed_pins = ? WHERE id = ?", failures, id);
                return null;
            }
            Sql.update(connection, "UPDATE family_contacts SET failed_pins = 0, locked_until = NULL WHERE id = ?", id);
            Sql.update(connection, "DELETE FROM family_devices WHERE token_hash = ?", deviceHash);
            audit.record(connection, id, "family.signin", null);
            return signedIn(connection, id, now);
        });
        if (signedIn == null) {
            throw refusedPin(id, now);
        }
        return signedIn;
    }

    /** Why a wrong PIN was refused, read after its failure was committed. */
    private Refusal refusedPin(String id, Instant now) {
        Optional<Instant> lockedUntil = database.read(connection -> Sql.one(connection,
                "SELECT locked_until FROM family_contacts WHERE id = ?", row -> Sql.instant(row, "locked_until"), id));
        if (lockedUntil.isPresent() && lockedUntil.get().isAfter(now)) {
            return locked(Duration.between(now, lockedUntil.get()));
        }
        return new Refusal(Refusal.Kind.UNAUTHENTICATED, "wrong_pin", "wrong PIN; after " + PIN_FAILURES
                + " wrong PINs in a row signing in is locked for " + PIN_LOCK.toMinutes() + " minutes");
    }

    /** Ends the session of {@code sessionToken}, audited as {@code family.signout}. */
    public void signOut(FamilyMember member, String sessionToken, FamilyAudit audit) {
        database.write(connection -> {
            Sql.update(connection, "DELETE FROM family_sessions WHERE token_hash = ?", Tokens.hash(sessionToken));
            audit.record(connection, member.contactId(), "family.signout", null);
            return null;
        });
    }

    /** The family member whose live session has this token hash (the authenticator's lookup); reads only. */
    public Optional<FamilyMember> bySessionHash(String tokenHash) {
        return database.read(connection -> Sql.one(connection, "SELECT c.id, c.resident_id, r.village"
                + " FROM family_sessions s JOIN family_contacts c ON c.id = s.contact_id"
                + " JOIN residents r ON r.id = c.resident_id"
                + " WHERE s.token_hash = ? AND s.expires_at > ? AND c.revoked_at IS NULL",
                row -> new FamilyMember(row.getString(1), row.getString(2), row.getString(3)), tokenHash,
                clock.instant()));
    }

    /** Who {@code member} is, for the page's greeting. */
    public Me me(FamilyMember member) {
        return database.read(connection -> Sql.one(connection, "SELECT c.name, c.relation, r.name AS resident_name,"
                + " r.type, r.village FROM family_contacts c JOIN residents r ON r.id = c.resident_id WHERE c.id = ?",
                row -> new Me(row.getString("name"), row.getString("relation"), row.getString("resident_name"),
                        ResidentType.valueOf(row.getString("type")), row.getString("village")), member.contactId()))
                .orElseThrow(() -> unknown(member.contactId()));
    }

    // Internals.

    private SignedIn signedIn(Connection connection, String contactId, Instant now)
            throws SQLException {
        String session = Tokens.newToken();
        String device = Tokens.newToken();
        Instant sessionExpires = now.plus(settings.sessionLifetime());
        Instant deviceExpires = now.plus(FamilySettings.DEVICE);
        Sql.update(connection, "INSERT INTO family_sessions (token_hash, contact_id, created_at, expires_at)"
                + " VALUES (?, ?, ?, ?)", Tokens.hash(session), contactId, now, sessionExpires);
        Sql.update(connection, "INSERT INTO family_devices (token_hash, contact_id, created_at, expires_at)"
                + " VALUES (?, ?, ?, ?)", Tokens.hash(device), contactId, now, deviceExpires);
        FamilyMember member = Sql.one(connection, "SELECT c.id, c.resident_id, r.village FROM family_contacts c"
                + " JOIN residents r ON r.id = c.resident_id WHERE c.id = ?",
                row -> new FamilyMember(row.getString(1), row.getString(2), row.getString(3)), contactId).orElseThrow();
        return new SignedIn(session, device, member, sessionExpires, deviceExpires);
    }

    private static void endAccess(Connection connection, String contactId) throws SQLException {
        Sql.update(connection, "DELETE FROM family_sessions WHERE contact_id = ?", contactId);
        Sql.update(connection, "DELETE FROM family_devices WHERE contact_id = ?", contactId);
    }

    private static Refusal locked(Duration wait) {
        long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
        return new Refusal(Refusal.Kind.TOO_MANY, "pin_locked", "too many wrong PINs; try again in " + minutes
                + (minutes == 1 ? " minute" : " minutes")).withDetails(java.util.Map.of("retryAfterSeconds",
                        Math.max(1, wait.toSeconds())));
    }

    /** Six digits, not all one digit and not a run such as 123456. */
    static void checkNewPin(String pin) {
        if (pin == null || !pin.matches("[0-9]{6}")) {
            throw Refusal.invalidField("pin", "field 'pin' must be six digits");
        }
        if (pin.chars().distinct().count() == 1 || TRIVIAL_PINS.contains(pin)) {
            throw Refusal.invalidField("pin", "field 'pin' is too easy to guess; choose six digits that are"
                    + " not all the same and not in a row");
        }
    }

    /** A code as typed: without spaces and dashes, in capitals. */
    static String normalised(String code) {
        if (code == null || code.isBlank()) {
            throw Refusal.invalidField("code", "missing required field 'code'");
        }
        String plain = code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (plain.length() > 64) {
            throw Refusal.invalidField("code", "field 'code' is not an invitation code");
        }
        return plain;
    }

    /** {@code ABCD-EFGH-JKLM}: easier to read aloud over the phone. */
    private static String grouped(String code) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < code.length(); i += 4) {
            if (i > 0) {
                out.append('-');
            }
            out.append(code, i, Math.min(code.length(), i + 4));
        }
        return out.toString();
    }

    private static boolean ledgerNames(ResidentView resident, String phone) {
        String digits = ContactInput.digits(phone);
        return !digits.isEmpty() && (digits.equals(ContactInput.digits(resident.parentsPhone()))
                || digits.equals(ContactInput.digits(resident.guardianPhone())));
    }

    private static final String SELECT = "SELECT c.*, r.name AS resident_name, r.village,"
            + " (SELECT i.expires_at FROM family_invitations i WHERE i.contact_id = c.id) AS invitation_expires_at,"
            + " (SELECT COUNT(*) FROM family_messages m WHERE m.contact_id = c.id AND m.direction = 'TO_RESIDENT'"
            + " AND m.deleted_at IS NULL) AS to_resident,"
            + " (SELECT COUNT(*) FROM family_messages m WHERE m.contact_id = c.id AND m.direction = 'TO_RESIDENT'"
            + " AND m.deleted_at IS NULL AND m.heard_at IS NULL) AS unheard,"
            + " (SELECT COUNT(*) FROM family_messages m WHERE m.contact_id = c.id AND m.direction = 'FROM_RESIDENT'"
            + " AND m.deleted_at IS NULL) AS from_resident"
            + " FROM family_contacts c JOIN residents r ON r.id = c.resident_id";

    private Optional<ContactView> find(Connection connection, String id) throws SQLException {
        List<ContactView> found = views(connection, " WHERE c.id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private List<ContactView> views(Connection connection, String where, Object... parameters) throws SQLException {
        Instant now = clock.instant();
        return new ArrayList<>(Sql.query(connection, SELECT + where + " ORDER BY r.village, r.name, c.created_at, c.id",
                row -> view(row, now), parameters));
    }

    private static ContactView view(ResultSet row, Instant now) throws SQLException {
        Instant invitationExpires = Sql.instant(row, "invitation_expires_at");
        if (invitationExpires != null && !invitationExpires.isAfter(now)) {
            invitationExpires = null;
        }
        Instant revoked = Sql.instant(row, "revoked_at");
        String status = revoked != null ? "REVOKED" : row.getString("pin_hash") != null ? "ACTIVE"
                : invitationExpires != null ? "INVITED" : "NEW";
        return new ContactView(row.getString("id"), row.getString("resident_id"), row.getString("resident_name"),
                row.getString("village"), row.getString("name"), row.getString("relation"), row.getString("phone"),
                status, Sql.instant(row, "created_at"), row.getString("created_by"), invitationExpires,
                Sql.instant(row, "redeemed_at"), revoked, row.getInt("to_resident"), row.getInt("unheard"),
                row.getInt("from_resident"));
    }

    private static ContactView masked(ContactView view) {
        return new ContactView(view.id(), view.residentId(), view.residentName(), view.village(), view.name(),
                view.relation(), Phones.mask(view.phone()), view.status(), view.createdAt(), view.createdBy(),
                view.invitationExpiresAt(), view.redeemedAt(), view.revokedAt(), view.toResident(), view.unheard(),
                view.fromResident());
    }

    private static Refusal unknown(String id) {
        return Refusal.notFound("no family contact " + id);
    }
}
