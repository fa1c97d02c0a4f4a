package org.courtyard.hub.kiosk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.courtyard.hub.audit.AuditTrail;
import org.courtyard.hub.auth.KioskIdentity;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.auth.Tokens;
import org.courtyard.hub.core.Refusal;
import org.courtyard.hub.store.Database;
import org.courtyard.hub.store.DatabaseException;
import org.courtyard.hub.store.Sql;
import org.courtyard.protocol.Heartbeat;
import org.courtyard.protocol.ProtocolJson;

/** Kiosk registration and contact bookkeeping. */
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

    private final Database database;
    private final Clock clock;
    private final Duration onlineWindow;

    /** @param onlineWindow a kiosk counts as online if it synced within this long */
    public Kiosks(Database database, Clock clock, Duration onlineWindow) {
        this.database = database;
        this.clock = clock;
        this.onlineWindow = onlineWindow;
    }

    /** Registers a kiosk, audited as {@code kiosk.create} on {@code trail} in the same transaction. */
    public Registration create(NewKiosk kiosk, AuditTrail trail) {
        String token = Tokens.newToken();
        String id = database.write(connection -> {
            String candidate;
            do {
                candidate = "k-" + Tokens.random(ID_ALPHABET, 8);
            } while (find(connection, candidate).isPresent());
            Sql.update(connection, "INSERT INTO kiosks (id, name, village, token_hash, created_at) VALUES (?, ?, ?, ?, ?)",
                    candidate, kiosk.name(), kiosk.village(), Tokens.hash(token), clock.instant());
            trail.record(connection, "kiosk.create", candidate, "name=" + kiosk.name() + " village=" + kiosk.village());
            return candidate;
        });
        return new Registration(id, token);
    }

    /**
     * The kiosks {@code user} may see, of the village asked for or all: a cadre sees their own
     * village's (and is refused another's); ordered by village and name.
     */
    public List<KioskView> list(StaffUser user, Optional<String> village) {
        return list(user.listVillage(village, "the kiosks"));
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
        return database.read(connection -> village.isPresent()
                ? Sql.query(connection, "SELECT * FROM kiosks WHERE village = ? ORDER BY village, name, id",
                        row -> view(row, now), village.get())
                : Sql.query(connection, "SELECT * FROM kiosks ORDER BY village, name, id", row -> view(row, now)));
    }

    /** The kiosk whose token has this SHA-256 ({@code Tokens.hash}), for the authenticator. */
    public Optional<KioskIdentity> byTokenHash(String tokenHash) {
        return database.read(connection -> Sql.one(connection, "SELECT id, name, village FROM kiosks WHERE token_hash = ?",
                row -> new KioskIdentity(row.getString("id"), row.getString("name"), row.getString("village")),
                tokenHash));
    }

    public Optional<KioskView> find(String id) {
        return database.read(connection -> find(connection, id, clock.instant()));
    }

    /** One kiosk as seen inside the caller's transaction. */
    public Optional<KioskView> find(Connection connection, String id, Instant now) throws SQLException {
        return Sql.one(connection, "SELECT * FROM kiosks WHERE id = ?", row -> view(row, now), id);
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

    /** Stores {@code heartbeat} as the kiosk's newest, inside the caller's write transaction. */
    public void recordHeartbeat(Connection connection, String kioskId, Heartbeat heartbeat, Instant at)
            throws SQLException {
        Sql.update(connection, "UPDATE kiosks SET last_heartbeat = ?, last_heartbeat_at = ? WHERE id = ?",
                ProtocolJson.write(heartbeat), at, kioskId);
    }

    private Optional<String> find(Connection connection, String id) throws SQLException {
        return Sql.one(connection, "SELECT id FROM kiosks WHERE id = ?", row -> row.getString(1), id);
    }

    private boolean isOnline(Instant lastSeen, Instant now) {
        return lastSeen != null && !lastSeen.isBefore(now.minus(onlineWindow));
    }

    private KioskView view(ResultSet row, Instant now) throws SQLException {
        Instant lastSeen = Sql.instant(row, "last_seen_at");
        String heartbeat = row.getString("last_heartbeat");
        JsonNode heartbeatJson = null;
        if (heartbeat != null) {
            try {
                heartbeatJson = ProtocolJson.mapper().readTree(heartbeat);
            } catch (JsonProcessingException e) {
                throw new DatabaseException("stored heartbeat of kiosk " + row.getString("id") + " is not JSON", e);
            }
        }
        return new KioskView(row.getString("id"), row.getString("name"), row.getString("village"), lastSeen,
                heartbeatJson, Sql.instant(row, "last_heartbeat_at"), isOnline(lastSeen, now),
                Sql.instant(row, "silent_since"));
    }
}
