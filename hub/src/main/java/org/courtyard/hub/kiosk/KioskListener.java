package org.courtyard.hub.kiosk;

/** Told, after the commit, that a kiosk synced events or came back online; must return quickly. */
@FunctionalInterface
public interface KioskListener {

    void seen(KioskView kiosk);
}
