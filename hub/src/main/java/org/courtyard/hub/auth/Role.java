package org.courtyard.hub.auth;

/** What a staff user may do. */
public enum Role {
    /** Everything, including users and kiosks. */
    ADMIN,
    /** Township staff: every village's help requests, no user or kiosk administration. */
    STAFF,
    /** A village cadre: only their own village. */
    CADRE
}
