package org.courtyard.hub.kiosk;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A kiosk as staff see it. {@code lastHeartbeat} is the payload of its newest HEARTBEAT as sent
 * (null before the first), {@code online} whether it synced within the hub's online window.
 */
public record KioskView(String id, String name, String village, Instant lastSeenAt, JsonNode lastHeartbeat,
        Instant lastHeartbeatAt, boolean online) {
}
