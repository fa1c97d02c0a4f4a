package org.courtyard.hub.announce;

/**
 * Told after a kiosk's row of a delivery board changed and committed (the hub sent it the
 * announcement, or the kiosk reported the audio downloaded or a play), on the committing thread;
 * must return quickly.
 */
@FunctionalInterface
public interface DeliveryListener {

    void deliveryChanged(String announcementId, String kioskId, String village);
}
