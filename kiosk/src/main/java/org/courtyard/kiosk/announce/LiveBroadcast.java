package org.courtyard.kiosk.announce;

import java.util.concurrent.CompletableFuture;
import org.courtyard.hardware.Microphone;
import org.courtyard.hardware.PlayResult;

/**
 * A live broadcast in progress (hold to talk): the microphone goes out over the courtyard
 * loudspeaker until {@link #stop()}. Stopping ends the capture; the loudspeaker then plays its tail
 * and switches the relay off. It also ends by itself after {@code announce.live-max-seconds}, when
 * the loudspeaker fails, and when the kiosk stops.
 */
public final class LiveBroadcast {

    private final Microphone.FrameStream source;
    private final CompletableFuture<PlayResult> result = new CompletableFuture<>();

    LiveBroadcast(Microphone.FrameStream source) {
        this.source = source;
    }

    /** Ends the broadcast (the talk button was let go). Safe to call more than once, from any thread. */
    public void stop() {
        source.close();
    }

    /** Completes when the broadcast is over and the relay is off, with how it ended. */
    public CompletableFuture<PlayResult> result() {
        return result;
    }

    Microphone.FrameStream source() {
        return source;
    }

    void finished(PlayResult outcome) {
        result.complete(outcome);
    }
}
