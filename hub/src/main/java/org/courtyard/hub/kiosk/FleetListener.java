package org.courtyard.hub.kiosk;

/** Told, after the commit, that a kiosk went silent or came back; must return quickly. */
@FunctionalInterface
public interface FleetListener {

    void changed(FleetChange change);
}
