package org.courtyard.kiosk.core;

/** The kiosk's link to the hub. */
public enum LinkState {
    /** No sync has finished yet since start. */
    CONNECTING,
    /** The last sync succeeded. */
    ONLINE,
    /** The last sync failed; events wait in the outbox and are retried with backoff. */
    OFFLINE,
    /** The hub refuses this kiosk (wrong token or id): retrying will not help; an operator must fix it. */
    REFUSED,
    /**
     * The hub's TLS certificate failed this kiosk's checks (unknown CA, wrong name, wrong pin):
     * nothing is sent until someone fixes the certificate or the kiosk's {@code tls.*} settings.
     * The kiosk keeps trying at the longest backoff.
     */
    UNTRUSTED
}
