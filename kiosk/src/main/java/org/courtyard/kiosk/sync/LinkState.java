package org.courtyard.kiosk.sync;

/** The kiosk's link to the hub. */
public enum LinkState {
    /** No sync has finished yet since start. */
    CONNECTING,
    /** The last sync succeeded. */
    ONLINE,
    /** The last sync failed; events wait in the outbox and are retried with backoff. */
    OFFLINE,
    /** The hub refuses this kiosk (wrong token or id): retrying will not help; an operator must fix it. */
    REFUSED
}
