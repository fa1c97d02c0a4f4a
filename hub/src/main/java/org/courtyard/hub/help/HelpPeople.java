package org.courtyard.hub.help;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Looks up the people a help request names, inside the caller's transaction; the ledger (the
 * residents feature) provides it.
 */
public interface HelpPeople {

    /** The person with {@code residentId}, whatever their village; empty if the ledger has nobody by that id. */
    Optional<HelpPerson> find(Connection connection, String residentId) throws SQLException;
}
