package org.courtyard.kiosk.core;

import java.time.Instant;
import java.util.UUID;
import org.courtyard.protocol.HelpCategory;

/**
 * The latest help request as the screen, the band on the home screen and the headless console show
 * it. {@code cancellableUntil} is when the 按错了 button disappears; {@code by} is who acknowledged
 * it, {@code assignee} who is coming.
 *
 * @param residentId who asked, once they tapped their photo (null: the kiosk still asks 「您是哪一位？」)
 * @param knownAt when the kiosk learnt the {@code status} (the press for SAVED, the hub's time of a change)
 * @param unsent whether the request, or a press again, still waits in the outbox for the hub
 * @param confirmingCancel whether 按错了 was pressed and 「确定取消求助吗？」 waits for an answer
 * @param dutyPhone the village's duty phone while it must be shown (the link has been down for two
 *     minutes with the request unsent), else null
 */
public record HelpView(UUID id, LocalHelpStatus status, HelpCategory category, Instant occurredAt, String by,
        String assignee, Instant cancellableUntil, String residentId, Instant knownAt, boolean unsent,
        boolean confirmingCancel, String dutyPhone) {

    /** A request as the hub's last word left it: known at the press, sent, nobody named. */
    public HelpView(UUID id, LocalHelpStatus status, HelpCategory category, Instant occurredAt, String by,
            String assignee, Instant cancellableUntil) {
        this(id, status, category, occurredAt, by, assignee, cancellableUntil, null, occurredAt,
                status == LocalHelpStatus.SAVED, false, null);
    }

    /** Whether the elder may still take it back at {@code now}. */
    public boolean cancellable(Instant now) {
        return status.isOpen() && status != LocalHelpStatus.ACKNOWLEDGED && status != LocalHelpStatus.ASSIGNED
                && cancellableUntil != null && now.isBefore(cancellableUntil);
    }

    /** Whether the help screen still asks 「您是哪一位？」: an open request nobody was named on. */
    public boolean asksWho() {
        return status.isOpen() && residentId == null;
    }

    public HelpView withConfirmingCancel(boolean value) {
        return new HelpView(id, status, category, occurredAt, by, assignee, cancellableUntil, residentId, knownAt,
                unsent, value, dutyPhone);
    }

    public HelpView withDutyPhone(String value) {
        return new HelpView(id, status, category, occurredAt, by, assignee, cancellableUntil, residentId, knownAt,
                unsent, confirmingCancel, value);
    }
}
