package org.courtyard.kiosk.cadre;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.courtyard.hardware.Microphone;
import org.courtyard.kiosk.announce.Announcer;
import org.courtyard.kiosk.announce.LiveBroadcast;
import org.courtyard.kiosk.core.ShownAnnouncement;
import org.courtyard.protocol.AnnouncementPlayed;

/**
 * The cadre's 立即播放 and 现场广播 on the kiosk's one announcement player: a play-now goes through
 * {@link Announcer#playNow}, so it never overlaps another play; a live broadcast takes the
 * microphone to the loudspeaker through {@link Announcer#startLive}.
 */
public final class AnnouncerBroadcasting implements BroadcastController.Broadcasting {

    private final Announcer announcer;
    private final Microphone microphone;
    private volatile LiveBroadcast live;

    public AnnouncerBroadcasting(Announcer announcer, Microphone microphone) {
        this.announcer = announcer;
        this.microphone = microphone;
    }

    @Override
    public List<ShownAnnouncement> current() {
        return announcer.current();
    }

    @Override
    public CompletableFuture<AnnouncementPlayed> playNow(String announcementId) {
        return announcer.playNow(announcementId);
    }

    @Override
    public boolean stop(CompletableFuture<AnnouncementPlayed> play) {
        return announcer.stop(play);
    }

    /**
     * The microphone goes out over the courtyard loudspeaker (relay, warm-up, chime, voice) until
     * {@link #stopLiveBroadcast()}, at most {@code announce.live-max-seconds}.
     *
     * @throws IllegalStateException without a microphone, while an emergency plays, or if a live
     *     broadcast is already on
     */
    @Override
    public LiveBroadcast startLiveBroadcast() {
        LiveBroadcast started = announcer.startLive(microphone.open());
        live = started;
        return started;
    }

    /** The broadcast ends and the relay goes off after the tail. Safe when none is on. */
    @Override
    public void stopLiveBroadcast() {
        LiveBroadcast current = live;
        if (current != null) {
            current.stop();
        }
    }

    @Override
    public boolean microphoneAvailable() {
        return microphone.available();
    }

    @Override
    public boolean emergencyPending() {
        return announcer.emergencyPending();
    }
}
