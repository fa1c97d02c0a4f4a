package org.courtyard.hub.home;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.courtyard.hub.auth.KioskKind;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.kiosk.KioskView;
import org.courtyard.hub.kiosk.Kiosks;
import org.courtyard.hub.residents.ResidentView.CadreRef;
import org.courtyard.hub.residents.Residents;
import org.courtyard.hub.store.Database;
import org.courtyard.hub.store.Sql;

/**
 * The home units in service with their residents' addresses and paired cadres: the staff's list
 * ({@code GET /api/v1/home-units}), a resident's unit on their page, and what the offline alert
 * says.
 */
public final class HomeUnits {

    private final Database database;
    private final Kiosks kiosks;
    private final Residents residents;

    public HomeUnits(Database database, Kiosks kiosks, Residents residents) {
        this.database = database;
        this.kiosks = kiosks;
        this.residents = residents;
    }

    /**
     * The units in service {@code user} may see, of a village or all (a cadre: their own), or the
     * one unit of {@code residentId} (403/404 as for the resident); ordered by village and name.
     */
    public List<HomeUnitView> list(StaffUser user, Optional<String> village, Optional<String> residentId) {
        if (residentId.isPresent()) {
            residents.get(user, residentId.get());
            return database.read(connection -> {
                Optional<KioskView> unit = kiosks.homeOf(connection, residentId.get());
                return unit.isEmpty() ? List.of() : List.of(describe(connection, unit.get()));
            });
        }
        Optional<String> allowed = user.listVillage(village, "the home units");
        List<KioskView> units = kiosks.list(allowed).stream()
                .filter(kiosk -> kiosk.kind() == KioskKind.HOME && kiosk.retiredAt() == null).toList();
        return database.read(connection -> {
            List<HomeUnitView> out = new ArrayList<>(units.size());
            for (KioskView unit : units) {
                out.add(describe(connection, unit));
            }
            return out;
        });
    }

    /** One unit as it is now, read in its own transaction (for the live stream, after a commit). */
    public HomeUnitView describe(KioskView unit) {
        return database.read(connection -> describe(connection, unit));
    }

    /** {@code unit} with its resident's address and paired cadres, read in the caller's transaction. */
    public HomeUnitView describe(Connection connection, KioskView unit) throws SQLException {
        String residentId = unit.resident() == null ? null : unit.resident().id();
        String address = residentId == null ? null : Sql.one(connection, "SELECT address FROM residents WHERE id = ?",
                row -> row.getString("address"), residentId).orElse(null);
        List<CadreRef> cadres = residentId == null ? List.of() : Sql.query(connection, "SELECT c.id, c.name FROM"
                + " pairings p JOIN cadres c ON c.id = p.cadre_id WHERE p.resident_id = ? AND c.active"
                + " ORDER BY c.name, c.id", row -> new CadreRef(row.getString("id"), row.getString("name")), residentId);
        return new HomeUnitView(unit, address, cadres);
    }
}
