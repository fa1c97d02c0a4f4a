package org.courtyard.hardware;

import javax.sound.sampled.AudioFormat;
import org.courtyard.hardware.internal.Pcm;

/**
 * Generated sounds, so the kiosk needs no audio assets: a two-note chime that goes before an
 * announcement ("ding-dong", so people outside turn their heads before the first word) and an
 * alarm for help requests. Both are deterministic and peak well below full scale.
 */
public final class Tones {

    /** The format of {@link #chime()} and {@link #alarm()}: 44.1 kHz mono 16-bit. */
    public static final AudioFormat FORMAT = Pcm.signed16(44_100f, 1);

    private static final double E5 = 659.25;
    private static final double C5 = 523.25;
    private static final double ALARM_HIGH = 988.0;
    private static final double ALARM_LOW = 784.0;

    private Tones() {
    }

    public static AudioClip chime() {
        return chime(FORMAT);
    }

    /**
     * A 1.6 s "ding-dong" (E5 then C5, bell-like, with a quiet end) in {@code format}, which must
     * be signed 16-bit little-endian PCM at any rate and channel count.
     */
    public static AudioClip chime(AudioFormat format) {
        requireSigned16(format);
        float rate = format.getSampleRate();
        double[] samples = new double[Math.round(rate * 1.6f)];
        bell(samples, rate, 0.0, E5);
        bell(samples, rate, 0.45, C5);
        fadeOut(samples, rate, 0.05);
        return clip("chime", format, samples, 0.5);
    }

    public static AudioClip alarm() {
        return alarm(FORMAT);
    }

    /**
     * A 2 s two-tone alarm (B5 and G5 alternating every 250 ms) in {@code format}, which must be
     * signed 16-bit little-endian PCM.
     */
    public static AudioClip alarm(AudioFormat format) {
        requireSigned16(format);
        float rate = format.getSampleRate();
        int segment = Math.round(rate * 0.25f);
        double[] samples = new double[segment * 8];
        int ramp = Math.max(1, Math.round(rate * 0.004f));
        for (int s = 0; s < 8; s++) {
            double hz = s % 2 == 0 ? ALARM_HIGH : ALARM_LOW;
            for (int i = 0; i < segment; i++) {
                double t = i / (double) rate;
                double phase = 2 * Math.PI * hz * t;
                double wave = Math.sin(phase) + Math.sin(3 * phase) / 3 + Math.sin(5 * phase) / 5;
                double envelope = Math.min(1.0, Math.min(i, segment - 1 - i) / (double) ramp);
                samples[s * segment + i] = wave * envelope;
            }
        }
        return clip("alarm", format, samples, 0.6);
    }

    private static void bell(double[] samples, float rate, double startSeconds, double hz) {
        int start = (int) Math.round(startSeconds * rate);
        double attack = 0.008;
        double decay = 0.35;
        for (int i = start; i < samples.length; i++) {
            double t = (i - start) / (double) rate;
            double envelope = (t < attack ? t / attack : 1.0) * Math.exp(-t / decay);
            double phase = 2 * Math.PI * hz * t;
            samples[i] += envelope * (Math.sin(phase) + 0.35 * Math.sin(2 * phase) + 0.12 * Math.sin(3 * phase));
        }
    }

    private static void fadeOut(double[] samples, float rate, double seconds) {
        int length = Math.min(samples.length, (int) Math.round(seconds * rate));
        for (int i = 0; i < length; i++) {
            samples[samples.length - 1 - i] *= i / (double) length;
        }
    }

    /** Normalises to {@code peak} of full scale and writes every channel alike. */
    private static AudioClip clip(String name, AudioFormat format, double[] samples, double peak) {
        double max = 0;
        for (double sample : samples) {
            max = Math.max(max, Math.abs(sample));
        }
        double gain = max == 0 ? 0 : peak * Short.MAX_VALUE / max;
        int channels = format.getChannels();
        byte[] pcm = new byte[samples.length * 2 * channels];
        int at = 0;
        for (double sample : samples) {
            int value = (int) Math.round(sample * gain);
            for (int c = 0; c < channels; c++) {
                pcm[at++] = (byte) value;
                pcm[at++] = (byte) (value >> 8);
            }
        }
        return AudioClip.pcm(name, format, pcm);
    }

    private static void requireSigned16(AudioFormat format) {
        if (!Pcm.isSigned16(format) || format.getChannels() < 1) {
            throw new IllegalArgumentException("tones are generated as signed 16-bit little-endian PCM, not " + format);
        }
    }
}
