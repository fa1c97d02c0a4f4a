package org.courtyard.hub.family;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Records a family member's step in the audit log inside the caller's transaction: the actor is
 * {@code family:CONTACT_ID} from the phone's address (see the feature's routes).
 */
@FunctionalInterface
public interface FamilyAudit {

    void record(Connection connection, String contactId, String action, String detail) throws SQLException;
}
