package org.courtyard.hub.kiosk;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A kiosk as staff see it. {@code lastHeartbeat} is the payload of its newest HEARTBEAT as sent
 * (null before the first), with the kiosk's health when it reports it (disk, temperature, power,
 * self-test); {@code online} whether it synced within the hub's online window; {@code silentSince}
 * the kiosk's last contact once the hub has raised the alert that it has been silent for the
 * configured time, null while it is not silent.
 */
public record KioskView(String id, String name, String village, Instant lastSeenAt, JsonNode lastHeartbeat,
        Instant lastHeartbeatAt, boolean online, Instant silentSince) {
}
