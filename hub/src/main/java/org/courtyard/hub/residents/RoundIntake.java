package org.courtyard.hub.residents;

import org.courtyard.hub.audit.AuditTrail;
import org.courtyard.hub.auth.StaffUser;

/**
 * Adds a person the half-yearly survey found: to the ledger and to the survey round named
 * ({@code POST /api/v1/residents} with {@code "round"}). The survey feature provides it when it is
 * installed; the ledger itself knows nothing of rounds.
 */
@FunctionalInterface
public interface RoundIntake {

    /** Adds {@code input} as a resident found by round {@code roundId}; refuses as the survey does. */
    ResidentView add(StaffUser user, String roundId, ResidentInput input, AuditTrail trail);
}
