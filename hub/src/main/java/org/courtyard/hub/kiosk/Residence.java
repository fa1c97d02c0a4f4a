package org.courtyard.hub.kiosk;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * What the kiosk registry needs to know of the residents home units are bound to. The ledger is a
 * feature installed after this one, so the home feature supplies this
 * ({@link Kiosks#bindHomesWith}); without it, the registry refuses home units.
 */
@FunctionalInterface
public interface Residence {

    /** A resident as far as a home unit's binding is concerned. */
    record Resident(String id, String name, String village, boolean active) {

        @Override
        public String toString() {
            return "Resident[id=" + id + ", village=" + village + "]";
        }
    }

    /** The resident {@code residentId}, read in the caller's transaction; empty if the ledger has none. */
    Optional<Resident> find(Connection connection, String residentId) throws SQLException;
}
