package org.courtyard.kiosk.core;

/**
 * What the cadre's 立即播放 and 现场广播 screens show.
 *
 * @param announcementId and {@code title}: the announcement being played now (or last), for
 *     {@link Phase#PLAYING} and {@link Phase#PLAYED}; null otherwise
 * @param noticeKey the message key of what could not be done or how it ended ("the audio is not
 *     downloaded yet", "an emergency is playing"…); null when there is nothing to say
 * @param emergencyWaiting during {@link Phase#LIVE}: an emergency announcement is due and waits for
 *     the cadre to let go
 */
public record CadreBroadcast(Phase phase, String announcementId, String title, String noticeKey,
        boolean emergencyWaiting) {

    /** Nothing asked yet: the list of announcements, or the talk button ready. */
    public static final CadreBroadcast NONE = new CadreBroadcast(Phase.NONE, null, null, null, false);

    public enum Phase {
        /** Nothing in progress; {@code noticeKey} may say why the last try did not work. */
        NONE,
        /** A play-now is waiting for its turn or playing over the loudspeaker. */
        PLAYING,
        /** The play-now ran to its end, or ended otherwise as {@code noticeKey} says. */
        PLAYED,
        /** The talk button is held: the microphone goes out over the loudspeaker. */
        LIVE,
        /** The live broadcast is over and the relay is off. */
        LIVE_ENDED
    }

    public static CadreBroadcast notice(String key) {
        return new CadreBroadcast(Phase.NONE, null, null, key, false);
    }

    public static CadreBroadcast playing(String id, String title) {
        return new CadreBroadcast(Phase.PLAYING, id, title, null, false);
    }

    public CadreBroadcast played(String key) {
        return new CadreBroadcast(Phase.PLAYED, announcementId, title, key, false);
    }

    public static CadreBroadcast live(boolean emergencyWaiting) {
        return new CadreBroadcast(Phase.LIVE, null, null, null, emergencyWaiting);
    }

    public static CadreBroadcast liveEnded(String key) {
        return new CadreBroadcast(Phase.LIVE_ENDED, null, null, key, false);
    }
}
