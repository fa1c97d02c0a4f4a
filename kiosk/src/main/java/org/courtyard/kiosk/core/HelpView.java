package org.courtyard.kiosk.core;

import java.time.Instant;
import java.util.UUID;
import org.courtyard.protocol.HelpCategory;

/**
 * The latest help request as the screen shows it. {@code cancellableUntil} is when the 按错了
 * button disappears; {@code by} is who acknowledged it, {@code assignee} who is coming.
 */
public record HelpView(UUID id, LocalHelpStatus status, HelpCategory category, Instant occurredAt, String by,
        String assignee, Instant cancellableUntil) {

    /** Whether the elder may still take it back at {@code now}. */
    public boolean cancellable(Instant now) {
        return status.isOpen() && status != LocalHelpStatus.ACKNOWLEDGED && status != LocalHelpStatus.ASSIGNED
                && cancellableUntil != null && now.isBefore(cancellableUntil);
    }
}
