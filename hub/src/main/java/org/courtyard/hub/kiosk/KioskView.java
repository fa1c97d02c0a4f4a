package org.courtyard.hub.kiosk;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.courtyard.hub.auth.KioskKind;

/**
 * A kiosk as staff see it. {@code kind} says whether it is a courtyard kiosk or a home unit;
 * {@code resident} is the home unit's resident (null for a courtyard kiosk). {@code lastHeartbeat}
 * is the payload of its newest HEARTBEAT as sent (null before the first), with the kiosk's health
 * when it reports it (disk, temperature, power, self-test); {@code online} whether it synced within
 * the hub's online window; {@code silentSince} the kiosk's last contact once the hub has raised the
 * alert that it has been silent for the configured time, null while it is not silent;
 * {@code retiredAt} when an admin took it out of service (its token no longer works), null while
 * it is in service.
 */
public record KioskView(String id, String name, String village, KioskKind kind, ResidentRef resident,
        Instant lastSeenAt, JsonNode lastHeartbeat, Instant lastHeartbeatAt, boolean online, Instant silentSince,
        Instant retiredAt) {

    /** The resident a home unit is bound to; {@code name} is null if the ledger no longer has them. */
    public record ResidentRef(String id, String name) {
    }

    public boolean home() {
        return kind == KioskKind.HOME;
    }
}
