package org.courtyard.hub.home;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.courtyard.hub.auth.KioskIdentity;
import org.courtyard.hub.residents.Residents;
import org.courtyard.hub.residents.Villages;
import org.courtyard.hub.store.Database;
import org.courtyard.hub.store.Sql;
import org.courtyard.hub.sync.PartAnswer;
import org.courtyard.hub.sync.SyncPart;
import org.courtyard.protocol.ResidentCard;
import org.courtyard.protocol.ResidentType;
import org.courtyard.protocol.VillageCard;

/**
 * A home unit's own resident in its sync answers ({@code homeResident}): the name it speaks and the
 * id its check-ins and help requests carry, never anyone else (a home unit gets no roster). Sent when
 * the village's roster version differs from the unit's slice ({@code "home"}, -1 before the first),
 * so a renamed resident reaches the unit like a roster change reaches the courtyard kiosk; else
 * null ("unchanged"). An inactive resident is not sent: the unit keeps the name it has. With it goes
 * the village's card ({@code village}): the duty phone (值班电话) the unit speaks when its help
 * request cannot reach the hub, which changes the roster version when staff change it.
 */
public final class HomeResidentPart implements SyncPart {

    private final Database database;
    private final Residents residents;

    public HomeResidentPart(Database database, Residents residents) {
        this.database = database;
        this.residents = residents;
    }

    @Override
    public String name() {
        return "home";
    }

    @Override
    public long start() {
        return -1;
    }

    @Override
    public boolean serves(KioskIdentity kiosk) {
        return kiosk.home();
    }

    @Override
    public boolean hasNews(KioskIdentity kiosk, long slice) {
        return residents.rosterVersion(kiosk.village()) != slice;
    }

    @Override
    public PartAnswer answer(KioskIdentity kiosk, long slice) {
        long version = residents.rosterVersion(kiosk.village());
        if (version == slice) {
            return unchanged(kiosk, version);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        Optional<ResidentCard> card = database.read(connection -> Sql.one(connection,
                "SELECT id, name, type FROM residents WHERE id = ? AND active", row -> new ResidentCard(
                        row.getString("id"), row.getString("name"), ResidentType.valueOf(row.getString("type")), null),
                kiosk.residentId()));
        VillageCard village = database.read(connection -> new VillageCard(kiosk.village(),
                Villages.dutyPhone(connection, kiosk.village()).orElse(null)));
        fields.put("village", village);
        fields.put("homeResident", card.orElse(null));
        return new PartAnswer(version, true, fields);
    }

    /** Both fields null: the unit keeps the resident and the village's card it has. */
    @Override
    public PartAnswer unchanged(KioskIdentity kiosk, long slice) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("village", null);
        fields.put("homeResident", null);
        return new PartAnswer(slice, false, fields);
    }
}
