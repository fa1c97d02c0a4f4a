package org.courtyard.hardware.internal;

import javax.sound.sampled.AudioFormat;
import org.courtyard.hardware.AudioClip;

/** Generated test audio. */
final class TestClips {

    private TestClips() {
    }

    /** A 440 Hz sine at half scale, {@code millis} long, in 16-bit PCM of the given rate and channels. */
    static AudioClip sine(String name, float rate, int channels, int millis) {
        AudioFormat format = Pcm.signed16(rate, channels);
        int frames = Math.round(rate * millis / 1000f);
        byte[] pcm = new byte[frames * format.getFrameSize()];
        int at = 0;
        for (int i = 0; i < frames; i++) {
            int sample = (int) Math.round(Math.sin(2 * Math.PI * 440 * i / rate) * 16_000);
            for (int c = 0; c < channels; c++) {
                pcm[at++] = (byte) sample;
                pcm[at++] = (byte) (sample >> 8);
            }
        }
        return AudioClip.pcm(name, format, pcm);
    }

    static short sample(byte[] pcm, int index) {
        return (short) ((pcm[2 * index] & 0xff) | (pcm[2 * index + 1] << 8));
    }
}
