package org.courtyard.kiosk.announce;

import java.time.Instant;
import org.courtyard.protocol.Priority;

/**
 * A current announcement as the announcements screen shows it.
 *
 * @param text the full text; null for an announcement that has only a title
 * @param playable whether its audio is on the kiosk, so the play button can play it
 */
public record ShownAnnouncement(String id, String title, String text, Priority priority, Instant startsAt,
        boolean playable) {
}
