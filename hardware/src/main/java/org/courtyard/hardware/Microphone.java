package org.courtyard.hardware;

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
