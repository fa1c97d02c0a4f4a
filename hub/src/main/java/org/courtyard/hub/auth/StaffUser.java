package org.courtyard.hub.auth;

import java.util.Optional;
import org.courtyard.hub.core.Refusal;

/** A logged-in person. {@code village} is set for cadres; {@code displayName} may be null. */
public record StaffUser(String username, Role role, String village, String displayName) implements Principal {

    @Override
    public String credential() {
        return "staff session";
    }

    /** The name written into a help request's history ({@code by}). */
    public String shownName() {
        return displayName == null || displayName.isBlank() ? username : displayName;
    }

    /**
     * The village a list for this user shows: a cadre's own (refused, FORBIDDEN, if they ask for
     * another: "a cadre sees only {@code what} of ..."), or what a staff member asked for (empty
     * for all).
     *
     * @param what the list's things, as the refusal names them: "the kiosks"
     */
    public Optional<String> listVillage(Optional<String> asked, String what) {
        if (role == Role.CADRE) {
            if (asked.isPresent() && !asked.get().equals(village)) {
                throw Refusal.forbidden("a cadre sees only " + what + " of " + village);
            }
            return Optional.of(village);
        }
        return asked;
    }

    /** True if this user may see and act on requests of {@code village}. */
    public boolean mayAccessVillage(String otherVillage) {
        return role != Role.CADRE || village.equals(otherVillage);
    }
}
