package org.courtyard.hub.kiosk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.courtyard.hub.audit.AuditTrail;
import org.courtyard.hub.auth.KioskIdentity;
import org.courtyard.hub.auth.KioskKind;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.auth.Tokens;
import org.courtyard.hub.core.Cursor;
import org.courtyard.hub.core.Keyset;
import org.courtyard.hub.core.Page;
import org.courtyard.hub.core.PageRequest;
import org.courtyard.hub.core.Refusal;
import org.courtyard.hub.store.Database;
import org.courtyard.hub.store.DatabaseException;
import org.courtyard.hub.store.Sql;
import org.courtyard.protocol.Heartbeat;
import org.courtyard.protocol.ProtocolJson;

/**
 * Kiosk registration and contact bookkeeping, for both kinds: courtyard kiosks and home units. A
 * home unit is bound to one resident of its village, who has at most one unit in service; an admin
 * retires a unit ({@link #retire}) to bind the resident's next one or to take a kiosk out of
 * service. A retired kiosk's token no longer works and the fleet watch forgets it; its rows stay,
 * because help requests and check-ins name it.
 */
public final class Kiosks {

    /** A new kiosk's id and token; the token is shown only this once. */
    public record Registration(String id, String token) {

        @Override
        public String toString() {
            return "Registration[id=" + id + "]";
        }
    }

    /** Letters and digits that cannot be mistaken for each other when read aloud or typed (no 0/o, 1/l/i). */
    private static final String ID_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final String IN_SERVICE = "retired_at IS NULL";

    /** A row of {@code kiosks} before its resident's name is looked up. */
    private record Row(String id, String name, String village, KioskKind kind, String residentId, Instant lastSeenAt,
            JsonNode lastHeartbeat, Instant lastHeartbeatAt, Instant silentSince, Instant retiredAt) {
    }

    private final Database database;
    private final Clock clock;
    private final Duration onlineWindow;
    private volatile Residence residence;

    /** @param onlineWindow a kiosk counts as online if it synced within this long */
    public Kiosks(Database database, Clock clock, Duration onlineWindow) {
        this.database = database;
        this.clock = clock;
        this.onlineWindow = onlineWindow;
    }

    /**
     * Lets the registry bind home units to the residents {@code residence} knows, and name them in
     * its views. Until this is called (the home feature does it), a HOME kiosk is refused.
     */
    public void bindHomesWith(Residence residence) {
        this.residence = residence;
    }

    /**
     * Registers a kiosk, audited as {@code kiosk.create} on {@code trail} in the same transaction. A
     * HOME unit's resident must be in the ledger, active and of the unit's village (400 naming
     * {@code residentId}), and have no other home unit in service (409).
     */
    public Registration create(NewKiosk kiosk, AuditTrail trail) {
        String token = Tokens.newToken();
        String id = database.write(connection -> {
            if (kiosk.kind() == KioskKind.HOME) {
                checkBinding(connection, kiosk);
            }
            String candidate;
            do {
                candidate = "k-" + Tokens.random(ID_ALPHABET, 8);
            } while (find(connection, candidate).isPresent());
            Sql.update(connection, "INSERT INTO kiosks (id, name, village, kind, resident_id, token_hash, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)", candidate, kiosk.name(), kiosk.village(), kiosk.kind().name(),
                    kiosk.residentId(), Tokens.hash(token), clock.instant());
            trail.record(connection, "kiosk.create", candidate, "name=" + kiosk.name() + " village=" + kiosk.village()
                    + (kiosk.kind() == KioskKind.HOME ? " kind=HOME resident=" + kiosk.residentId() : ""));
            return candidate;
        });
        return new Registration(id, token);
    }

    private void checkBinding(Connection connection, NewKiosk kiosk) throws SQLException {
        Residence known = residence;
        if (known == null) {
            throw Refusal.invalidField("kind", "this hub does not register HOME units");
        }
        Residence.Resident resident = known.find(connection, kiosk.residentId()).orElseThrow(() ->
                Refusal.invalidField("residentId", "field 'residentId' names no resident of the ledger: '"
                        + kiosk.residentId() + "'"));
        if (!resident.village().equals(kiosk.village())) {
            throw Refusal.invalidField("residentId", "resident " + resident.id() + " lives in " + resident.village()
                    + ", not in " + kiosk.village() + "; a home unit belongs to its resident's village");
        }
        if (!resident.active()) {
            throw Refusal.invalidField("residentId", "resident " + resident.id() + " is no longer active in the"
                    + " ledger");
        }
        Optional<String> other = Sql.one(connection, "SELECT id FROM kiosks WHERE resident_id = ? AND " + IN_SERVICE,
                row -> row.getString("id"), resident.id());
        if (other.isPresent()) {
            throw Refusal.conflict("resident " + resident.id() + " already has home unit " + other.get()
                    + " in service; retire it first (POST /api/v1/kiosks/" + other.get() + "/retire)")
                    .withDetails(java.util.Map.of("kioskId", other.get()));
        }
    }

    /**
     * Takes a kiosk out of service: its token and enrolment code stop working, it is no longer
     * watched for silence, and its resident (for a home unit) may be given a new unit. Audited as
     * {@code kiosk.retire}. Retiring a retired kiosk changes nothing.
     *
     * @throws Refusal 404 for an unknown kiosk
     */
    public KioskView retire(String id, AuditTrail trail) {
        Instant now = clock.instant();
        return database.write(connection -> {
            KioskView kiosk = find(connection, id, now).orElseThrow(() -> Refusal.notFound("no kiosk '" + id + "'"));
            if (kiosk.retiredAt() != null) {
                return kiosk;
            }
            Sql.update(connection, "UPDATE kiosks SET retired_at = ?, silent_since = NULL WHERE id = ?", now, id);
            Sql.update(connection, "DELETE FROM enrolment_codes WHERE kiosk_id = ?", id);
            trail.record(connection, "kiosk.retire", id, kiosk.home() && kiosk.resident() != null
                    ? "home unit of resident " + kiosk.resident().id() : "name=" + kiosk.name());
            return find(connection, id, now).orElseThrow();
        });
    }

    /**
     * A page of the kiosks {@code user} may see, of the village asked for or all, in {@code state}
     * or any: a cadre sees their own village's (and is refused another's); ordered by village, name
     * and id, the cursor's values.
     */
    public Page<KioskView> list(StaffUser user, Optional<String> village, Optional<KioskState> state,
            PageRequest page) {
        Optional<String> allowed = user.listVillage(village, "the kiosks");
        Instant now = clock.instant();
        StringBuilder sql = new StringBuilder("SELECT * FROM kiosks WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        allowed.ifPresent(v -> {
            sql.append(" AND village = ?");
            parameters.add(v);
        });
        state.ifPresent(s -> {
            sql.append(" AND ").append(condition(s));
            if (s == KioskState.ONLINE || s == KioskState.OFFLINE) {
                parameters.add(onlineSince(now));
            }
        });
        // village is NOT NULL: the order is the index kiosks_by_village's.
        Keyset.ascending("village", "name", "id").page(sql, parameters, page,
                cursor -> List.of(cursor.text(0), cursor.text(1), cursor.text(2)));
        return database.read(connection -> Page.of(views(connection, Sql.query(connection, sql.toString(), Kiosks::row,
                parameters.toArray()), now), page, kiosk -> Cursor.of(kiosk.village() == null ? "" : kiosk.village(),
                        kiosk.name(), kiosk.id())));
    }

    /**
     * How many of the kiosks {@code user} may see, of the village asked for or all, are in each
     * state; one counting query, however many kiosks there are.
     */
    public KioskSummary summary(StaffUser user, Optional<String> village) {
        Optional<String> allowed = user.listVillage(village, "the kiosks");
        Instant since = onlineSince(clock.instant());
        StringBuilder sql = new StringBuilder("SELECT"
                + " COALESCE(SUM(CASE WHEN " + condition(KioskState.ONLINE) + " THEN 1 ELSE 0 END), 0) AS online,"
                + " COALESCE(SUM(CASE WHEN " + condition(KioskState.OFFLINE) + " THEN 1 ELSE 0 END), 0) AS offline,"
                + " COALESCE(SUM(CASE WHEN " + condition(KioskState.LOST) + " THEN 1 ELSE 0 END), 0) AS lost,"
                + " COALESCE(SUM(CASE WHEN " + condition(KioskState.RETIRED) + " THEN 1 ELSE 0 END), 0) AS retired"
                + " FROM kiosks");
        List<Object> parameters = new ArrayList<>(List.of(since, since));
        allowed.ifPresent(v -> {
            sql.append(" WHERE village = ?");
            parameters.add(v);
        });
        return database.read(connection -> Sql.one(connection, sql.toString(), row -> {
            int online = row.getInt("online");
            int offline = row.getInt("offline");
            int lost = row.getInt("lost");
            return new KioskSummary(online + offline + lost, online, offline, lost, row.getInt("retired"));
        }, parameters.toArray()).orElseThrow());
    }

    /**
     * The SQL condition of a state, as {@link #view} decides {@code online} and the staff page its
     * badge; ONLINE and OFFLINE take one parameter, {@link #onlineSince}.
     */
    private static String condition(KioskState state) {
        return switch (state) {
            case RETIRED -> "retired_at IS NOT NULL";
            case LOST -> "(" + IN_SERVICE + " AND silent_since IS NOT NULL)";
            case ONLINE -> "(" + IN_SERVICE + " AND silent_since IS NULL AND last_seen_at >= ?)";
            case OFFLINE -> "(" + IN_SERVICE + " AND silent_since IS NULL AND (last_seen_at IS NULL OR last_seen_at < ?))";
        };
    }

    /** The earliest contact that still counts as online at {@code now}. */
    private Instant onlineSince(Instant now) {
        return now.minus(onlineWindow);
    }

    /** One kiosk for {@code user}: 404 if unknown, 403 for a cadre of another village. */
    public KioskView get(StaffUser user, String id) {
        KioskView kiosk = find(id).orElseThrow(() -> Refusal.notFound("no kiosk '" + id + "'"));
        if (!user.mayAccessVillage(kiosk.village())) {
            throw Refusal.forbidden("kiosk " + id + " belongs to another village");
        }
        return kiosk;
    }

    /** All kiosks, or those of one village, ordered by village and name. */
    public List<KioskView> list(Optional<String> village) {
        Instant now = clock.instant();
        return database.read(connection -> views(connection, village.isPresent()
                ? Sql.query(connection, "SELECT * FROM kiosks WHERE village = ? ORDER BY village, name, id", Kiosks::row,
                        village.get())
                : Sql.query(connection, "SELECT * FROM kiosks ORDER BY village, name, id", Kiosks::row), now));
    }

    /**
     * The kiosks (retired ones too) of the villages in the first parameter or with an id in the
     * second, both JSON arrays, ordered by village, name and id: read along kiosks_by_village and
     * the primary key, never the whole table. SQLite-only (json_each). Public for the test of its
     * query plan.
     */
    public static final String IN_VILLAGES_OR_WITH_IDS = "SELECT * FROM kiosks WHERE village IN"
            + " (SELECT value FROM json_each(?)) UNION SELECT * FROM kiosks WHERE id IN (SELECT value FROM json_each(?))"
            + " ORDER BY village, name, id";

    /** The ids alone of {@link #IN_VILLAGES_OR_WITH_IDS}, unordered. */
    public static final String IDS_IN_VILLAGES_OR_WITH_IDS = "SELECT id FROM kiosks WHERE village IN"
            + " (SELECT value FROM json_each(?)) UNION SELECT id FROM kiosks WHERE id IN (SELECT value FROM json_each(?))";

    /**
     * The kiosks (retired ones too) of these villages or with these ids, ordered by village, name
     * and id; an id no kiosk has is left out. Reads only those kiosks, in one query.
     */
    public List<KioskView> inVillagesOrWithIds(Collection<String> villages, Collection<String> ids) {
        if (villages.isEmpty() && ids.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        return database.read(connection -> views(connection, Sql.query(connection, IN_VILLAGES_OR_WITH_IDS,
                Kiosks::row, ProtocolJson.write(List.copyOf(villages)), ProtocolJson.write(List.copyOf(ids))), now));
    }

    /**
     * The ids of the kiosks (retired ones too) of these villages or with these ids, or of every
     * kiosk when {@code everyone}; an id no kiosk has is left out. Reads the ids only.
     */
    public Set<String> ids(boolean everyone, Collection<String> villages, Collection<String> ids) {
        if (!everyone && villages.isEmpty() && ids.isEmpty()) {
            return Set.of();
        }
        return new LinkedHashSet<>(database.read(connection -> everyone
                ? Sql.query(connection, "SELECT id FROM kiosks", row -> row.getString(1))
                : Sql.query(connection, IDS_IN_VILLAGES_OR_WITH_IDS, row -> row.getString(1),
                        ProtocolJson.write(List.copyOf(villages)), ProtocolJson.write(List.copyOf(ids)))));
    }

    /**
     * A page of the home units in service, of {@code village} or all, ordered by village, name and
     * id (the cursor's values), read in the caller's transaction along the index kiosks_home_units.
     * Whose village the caller may list is the caller's to check.
     */
    public Page<KioskView> homeUnits(Connection connection, Optional<String> village, PageRequest page)
            throws SQLException {
        // The literal conditions are the partial index's, so that SQLite may use it.
        StringBuilder sql = new StringBuilder("SELECT * FROM kiosks WHERE kind = 'HOME' AND retired_at IS NULL");
        List<Object> parameters = new ArrayList<>();
        village.ifPresent(v -> {
            sql.append(" AND village = ?");
            parameters.add(v);
        });
        Keyset.ascending("village", "name", "id").page(sql, parameters, page,
                cursor -> List.of(cursor.text(0), cursor.text(1), cursor.text(2)));
        Instant now = clock.instant();
        return Page.of(views(connection, Sql.query(connection, sql.toString(), Kiosks::row, parameters.toArray()), now),
                page, kiosk -> Cursor.of(kiosk.village(), kiosk.name(), kiosk.id()));
    }

    /** The home unit in service of {@code residentId}, if they have one. */
    public Optional<KioskView> homeOf(Connection connection, String residentId) throws SQLException {
        Optional<Row> row = Sql.one(connection, "SELECT * FROM kiosks WHERE resident_id = ? AND " + IN_SERVICE,
                Kiosks::row, residentId);
        return row.isEmpty() ? Optional.empty() : Optional.of(view(connection, row.get(), clock.instant()));
    }

    /** The kiosk in service whose token has this SHA-256 ({@code Tokens.hash}), for the authenticator. */
    public Optional<KioskIdentity> byTokenHash(String tokenHash) {
        return database.read(connection -> Sql.one(connection, "SELECT id, name, village, kind, resident_id FROM kiosks"
                + " WHERE token_hash = ? AND " + IN_SERVICE,
                row -> new KioskIdentity(row.getString("id"), row.getString("name"), row.getString("village"),
                        KioskKind.valueOf(row.getString("kind")), row.getString("resident_id")),
                tokenHash));
    }

    public Optional<KioskView> find(String id) {
        return database.read(connection -> find(connection, id, clock.instant()));
    }

    /** One kiosk as seen inside the caller's transaction. */
    public Optional<KioskView> find(Connection connection, String id, Instant now) throws SQLException {
        Optional<Row> row = Sql.one(connection, "SELECT * FROM kiosks WHERE id = ?", Kiosks::row, id);
        return row.isEmpty() ? Optional.empty() : Optional.of(view(connection, row.get(), now));
    }

    /**
     * Records a contact inside the caller's write transaction.
     *
     * @return true if the kiosk had been offline (or never seen) before this contact
     */
    public boolean touch(Connection connection, String kioskId, Instant now) throws SQLException {
        Instant before = Sql.one(connection, "SELECT last_seen_at FROM kiosks WHERE id = ?",
                row -> Sql.instant(row, "last_seen_at"), kioskId).orElse(null);
        Sql.update(connection, "UPDATE kiosks SET last_seen_at = ? WHERE id = ?", now, kioskId);
        return before == null || !isOnline(before, now);
    }

    /**
     * How stale a kiosk's stored contact may be before a sync without events writes it again: a
     * quarter of the online window, so a kiosk that keeps long-polling never looks offline while
     * the writer is spared a commit per long-poll.
     */
    public Duration contactRefresh() {
        return onlineWindow.dividedBy(4);
    }

    /** Whether the kiosk's stored contact is missing or older than {@link #contactRefresh()}; reads only. */
    public boolean contactIsStale(String kioskId, Instant now) {
        Instant lastSeen = database.read(connection -> Sql.one(connection,
                "SELECT last_seen_at FROM kiosks WHERE id = ?", row -> Sql.instant(row, "last_seen_at"), kioskId))
                .orElse(null);
        return lastSeen == null || lastSeen.isBefore(now.minus(contactRefresh()));
    }

    /**
     * Stores a heartbeat as the kiosk's newest, inside the caller's write transaction.
     *
     * @param heartbeatJson the {@link Heartbeat} as JSON ({@code ProtocolJson.write}), written out
     *     before the write so that the writer thread does not
     */
    public void recordHeartbeat(Connection connection, String kioskId, String heartbeatJson, Instant at)
            throws SQLException {
        Sql.update(connection, "UPDATE kiosks SET last_heartbeat = ?, last_heartbeat_at = ? WHERE id = ?",
                heartbeatJson, at, kioskId);
    }

    private Optional<String> find(Connection connection, String id) throws SQLException {
        return Sql.one(connection, "SELECT id FROM kiosks WHERE id = ?", row -> row.getString(1), id);
    }

    private boolean isOnline(Instant lastSeen, Instant now) {
        return lastSeen != null && !lastSeen.isBefore(now.minus(onlineWindow));
    }

    private List<KioskView> views(Connection connection, List<Row> rows, Instant now) throws SQLException {
        List<KioskView> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            out.add(view(connection, row, now));
        }
        return out;
    }

    private KioskView view(Connection connection, Row row, Instant now) throws SQLException {
        KioskView.ResidentRef resident = null;
        if (row.residentId() != null) {
            Residence known = residence;
            Optional<Residence.Resident> found = known == null ? Optional.empty()
                    : known.find(connection, row.residentId());
            resident = new KioskView.ResidentRef(row.residentId(), found.map(Residence.Resident::name).orElse(null));
        }
        return new KioskView(row.id(), row.name(), row.village(), row.kind(), resident, row.lastSeenAt(),
                row.lastHeartbeat(), row.lastHeartbeatAt(), row.retiredAt() == null && isOnline(row.lastSeenAt(), now),
                row.silentSince(), row.retiredAt());
    }

    private static Row row(ResultSet row) throws SQLException {
        String heartbeat = row.getString("last_heartbeat");
        JsonNode heartbeatJson = null;
        if (heartbeat != null) {
            try {
                heartbeatJson = ProtocolJson.mapper().readTree(heartbeat);
            } catch (JsonProcessingException e) {
                throw new DatabaseException("stored heartbeat of kiosk " + row.getString("id") + " is not JSON", e);
            }
        }
        return new Row(row.getString("id"), row.getString("name"), row.getString("village"),
                KioskKind.valueOf(row.getString("kind")), row.getString("resident_id"), Sql.instant(row, "last_seen_at"),
                heartbeatJson, Sql.instant(row, "last_heartbeat_at"), Sql.instant(row, "silent_since"),
                Sql.instant(row, "retired_at"));
    }
}
