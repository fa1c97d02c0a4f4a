package org.courtyard.hardware;

import java.time.Duration;
import java.util.Objects;
import javax.sound.sampled.AudioFormat;

/**
 * A sound ready to play: signed 16-bit little-endian PCM with its format and a name for logs and
 * action lines. Build one from a WAV with {@link Wav#read}, or generate one with {@link Tones}.
 */
public final class AudioClip {

    private final String name;
    private final AudioFormat format;
    private final byte[] pcm;

    private AudioClip(String name, AudioFormat format, byte[] pcm) {
        this.name = name;
        this.format = format;
        this.pcm = pcm;
    }

    /**
     * A clip from raw PCM. The format must be signed 16-bit little-endian PCM, and {@code pcm} a
     * whole number of frames; the array is not copied.
     */
    public static AudioClip pcm(String name, AudioFormat format, byte[] pcm) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(pcm, "pcm");
        if (!AudioFormat.Encoding.PCM_SIGNED.equals(format.getEncoding()) || format.getSampleSizeInBits() != 16
                || format.isBigEndian()) {
            throw new IllegalArgumentException("clip '" + name + "' must be signed 16-bit little-endian PCM, was "
                    + format);
        }
        if (pcm.length % format.getFrameSize() != 0) {
            throw new IllegalArgumentException("clip '" + name + "' has " + pcm.length
                    + " bytes, not a whole number of " + format.getFrameSize() + "-byte frames");
        }
        return new AudioClip(name, format, pcm);
    }

    public String name() {
        return name;
    }

    public AudioFormat format() {
        return format;
    }

    /** The PCM bytes; do not modify. */
    public byte[] pcm() {
        return pcm;
    }

    public Duration duration() {
        long frames = pcm.length / format.getFrameSize();
        return Duration.ofNanos((long) (frames * 1_000_000_000.0 / format.getFrameRate()));
    }

    @Override
    public String toString() {
        return name + " (" + duration().toMillis() + " ms)";
    }
}
