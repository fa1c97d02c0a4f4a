package org.courtyard.kiosk.voice;

/**
 * A streaming speech recognizer, fed {@link org.courtyard.hardware.Microphone#FORMAT} PCM as it is
 * captured. Not thread-safe: one listening session uses it at a time. A recognizer is made once
 * and reused across sessions with {@link #reset()}: with Vosk each one holds native memory that
 * only {@link #close()} frees.
 */
public interface Recognizer extends AutoCloseable {

    /**
     * Feeds {@code length} bytes of PCM. Returns true when the recognizer's own end-pointing says an
     * utterance ended here; its text is then in {@link #result()}.
     */
    boolean accept(byte[] pcm, int length);

    /** What has been heard so far of the current utterance, for the screen; never null. */
    String partial();

    /** The final hypothesis of the current utterance; the next {@link #accept} starts a new one. */
    Hypothesis result();

    /** Forgets the current utterance without producing a result. */
    void reset();

    /** Frees the recognizer; closing twice is safe. */
    @Override
    void close();
}
