package org.courtyard.hub.checkin;

import java.time.Instant;

/** A cadre's visit recorded at a kiosk with their PIN; {@code at} is chosen as for check-ins. */
public record VisitRecord(String residentId, String kioskId, Instant at, String residentName, String village,
        String cadre, String note, String eventId) {
}
