package org.courtyard.hardware.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * Conversions to and from signed 16-bit little-endian PCM through javax.sound's converters, and
 * software volume.
 */
public final class Pcm {

    private Pcm() {
    }

    /** Signed 16-bit little-endian PCM at {@code sampleRate} with {@code channels}. */
    public static AudioFormat signed16(float sampleRate, int channels) {
        return new AudioFormat(sampleRate, 16, channels, true, false);
    }

    public static boolean isSigned16(AudioFormat format) {
        return AudioFormat.Encoding.PCM_SIGNED.equals(format.getEncoding()) && format.getSampleSizeInBits() == 16
                && !format.isBigEndian();
    }

    /** Whether two signed 16-bit formats have the same rate and channel count. */
    public static boolean sameLayout(AudioFormat a, AudioFormat b) {
        return isSigned16(a) && isSigned16(b) && a.getChannels() == b.getChannels()
                && Math.abs(a.getSampleRate() - b.getSampleRate()) < 0.5f;
    }

    /**
     * Converts a stream in any encoding javax.sound can decode to signed 16-bit little-endian PCM
     * at {@code sampleRate} with {@code channels}, in two steps (encoding first, then rate and
     * channels), because javax.sound cannot do both at once for µ-law and A-law. The stream is
     * not read here.
     *
     * @throws IllegalArgumentException naming the source format if javax.sound cannot convert it
     */
    public static AudioInputStream convert(AudioInputStream source, float sampleRate, int channels) {
        AudioFormat from = source.getFormat();
        AudioInputStream stream = source;
        if (!isSigned16(from)) {
            AudioFormat decoded = signed16(from.getSampleRate(), from.getChannels());
            if (!AudioSystem.isConversionSupported(decoded, from)) {
                throw new IllegalArgumentException("cannot convert " + from + " to 16-bit PCM");
            }
            stream = AudioSystem.getAudioInputStream(decoded, stream);
        }
        AudioFormat target = signed16(sampleRate, channels);
        if (!sameLayout(stream.getFormat(), target)) {
            if (!AudioSystem.isConversionSupported(target, stream.getFormat())) {
                throw new IllegalArgumentException("cannot convert " + from + " to " + target);
            }
            stream = AudioSystem.getAudioInputStream(target, stream);
        }
        return stream;
    }

    /** Reads a converted stream to the end, dropping a trailing partial frame. */
    public static byte[] readAll(AudioInputStream stream) throws IOException {
        byte[] pcm = stream.readAllBytes();
        int frameSize = stream.getFormat().getFrameSize();
        return pcm.length % frameSize == 0 ? pcm : Arrays.copyOf(pcm, pcm.length - pcm.length % frameSize);
    }

    /** Converts signed 16-bit PCM from one rate and channel count to another, in memory. */
    public static byte[] convert(byte[] pcm, AudioFormat from, AudioFormat to) {
        if (sameLayout(from, to)) {
            return pcm;
        }
        AudioInputStream source = new AudioInputStream(new ByteArrayInputStream(pcm), from,
                pcm.length / from.getFrameSize());
        try {
            return readAll(convert(source, to.getSampleRate(), to.getChannels()));
        } catch (IOException e) {
            throw new UncheckedIOException("converting in memory failed", e);
        }
    }

    /**
     * Signed 16-bit little-endian samples of {@code pcm[offset, offset + length)} multiplied by
     * {@code gain} (0..1), rounded to the nearest integer. A gain of 1 returns an exact copy.
     */
    public static byte[] scale(byte[] pcm, int offset, int length, double gain) {
        byte[] out = Arrays.copyOfRange(pcm, offset, offset + length);
        if (gain == 1.0) {
            return out;
        }
        for (int i = 0; i + 1 < length; i += 2) {
            int sample = (short) ((out[i] & 0xff) | (out[i + 1] << 8));
            int scaled = (int) Math.round(sample * gain);
            out[i] = (byte) scaled;
            out[i + 1] = (byte) (scaled >> 8);
        }
        return out;
    }
}
