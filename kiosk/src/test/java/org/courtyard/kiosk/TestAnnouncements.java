package org.courtyard.kiosk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.courtyard.hardware.AudioClip;
import org.courtyard.hardware.Microphone;
import org.courtyard.hardware.Wav;
import org.courtyard.kiosk.announce.AudioLibrary;
import org.courtyard.protocol.Announcement;
import org.courtyard.protocol.AudioRef;
import org.courtyard.protocol.Priority;
import org.courtyard.protocol.Targets;

/** Announcements and their audio for kiosk tests, the audio put where a finished download would be. */
public final class TestAnnouncements {

    private TestAnnouncements() {
    }

    /** A 16 kHz mono tone of {@code millis}. */
    public static AudioClip tone(int millis, double hz) {
        float rate = Microphone.FORMAT.getSampleRate();
        int frames = Math.round(rate * millis / 1000f);
        byte[] pcm = new byte[frames * 2];
        for (int i = 0; i < frames; i++) {
            int sample = (int) Math.round(Math.sin(2 * Math.PI * hz * i / rate) * 10_000);
            pcm[2 * i] = (byte) sample;
            pcm[2 * i + 1] = (byte) (sample >> 8);
        }
        return AudioClip.pcm("tone", Microphone.FORMAT, pcm);
    }

    /** Stores {@code clip} as WAV in the audio library of {@code dataDir}, as a checked download. */
    public static AudioRef downloaded(Path dataDir, AudioClip clip) {
        byte[] wav = Wav.write(clip);
        String sha = AudioLibrary.sha256(wav);
        try {
            Files.write(new AudioLibrary(dataDir).dir().resolve(sha + ".wav"), wav);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new AudioRef(sha, wav.length, clip.duration().toMillis());
    }

    /** Audio the kiosk has heard of but not downloaded (nobody serves it in tests). */
    public static AudioRef missing() {
        return new AudioRef("0".repeat(64), 1000, 500);
    }

    /**
     * A current announcement for everyone, started at {@code startsAt}, with no end. With
     * {@code outdoor} false it is for the screen only: the schedule never broadcasts it by itself,
     * a cadre's play-now does.
     */
    public static Announcement announcement(String id, String title, Priority priority, boolean outdoor,
            Instant startsAt, AudioRef audio) {
        return new Announcement(id, title, "请各位村民注意：" + title, priority, outdoor, Targets.everyone(),
                startsAt, null, List.of(), audio, false, 1);
    }

    /** Whether {@code play} ends with {@code tail}: the announcement's PCM after the chime. */
    public static boolean endsWith(byte[] play, byte[] tail) {
        if (play.length < tail.length) {
            return false;
        }
        for (int i = 0; i < tail.length; i++) {
            if (play[play.length - tail.length + i] != tail[i]) {
                return false;
            }
        }
        return true;
    }
}
