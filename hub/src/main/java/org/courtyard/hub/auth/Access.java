package org.courtyard.hub.auth;

import java.util.Optional;
import java.util.function.BiFunction;
import org.courtyard.hub.core.Refusal;

/**
 * Who may call a route, declared with it ({@code router.add(GET, path, Access.STAFF, handler)})
 * and checked in one place before the handler runs; the handler gets the admitted caller as a
 * {@code P}. Finer rules that depend on the data (a cadre sees only their own village) stay with
 * the feature.
 *
 * <p>Levels: {@link #PUBLIC} (no token needed), {@link #KIOSK}, {@link #STAFF} (any logged-in
 * user, CADRE included), {@link #OFFICE} (ADMIN or STAFF, not CADRE), {@link #ADMIN},
 * {@link #STAFF_OR_KIOSK}, and {@link #FAMILY} for the family page's own routes. A caller
 * without valid credentials is refused with 401
 * ({@link Refusal.Kind#UNAUTHENTICATED}); one of the wrong kind or role with 403.
 *
 * <p>A level admits principals by their type, so a new kind of caller (a family session, say)
 * is refused by every existing level until a level of its own admits it.
 *
 * @param <P> what the handler receives: the caller as the level knows it
 */
public final class Access<P> {

    private static final String LOG_IN = "log in first: send 'Authorization: Bearer <token>' or the "
            + "courtyard_session cookie";

    /** Anyone; the caller is not looked up, and the handler gets null. */
    public static final Access<Void> PUBLIC = new Access<>("PUBLIC", null, (caller, what) -> null, null);

    /** A kiosk with its own token. */
    public static final Access<KioskIdentity> KIOSK = new Access<>("KIOSK",
            "send the kiosk's token as 'Authorization: Bearer <token>'", (caller, what) -> {
                if (caller instanceof KioskIdentity kiosk) {
                    return kiosk;
                }
                throw Refusal.forbidden("only kiosks may " + what + "; a " + caller.credential() + " cannot");
            }, "do this");

    /** Any logged-in user: ADMIN, STAFF or CADRE (whose village the feature checks). */
    public static final Access<StaffUser> STAFF = new Access<>("STAFF", LOG_IN, (caller, what) -> staff(caller),
            null);

    /** ADMIN or STAFF: township staff, not a village cadre. */
    public static final Access<StaffUser> OFFICE = new Access<>("OFFICE", LOG_IN, (caller, what) -> {
        StaffUser user = staff(caller);
        if (user.role() == Role.CADRE) {
            throw Refusal.forbidden("only ADMIN or STAFF may " + what + "; you are CADRE");
        }
        return user;
    }, "do this");

    /** ADMIN only. */
    public static final Access<StaffUser> ADMIN = new Access<>("ADMIN", LOG_IN, (caller, what) -> {
        StaffUser user = staff(caller);
        if (user.role() != Role.ADMIN) {
            throw Refusal.forbidden("only an ADMIN may " + what + "; you are " + user.role());
        }
        return user;
    }, "do this");

    /** Any logged-in user or any kiosk; the feature decides what each may see. */
    public static final Access<Principal> STAFF_OR_KIOSK = new Access<>("STAFF_OR_KIOSK",
            "send a staff or kiosk token as 'Authorization: Bearer <token>'", (caller, what) -> {
                if (caller instanceof StaffUser || caller instanceof KioskIdentity) {
                    return caller;
                }
                throw Refusal.forbidden("a " + caller.credential() + " cannot be used for staff or kiosk calls");
            }, null);

    /**
     * A family member signed in on their phone (docs/family.md); the only level that admits a
     * family session, and it admits nothing else.
     */
    public static final Access<FamilyMember> FAMILY = new Access<>("FAMILY",
            "sign in first: open the invitation link, or enter your PIN on the phone you signed in with",
            (caller, what) -> {
                if (caller instanceof FamilyMember member) {
                    return member;
                }
                throw Refusal.forbidden("this is the family page's; a " + caller.credential() + " cannot use it");
            }, null);

    private final String name;
    private final String unauthenticated;
    private final BiFunction<Principal, String, P> admit;
    private final String what;

    private Access(String name, String unauthenticated, BiFunction<Principal, String, P> admit, String what) {
        this.name = name;
        this.unauthenticated = unauthenticated;
        this.admit = admit;
        this.what = what;
    }

    /** The level's name, as the route table and {@code RoleBoundaryTest} show it. */
    public String name() {
        return name;
    }

    /** True if callers are not looked up at all. */
    public boolean isPublic() {
        return unauthenticated == null;
    }

    /**
     * This level, saying in its 403 what the route does: {@code OFFICE.to("register cadres")}
     * refuses a cadre with "only ADMIN or STAFF may register cadres; you are CADRE".
     */
    public Access<P> to(String action) {
        return new Access<>(name, unauthenticated, admit, action);
    }

    /** This level, answering a caller without credentials with {@code message} (a 401). */
    public Access<P> askingFor(String message) {
        return new Access<>(name, message, admit, what);
    }

    /**
     * The caller as the handler gets it.
     *
     * @param caller who presented valid credentials, or empty
     * @throws Refusal {@link Refusal.Kind#UNAUTHENTICATED} without a caller,
     *     {@link Refusal.Kind#FORBIDDEN} for a caller of the wrong kind or role
     */
    public P admit(Optional<Principal> caller) {
        if (isPublic()) {
            return null;
        }
        return admit.apply(caller.orElseThrow(() -> Refusal.unauthenticated(unauthenticated)),
                what == null ? "do this" : what);
    }

    @Override
    public String toString() {
        return name;
    }

    private static StaffUser staff(Principal caller) {
        if (caller instanceof StaffUser user) {
            return user;
        }
        throw Refusal.forbidden("a " + caller.credential() + " cannot be used for staff calls");
    }
}
