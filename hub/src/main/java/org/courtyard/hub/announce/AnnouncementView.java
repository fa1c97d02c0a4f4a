package org.courtyard.hub.announce;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.courtyard.protocol.Announcement;
import org.courtyard.protocol.AudioRef;
import org.courtyard.protocol.Priority;
import org.courtyard.protocol.Targets;

/**
 * An announcement as staff see it ({@code ANNOUNCEMENT} in docs/api.md): the fields kiosks receive,
 * then who made and changed it, and when.
 */
public record AnnouncementView(String id, String title, String text, Priority priority, boolean outdoor,
        Targets targets, Instant startsAt, Instant endsAt, @JsonFormat(pattern = "HH:mm") List<LocalTime> repeatDaily,
        AudioRef audio, boolean withdrawn, int revision, String createdBy, Instant createdAt, String updatedBy,
        Instant updatedAt, String withdrawnBy, Instant withdrawnAt) {

    public AnnouncementView {
        repeatDaily = List.copyOf(repeatDaily);
    }

    /** What kiosks receive in a sync answer. */
    public Announcement toWire() {
        return new Announcement(id, title, text, priority, outdoor, targets, startsAt, endsAt, repeatDaily, audio,
                withdrawn, revision);
    }

    /** The same announcement marked withdrawn, for a kiosk it no longer targets. */
    public Announcement toWireWithdrawn() {
        return new Announcement(id, title, text, priority, outdoor, targets, startsAt, endsAt, repeatDaily, audio,
                true, revision);
    }
}
