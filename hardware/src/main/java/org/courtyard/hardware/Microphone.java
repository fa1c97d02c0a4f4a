package org.courtyard.hardware;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Objects;
import javax.sound.sampled.AudioFormat;

/**
 * The courtyard microphone, captured as {@link #FORMAT}: what Vosk wants and what voice memos are
 * stored as. At most one capture is open at a time.
 */
public interface Microphone {

    /** 16 kHz, mono, signed 16-bit little-endian PCM. */
    AudioFormat FORMAT = new AudioFormat(16_000f, 16, 1, true, false);

    /** Whether an input device was found. */
    boolean available();

    /**
     * Starts capturing. Throws {@link IllegalStateException} naming the device when there is no
     * usable input or a capture is already open.
     */
    FrameStream open();

    /**
     * Records a voice memo from {@code stream}: collects frames until the stream ends (typically
     * because another thread closed it when the speaker pressed "stop") or {@code maxLength} of
     * audio has been collected, whichever comes first; the memo is cut exactly at the cap. Does not
     * close the stream. Write the memo with {@link Wav#write(AudioClip)}.
     */
    static AudioClip record(String name, FrameStream stream, Duration maxLength) throws InterruptedException {
        Objects.requireNonNull(stream, "stream");
        if (maxLength == null || maxLength.isNegative() || maxLength.isZero()) {
            throw new IllegalArgumentException("maxLength must be positive, was " + maxLength);
        }
        long maxFrames = maxLength.toMillis() * (long) FORMAT.getSampleRate() / 1000;
        long maxBytes = maxFrames * FORMAT.getFrameSize();
        ByteArrayOutputStream memo = new ByteArrayOutputStream();
        byte[] frames;
        while (memo.size() < maxBytes && (frames = stream.next()) != null) {
            memo.write(frames, 0, (int) Math.min(frames.length, maxBytes - memo.size()));
        }
        return AudioClip.pcm(name, FORMAT, memo.toByteArray());
    }

    /** A live capture. Closing stops it; closing twice is safe. */
    interface FrameStream extends AutoCloseable {

        /**
         * Blocks for the next chunk of {@link #FORMAT} PCM (about 100 ms); returns null once the
         * stream is closed or the source has ended.
         */
        byte[] next() throws InterruptedException;

        @Override
        void close();
    }
}
