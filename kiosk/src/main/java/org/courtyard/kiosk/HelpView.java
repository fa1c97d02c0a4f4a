package org.courtyard.kiosk;

import java.time.Instant;
import java.util.UUID;
import org.courtyard.kiosk.store.LocalHelpRequest;
import org.courtyard.kiosk.store.LocalHelpStatus;
import org.courtyard.protocol.HelpCategory;

/**
 * The latest help request as the screen shows it. {@code cancellableUntil} is when the 按错了
 * button disappears; {@code by} is who acknowledged it, {@code assignee} who is coming.
 */
public record HelpView(UUID id, LocalHelpStatus status, HelpCategory category, Instant occurredAt, String by,
        String assignee, Instant cancellableUntil) {

    public static HelpView of(LocalHelpRequest request, Instant cancellableUntil) {
        return new HelpView(request.id(), request.status(), request.category(), request.occurredAt(),
                request.statusBy(), request.assignee(), cancellableUntil);
    }

    /** Whether the elder may still take it back at {@code now}. */
    public boolean cancellable(Instant now) {
        return status.isOpen() && status != LocalHelpStatus.ACKNOWLEDGED && status != LocalHelpStatus.ASSIGNED
                && cancellableUntil != null && now.isBefore(cancellableUntil);
    }
}
