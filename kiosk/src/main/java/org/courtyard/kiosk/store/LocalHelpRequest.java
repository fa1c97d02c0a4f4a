package org.courtyard.kiosk.store;

import java.time.Instant;
import java.util.UUID;
import org.courtyard.protocol.HelpCategory;
import org.courtyard.protocol.HelpSource;

/** A help request made at this kiosk, with the latest status the kiosk knows. */
public record LocalHelpRequest(UUID id, HelpSource source, HelpCategory category, Instant occurredAt,
        LocalHelpStatus status, String statusBy, String assignee, String note, Instant updatedAt) {
}
