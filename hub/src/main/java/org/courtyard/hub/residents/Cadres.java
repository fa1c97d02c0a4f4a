package org.courtyard.hub.residents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.courtyard.hub.audit.AuditTrail;
import org.courtyard.hub.auth.Pins;
import org.courtyard.hub.auth.Role;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.auth.Tokens;
import org.courtyard.hub.core.Refusal;
import org.courtyard.hub.residents.CadreView.ResidentRef;
import org.courtyard.hub.store.Database;
import org.courtyard.hub.store.Sql;
import org.courtyard.protocol.NameOrder;
import org.courtyard.protocol.ProtocolException;
import org.courtyard.protocol.ProtocolJson;

/**
 * Village cadres and paired party members: who they are, their kiosk PIN (as a hash) and their
 * optional link to a hub login of role CADRE.
 *
 * <p>A PIN must be unique among the active cadres of a village, because the kiosk knows the cadre
 * by the PIN alone. Checking that costs one PBKDF2 per cadre of the village; it runs before the
 * write transaction, so the hub's single writer is not held for it (two staff members giving two
 * cadres the same PIN in the same second could still both succeed; the kiosk then takes the first
 * cadre by name).
 */
public final class Cadres {

    private final Database database;
    private final Clock clock;
    private final Residents residents;

    public Cadres(Database database, Clock clock, Residents residents) {
        this.database = database;
        this.clock = clock;
        this.residents = residents;
    }

    /**
     * Registers a cadre (its route admits ADMIN and STAFF only). Audited as {@code cadre.create} on
     * {@code trail} (whether a PIN was set, never the PIN).
     */
    public CadreView create(StaffUser user, CadreInput input, AuditTrail trail) {
        String pinHash = input.pin() == null ? null : newPinHash(input.village(), input.pin(), null);
        Set<String> changed = new TreeSet<>();
        String id = write(connection -> {
            checkUsername(connection, input, null);
            String candidate;
            do {
                candidate = "c-" + Tokens.random(Residents.ID_ALPHABET, 8);
            } while (Sql.one(connection, "SELECT id FROM cadres WHERE id = ?", row -> row.getString(1), candidate)
                    .isPresent());
            Instant now = clock.instant();
            Sql.update(connection, "INSERT INTO cadres (id, village, name, phone, pin_hash, username, active, created_at,"
                    + " updated_at, level, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", candidate, input.village(),
                    input.name(), input.phone(), pinHash, input.username(), input.active(), now, now,
                    input.level().name(), input.kind().name());
            if (pinHash != null && input.active()) {
                residents.recordRosterChange(connection, input.village(), changed);
            }
            trail.record(connection, "cadre.create", candidate, "village=" + input.village() + " pin="
                    + (pinHash == null ? "none" : "set"));
            return candidate;
        });
        residents.announce(changed);
        return get(user, id);
    }

    /** Cadres {@code user} may see (a cadre: their village's), by village and name, phones masked. */
    public List<CadreView> list(StaffUser user, Optional<String> village) {
        Optional<String> allowed = VillageScope.listVillage(user, village);
        return database.read(connection -> {
            List<Stored> stored = allowed.isPresent()
                    ? Sql.query(connection, "SELECT * FROM cadres WHERE village = ? ORDER BY village, name, id",
                            Cadres::stored, allowed.get())
                    : Sql.query(connection, "SELECT * FROM cadres ORDER BY village, name, id", Cadres::stored);
            Map<String, List<ResidentRef>> paired = pairedResidents(connection, allowed);
            return stored.stream().map(s -> s.view(paired.getOrDefault(s.id, List.of())).masked())
                    .sorted(Comparator.comparing(CadreView::village, NameOrder.NAMES)
                            .thenComparing(CadreView::name, NameOrder.NAMES).thenComparing(CadreView::id))
                    .toList();
        });
    }

    /** One cadre with the full phone; 404 if unknown, 403 for a cadre of another village. */
    public CadreView get(StaffUser user, String id) {
        Stored stored = database.read(connection -> find(connection, id)).orElseThrow(() -> notFound(id));
        VillageScope.village(user, stored.village, "cadre " + id);
        Map<String, List<ResidentRef>> paired = database.read(connection -> pairedResidents(connection,
                Optional.of(stored.village)));
        return stored.view(paired.getOrDefault(id, List.of()));
    }

    /**
     * Changes the fields {@code patch} names (JSON merge patch). {@code "pin": "2468"} sets a new
     * PIN, {@code "pin": null} takes kiosk access away, no {@code pin} keeps it. ADMIN and STAFF may
     * change everything; the CADRE login linked to this cadre may change only the PIN.
     *
     * <p>Audited on {@code trail} as {@code cadre.pin} when only the PIN changes, else as
     * {@code cadre.deactivate}, {@code cadre.reactivate} or {@code cadre.update}; the detail names
     * the changed fields and whether the PIN was set or removed, never the PIN or a phone number.
     *
     * @param ifMatch the version the caller edited (If-Match); empty to edit whatever is there
     * @throws Refusal PRECONDITION_FAILED, with the cadre as it is now, if it is at another version
     */
    public CadreView patch(StaffUser user, String id, JsonNode patch, Optional<Long> ifMatch, AuditTrail trail) {
        if (patch == null || !patch.isObject()) {
            throw Refusal.badRequest("the body must be a JSON object with the fields to change");
        }
        Stored existing = database.read(connection -> find(connection, id)).orElseThrow(() -> notFound(id));
        if (user.role() == Role.CADRE) {
            if (!user.username().equals(existing.username)) {
                throw Refusal.forbidden("a cadre may change only their own PIN; cadre " + id + " is not linked to "
                        + user.username());
            }
            List<String> others = new ArrayList<>();
            patch.fieldNames().forEachRemaining(name -> {
                if (!name.equals("pin")) {
                    others.add(name);
                }
            });
            if (!others.isEmpty()) {
                throw Refusal.forbidden("a cadre may change only their own PIN, not " + others);
            }
        }
        ObjectNode merged = ProtocolJson.mapper().createObjectNode().put("name", existing.name)
                .put("village", existing.village).put("phone", existing.phone).put("username", existing.username)
                .put("active", existing.active).put("level", existing.level).put("kind", existing.kind);
        ObjectNode before = merged.deepCopy();
        patch.fields().forEachRemaining(field -> {
            if (merged.has(field.getKey())) {
                merged.set(field.getKey(), field.getValue());
            }
        });
        boolean pinGiven = patch.has("pin");
        if (pinGiven) {
            merged.set("pin", patch.get("pin"));
        }
        CadreInput input;
        try {
            input = ProtocolJson.read(merged, CadreInput.class);
        } catch (ProtocolException e) {
            throw new Refusal(Refusal.Kind.INVALID, "invalid_field", e.getMessage(), e);
        }
        String pinHash = pinGiven
                ? input.pin() == null ? null : newPinHash(input.village(), input.pin(), id)
                : existing.pinHash;
        Set<String> changed = new TreeSet<>();
        write(connection -> {
            Stored current = find(connection, id).orElseThrow(() -> notFound(id));
            if (ifMatch.isPresent() && ifMatch.get() != current.version()) {
                throw Refusal.changedMeanwhile("cadre " + id, current.version(),
                        current.view(pairedResidents(connection, Optional.of(current.village)).getOrDefault(id, List.of())));
            }
            checkUsername(connection, input, id);
            if (!input.village().equals(existing.village)) {
                Integer paired = Sql.one(connection, "SELECT COUNT(*) AS n FROM pairings WHERE cadre_id = ?",
                        row -> row.getInt("n"), id).orElse(0);
                if (paired > 0) {
                    throw new FieldError("village", "field 'village': cadre " + id + " is paired with " + paired
                            + " resident(s) of " + existing.village + "; pair them with someone else first");
                }
            }
            Sql.update(connection, "UPDATE cadres SET village = ?, name = ?, phone = ?, pin_hash = ?, username = ?,"
                    + " active = ?, updated_at = ?, version = version + 1, level = ?, kind = ? WHERE id = ?",
                    input.village(), input.name(), input.phone(), pinHash, input.username(), input.active(),
                    clock.instant(), input.level().name(), input.kind().name(), id);
            ObjectNode after = ProtocolJson.mapper().valueToTree(input);
            after.remove("pin");
            String pinChange = !pinGiven ? "" : input.pin() == null ? "pin removed" : "pin set";
            if (pinGiven && patch.size() == 1) {
                trail.record(connection, "cadre.pin", id, pinChange);
            } else {
                String action = input.active() == existing.active ? "cadre.update"
                        : input.active() ? "cadre.reactivate" : "cadre.deactivate";
                String fields = Residents.changedFields(before, after);
                trail.record(connection, action, id, pinChange.isEmpty() ? fields : fields + "; " + pinChange);
            }
            boolean kioskSees = !input.name().equals(existing.name) || !input.village().equals(existing.village)
                    || pinGiven || input.active() != existing.active;
            if (kioskSees) {
                residents.recordRosterChange(connection, existing.village, changed);
                if (!input.village().equals(existing.village)) {
                    residents.recordRosterChange(connection, input.village(), changed);
                }
            }
            return null;
        });
        residents.announce(changed);
        return get(user, id);
    }

    /** Active cadres paired with {@code residentId}: name and phone, for the missed-check-in message. */
    public static List<Contact> contactsOf(Connection connection, String residentId) throws SQLException {
        return Sql.query(connection, "SELECT c.id, c.name, c.phone FROM pairings p JOIN cadres c ON c.id = p.cadre_id"
                + " WHERE p.resident_id = ? AND c.active ORDER BY c.name, c.id",
                row -> new Contact(row.getString("id"), row.getString("name"), row.getString("phone")), residentId);
    }

    /** A paired cadre to be told: id, name and (unmasked, for WeCom mentions) phone, which may be null. */
    public record Contact(String id, String name, String phone) {

        @Override
        public String toString() {
            return "Contact[id=" + id + "]";
        }
    }

    private String newPinHash(String village, String pin, String self) {
        List<String[]> others = database.read(connection -> Sql.query(connection,
                "SELECT id, pin_hash FROM cadres WHERE village = ? AND active AND pin_hash IS NOT NULL",
                row -> new String[] {row.getString("id"), row.getString("pin_hash")}, village));
        for (String[] other : others) {
            if (!other[0].equals(self) && Pins.matches(pin, other[1])) {
                throw Refusal.conflict("another cadre of " + village + " already uses this PIN; choose another"
                        + " (the kiosk tells cadres apart by their PIN)");
            }
        }
        return Pins.hash(pin);
    }

    private static void checkUsername(Connection connection, CadreInput input, String self) throws SQLException {
        if (input.username() == null) {
            return;
        }
        Optional<String[]> user = Sql.one(connection, "SELECT role, village FROM users WHERE username = ?",
                row -> new String[] {row.getString("role"), row.getString("village")}, input.username());
        if (user.isEmpty()) {
            throw new FieldError("username", "field 'username' names '" + input.username()
                    + "', who is not a user of this hub");
        }
        if (!Role.CADRE.name().equals(user.get()[0]) || !input.village().equals(user.get()[1])) {
            throw new FieldError("username", "field 'username' must name a user of role CADRE of " + input.village()
                    + "; '" + input.username() + "' is " + user.get()[0]
                    + (user.get()[1] == null ? "" : " of " + user.get()[1]));
        }
        Optional<String> linked = Sql.one(connection, "SELECT id FROM cadres WHERE username = ? AND id <> ?",
                row -> row.getString(1), input.username(), self == null ? "" : self);
        if (linked.isPresent()) {
            throw Refusal.conflict("user '" + input.username() + "' is already linked to cadre " + linked.get());
        }
    }

    private static Map<String, List<ResidentRef>> pairedResidents(Connection connection, Optional<String> village)
            throws SQLException {
        Map<String, List<ResidentRef>> out = new HashMap<>();
        String sql = "SELECT p.cadre_id, r.id, r.name FROM pairings p JOIN residents r ON r.id = p.resident_id"
                + " WHERE r.active" + (village.isPresent() ? " AND r.village = ?" : "") + " ORDER BY r.name, r.id";
        Sql.query(connection, sql, row -> {
            out.computeIfAbsent(row.getString("cadre_id"), k -> new ArrayList<>())
                    .add(new ResidentRef(row.getString("id"), row.getString("name")));
            return null;
        }, village.isPresent() ? new Object[] {village.get()} : new Object[0]);
        out.values().forEach(list -> list.sort(Comparator.comparing(ResidentRef::name, NameOrder.NAMES)));
        return out;
    }

    private <T> T write(org.courtyard.hub.store.SqlWork<T> work) {
        try {
            return database.write(work);
        } catch (NameTaken e) {
            throw new Refusal(Refusal.Kind.CONFLICT, "conflict", e.getMessage(), e);
        } catch (FieldError e) {
            throw Refusal.invalidField(e.field(), e.getMessage());
        }
    }

    private static Optional<Stored> find(Connection connection, String id) throws SQLException {
        return Sql.one(connection, "SELECT * FROM cadres WHERE id = ?", Cadres::stored, id);
    }

    private static Refusal notFound(String id) {
        return Refusal.notFound("no cadre '" + id + "'");
    }

    /** A cadre row. */
    private record Stored(String id, String village, String name, String phone, String pinHash, String username,
            boolean active, Instant createdAt, Instant updatedAt, long version, String level, String kind) {

        CadreView view(List<ResidentRef> residents) {
            return new CadreView(id, name, village, phone, username, pinHash != null, active, residents, createdAt,
                    updatedAt, version, Level.valueOf(level), CadreKind.valueOf(kind));
        }
    }

    private static Stored stored(ResultSet row) throws SQLException {
        return new Stored(row.getString("id"), row.getString("village"), row.getString("name"), row.getString("phone"),
                row.getString("pin_hash"), row.getString("username"), row.getBoolean("active"),
                Sql.instant(row, "created_at"), Sql.instant(row, "updated_at"), row.getLong("version"),
                row.getString("level"), row.getString("kind"));
    }
}
