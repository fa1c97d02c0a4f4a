package org.courtyard.hub.residents;

import java.time.Instant;

/**
 * A village as the API shows it: its name and settings. {@code updatedAt} and {@code updatedBy}
 * (the display name, or username, of who saved them; the audit log has the username) are null until
 * someone saved its settings.
 */
public record VillageView(String name, String dutyPhone, Instant updatedAt, String updatedBy) {
}
