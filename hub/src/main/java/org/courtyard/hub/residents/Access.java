package org.courtyard.hub.residents;

import java.util.Optional;
import org.courtyard.hub.auth.Role;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.web.HttpError;

/**
 * Who may see and change the ledger of a village: ADMIN and STAFF every village, a CADRE only
 * their own. Personal data of elders and children goes to nobody else.
 */
public final class Access {

    private Access() {
    }

    /** 403 unless {@code user} may see and edit the people of {@code village}. */
    public static void village(StaffUser user, String village, String what) {
        if (!user.mayAccessVillage(village)) {
            throw HttpError.forbidden(what + " belongs to " + village + "; a cadre of " + user.village()
                    + " sees only their own village");
        }
    }

    /**
     * The village a list may show: a cadre's own (403 if they ask for another), or what a staff
     * member asked for (empty for all).
     */
    public static Optional<String> listVillage(StaffUser user, Optional<String> asked) {
        if (user.role() == Role.CADRE) {
            if (asked.isPresent() && !asked.get().equals(user.village())) {
                throw HttpError.forbidden("a cadre sees only the people of " + user.village());
            }
            return Optional.of(user.village());
        }
        return asked;
    }

    /** 403 unless {@code user} is ADMIN or STAFF. */
    public static void staffOnly(StaffUser user, String what) {
        if (user.role() == Role.CADRE) {
            throw HttpError.forbidden("only ADMIN or STAFF may " + what + "; you are CADRE");
        }
    }
}
