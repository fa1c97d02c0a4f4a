package org.courtyard.hub.home;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.courtyard.hub.kiosk.Residence;
import org.courtyard.hub.store.Sql;

/** The ledger's residents, as the kiosk registry binds home units to them. */
public final class HomeResidence implements Residence {

    @Override
    public Optional<Resident> find(Connection connection, String residentId) throws SQLException {
        return Sql.one(connection, "SELECT id, name, village, active FROM residents WHERE id = ?",
                row -> new Resident(row.getString("id"), row.getString("name"), row.getString("village"),
                        row.getBoolean("active")), residentId);
    }
}
