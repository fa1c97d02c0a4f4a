package org.courtyard.hub.checkin;

import java.time.Instant;

/**
 * One check-in as the API shows it. The first three fields are those agreed in API.md
 * ({@code residentId}, {@code kioskId}, {@code at}); {@code at} is the kiosk's time when its clock
 * was trusted (never later than the hub received it), else the hub's receive time.
 */
public record CheckInRecord(String residentId, String kioskId, Instant at, String residentName, String village,
        String eventId, Instant occurredAt, Instant receivedAt, boolean clockTrusted) {
}
