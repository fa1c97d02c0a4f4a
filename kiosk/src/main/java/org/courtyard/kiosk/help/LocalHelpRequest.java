package org.courtyard.kiosk.help;

import java.time.Instant;
import java.util.UUID;
import org.courtyard.kiosk.core.HelpView;
import org.courtyard.kiosk.core.LocalHelpStatus;
import org.courtyard.protocol.HelpCategory;
import org.courtyard.protocol.HelpSource;

/**
 * A help request made at this kiosk, with the latest status the kiosk knows, since when
 * ({@code updatedAt}), and who asked ({@code residentId}, null until they said).
 */
public record LocalHelpRequest(UUID id, HelpSource source, HelpCategory category, Instant occurredAt,
        LocalHelpStatus status, String statusBy, String assignee, String note, Instant updatedAt, String residentId) {

    /**
     * What the screen shows of it; the 按错了 button until {@code cancellableUntil} (null: not any
     * more); {@code unsent} whether something of it still waits for the hub.
     */
    public HelpView view(Instant cancellableUntil, boolean unsent) {
        return new HelpView(id, status, category, occurredAt, statusBy, assignee, cancellableUntil, residentId,
                updatedAt, unsent, false, null);
    }
}
