package org.courtyard.hub.core;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/** Checks a recording uploaded as a WAV file (a help request's voice memo, a family message). */
public final class WavCheck {

    private WavCheck() {
    }

    /**
     * The length of a PCM WAV file in ms.
     *
     * @param what the recording as the 413 names it: "the memo"
     * @throws Refusal {@code invalid_field} naming {@code body} when it is not a PCM WAV file with
     *     audio in it; {@code too_large} when it is longer than {@code longest}
     */
    public static long durationMs(byte[] wav, Duration longest, String what) {
        AudioFileFormat file;
        try {
            file = AudioSystem.getAudioFileFormat(new ByteArrayInputStream(wav));
        } catch (UnsupportedAudioFileException | IOException e) {
            throw Refusal.invalidField("body", "the body is not a WAV file: " + e.getMessage());
        }
        AudioFormat format = file.getFormat();
        boolean pcm = AudioFormat.Encoding.PCM_SIGNED.equals(format.getEncoding())
                || AudioFormat.Encoding.PCM_UNSIGNED.equals(format.getEncoding());
        if (file.getType() != AudioFileFormat.Type.WAVE || !pcm || file.getFrameLength() <= 0
                || format.getFrameRate() <= 0) {
            throw Refusal.invalidField("body", "the body must be a PCM WAV file with audio in it, was " + file.getType()
                    + " " + format);
        }
        long durationMs = Math.round(file.getFrameLength() * 1000.0 / format.getFrameRate());
        if (durationMs > longest.toMillis()) {
            throw Refusal.tooLarge(what + " is " + durationMs / 1000 + " s long; at most " + longest.toSeconds()
                    + " s are accepted");
        }
        return durationMs;
    }
}
