package org.courtyard.hub.announce;

import java.time.Instant;
import org.courtyard.protocol.PlayOutcome;

/**
 * One kiosk's row of an announcement's delivery board.
 *
 * @param deliveredAt when the hub first sent the current revision in a sync answer (hub clock)
 * @param deliveredRevision the revision last sent; lower than the announcement's means the kiosk
 *     has not yet been sent the latest edit
 * @param downloadedAt when the kiosk reported holding the current audio (kiosk clock, from its
 *     AUDIO_DOWNLOADED event); null before that, for a text-only announcement, and after the
 *     audio was replaced until the new audio is reported
 * @param playedAt start of the latest play that ran to the end (kiosk clock)
 * @param outcome how the latest play ended ({@code PLAYED}, {@code FAILED}, {@code PREEMPTED}); null
 *     before the first
 * @param detail why the latest play failed or was cut short
 * @param outcomeAt end of the latest play (kiosk clock)
 * @param plays how many plays the kiosk reported, whatever their outcome
 * @param targeted false for a kiosk that was sent the announcement but is no longer among its
 *     targets (it was told to stop)
 * @param notPlayedBySetting true for a kiosk that holds a NORMAL announcement it will not play, by
 *     its own setting: a home unit without {@code home.announce-normal=true} (as its heartbeat says,
 *     or by default), which has reported no play of it. The board counts it apart, not as a kiosk
 *     that has yet to play.
 */
public record Delivery(String kioskId, Instant deliveredAt, Instant downloadedAt, Instant playedAt,
        PlayOutcome outcome, String kioskName, String village, boolean targeted, Integer deliveredRevision,
        String detail, Instant outcomeAt, int plays, boolean notPlayedBySetting) {
}
