package org.courtyard.hub.residents;

import java.util.Optional;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.core.Refusal;

/**
 * Who may see and change the ledger of a village: ADMIN and STAFF every village, a CADRE only
 * their own. Personal data of elders and children goes to nobody else. (Which roles may call a
 * route at all is declared with the route, {@link org.courtyard.hub.auth.Access}.)
 */
public final class VillageScope {

    private VillageScope() {
    }

    /** 403 unless {@code user} may see and edit the people of {@code village}. */
    public static void village(StaffUser user, String village, String what) {
        if (!user.mayAccessVillage(village)) {
            throw Refusal.forbidden(what + " belongs to " + village + "; a cadre of " + user.village()
                    + " sees only their own village");
        }
    }

    /**
     * The village a list may show: a cadre's own (403 if they ask for another), or what a staff
     * member asked for (empty for all).
     */
    public static Optional<String> listVillage(StaffUser user, Optional<String> asked) {
        return user.listVillage(asked, "the people");
    }
}
