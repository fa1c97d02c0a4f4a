package org.courtyard.hub.care.internal;

import org.courtyard.hub.auth.Role;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.core.Refusal;

/**
 * The care feature's refusals, each the hub's one {@link Refusal} of a kind (bad input naming a
 * field, not allowed, unknown, conflicting), which the web layer answers with a status.
 */
public final class Refusals {

    private Refusals() {
    }

    /** Bad input; the message names {@code field}. */
    public static Refusal invalid(String field, String message) {
        return Refusal.invalidField(field, message);
    }

    public static Refusal forbidden(String message) {
        return Refusal.forbidden(message);
    }

    public static Refusal notFound(String message) {
        return Refusal.notFound(message);
    }

    public static Refusal conflict(String message) {
        return Refusal.conflict(message);
    }

    /** Refuses a CADRE what only ADMIN and STAFF may do (the route says so too; the domain holds it). */
    public static void officeOnly(StaffUser user, String what) {
        if (user.role() == Role.CADRE) {
            throw Refusal.forbidden("only ADMIN or STAFF may " + what + "; you are CADRE");
        }
    }
}
