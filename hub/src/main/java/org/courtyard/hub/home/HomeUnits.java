package org.courtyard.hub.home;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.core.Page;
import org.courtyard.hub.core.PageRequest;
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
     * A page of the units in service {@code user} may see, of a village or all (a cadre: their own),
     * ordered by village, name and id (the cursor's values); 403 for a cadre naming another village.
     */
    public Page<HomeUnitView> list(StaffUser user, Optional<String> village, PageRequest page) {
        Optional<String> allowed = user.listVillage(village, "the home units");
        return database.read(connection -> {
            Page<KioskView> units = kiosks.homeUnits(connection, allowed, page);
            List<HomeUnitView> out = new ArrayList<>(units.items().size());
            for (KioskView unit : units.items()) {
                out.add(describe(connection, unit));
            }
            return new Page<>(out, units.next());
        });
    }

    /** The unit in service of {@code residentId}, none or one (403/404 as for the resident). */
    public List<HomeUnitView> ofResident(StaffUser user, String residentId) {
        residents.get(user, residentId);
        return database.read(connection -> {
            Optional<KioskView> unit = kiosks.homeOf(connection, residentId);
            return unit.isEmpty() ? List.of() : List.of(describe(connection, unit.get()));
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
