package org.courtyard.hub.announce;

import java.util.List;
import org.courtyard.protocol.Announcement;

/**
 * Announcements for one kiosk after a cursor, as a sync answer carries them, and the announcements
 * part of the cursor that covers them.
 */
public record KioskAnnouncements(List<Announcement> announcements, long cursor) {

    public KioskAnnouncements {
        announcements = List.copyOf(announcements);
    }
}
