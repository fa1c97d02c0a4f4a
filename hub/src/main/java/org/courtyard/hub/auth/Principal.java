package org.courtyard.hub.auth;

/**
 * The authenticated caller of a request: a staff user ({@link StaffUser}) or a kiosk
 * ({@link KioskIdentity}). A new kind of caller is a new record implementing this, a
 * {@link Authenticator.Lookup} that finds it by its token, and an {@link Access} level that admits
 * it; every other level refuses it without being told about it.
 */
public interface Principal {

    /** What the caller presented, as a refusal names it: "staff session", "kiosk token". */
    String credential();
}
