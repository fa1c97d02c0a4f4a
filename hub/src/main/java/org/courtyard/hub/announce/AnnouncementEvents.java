package org.courtyard.hub.announce;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.courtyard.hub.sync.IncomingEvent;
import org.courtyard.hub.sync.KioskTime;
import org.courtyard.protocol.AnnouncementPlayed;
import org.courtyard.protocol.AudioDownloaded;

/**
 * The announcement feature's sync handlers: ANNOUNCEMENT_PLAYED and AUDIO_DOWNLOADED go on the
 * delivery board, whose listeners hear of the change once the batch committed. A report about an
 * announcement this hub does not know is stored as an event and changes no board.
 */
public final class AnnouncementEvents {

    private final Announcements announcements;

    public AnnouncementEvents(Announcements announcements) {
        this.announcements = announcements;
    }

    public void played(IncomingEvent<AnnouncementPlayed> event) throws SQLException {
        AnnouncementPlayed played = event.payload();
        if (!KioskTime.believable(played.startedAt(), event.receivedAt())
                || !KioskTime.believable(played.endedAt(), event.receivedAt())) {
            // A kiosk clock from 1970: the play ended at the latest when the hub heard of it.
            Instant end = event.receivedAt();
            Instant start = end.minus(Duration.between(played.startedAt(), played.endedAt()));
            played = new AnnouncementPlayed(played.announcementId(),
                    KioskTime.believable(start, end) ? start : end, end, played.outcome(), played.detail());
        }
        if (announcements.recordPlayed(event.connection(), event.kiosk().kioskId(), played)) {
            published(event, played.announcementId());
        }
    }

    public void downloaded(IncomingEvent<AudioDownloaded> event) throws SQLException {
        AudioDownloaded downloaded = event.payload();
        if (announcements.recordDownloaded(event.connection(), event.kiosk().kioskId(), downloaded,
                event.event().occurredAt())) {
            published(event, downloaded.announcementId());
        }
    }

    /** After the commit, the board's listeners hear of the kiosk's row, once per batch. */
    private void published(IncomingEvent<?> event, String announcementId) {
        event.afterCommitOnce(List.of("announcement-delivery", announcementId), () ->
                announcements.publishDeliveries(event.kiosk(), List.of(announcementId)));
    }
}
