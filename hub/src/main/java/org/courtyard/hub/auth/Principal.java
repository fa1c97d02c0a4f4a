package org.courtyard.hub.auth;

/** The authenticated caller of a request: a staff user or a kiosk. */
public sealed interface Principal permits StaffUser, KioskIdentity {
}
