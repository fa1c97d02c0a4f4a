package org.courtyard.kiosk.core;

import java.time.Instant;
import org.courtyard.protocol.Priority;

/**
 * A current announcement as the announcements screen shows it.
 *
 * @param text the full text; null for an announcement that has only a title
 * @param playable whether its audio is on the kiosk, so the play button can play it
 * @param recorded whether it has a recording at all; false for a text-only one, which is shown on
 *     the screen only and can never be played (true but not {@code playable}: its audio is still
 *     on its way)
 */
public record ShownAnnouncement(String id, String title, String text, Priority priority, Instant startsAt,
        boolean playable, boolean recorded) {

    public ShownAnnouncement {
        if (playable && !recorded) {
            throw new IllegalArgumentException("announcement " + id + " cannot be playable without a recording");
        }
    }
}
