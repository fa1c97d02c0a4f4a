package org.courtyard.kiosk.voice;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.courtyard.hardware.AudioClip;
import org.courtyard.hardware.Microphone;
import org.courtyard.hardware.Wav;

/**
 * Real audio for voice tests, in the microphone's format: Mandarin spoken by espeak-ng when it is
 * installed (apt-get install espeak-ng), else a voiced tone burst of the same length; and room
 * silence (a faint noise, as a real microphone gives, not digital zeros).
 */
public final class TestAudio {

    private static final Random NOISE = new Random(7);

    private TestAudio() {
    }

    /** Whether espeak-ng can be run. */
    public static boolean espeak() {
        try {
            Process process = new ProcessBuilder("espeak-ng", "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code text} spoken in Mandarin by espeak-ng ({@code -v cmn}); fails if espeak-ng cannot run. */
    public static AudioClip mandarin(String text) {
        try {
            Path file = Files.createTempFile("espeak-", ".wav");
            try {
                Process process = new ProcessBuilder("espeak-ng", "-v", "cmn", "-s", "140", "-w", file.toString(), text)
                        .redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes());
                if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new IllegalStateException("espeak-ng failed for '" + text + "': " + output);
                }
                return trim(Wav.convert(Wav.read(file), Microphone.FORMAT.getSampleRate(),
                        Microphone.FORMAT.getChannels()));
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run espeak-ng: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running espeak-ng", e);
        }
    }

    /** Cuts the quiet that espeak-ng puts before and after the words, so a clip is all speech. */
    static AudioClip trim(AudioClip clip) {
        byte[] pcm = clip.pcm();
        int samples = pcm.length / 2;
        int first = 0;
        while (first < samples && Math.abs(sample(pcm, first)) < 300) {
            first++;
        }
        int last = samples - 1;
        while (last > first && Math.abs(sample(pcm, last)) < 300) {
            last--;
        }
        return AudioClip.pcm(clip.name(), clip.format(), java.util.Arrays.copyOfRange(pcm, 2 * first, 2 * (last + 1)));
    }

    private static int sample(byte[] pcm, int index) {
        return (short) ((pcm[2 * index] & 0xff) | (pcm[2 * index + 1] << 8));
    }

    /** {@code text} spoken by espeak-ng if it is installed, else a voiced burst of about the same length. */
    public static AudioClip speech(String text) {
        return espeak() ? mandarin(text) : burst(350 * Math.max(1, text.length()));
    }

    /** A voiced sound: 180 Hz with harmonics, at a speaking level, rising and falling. */
    public static AudioClip burst(int millis) {
        int samples = millis * 16;
        byte[] pcm = new byte[samples * 2];
        for (int i = 0; i < samples; i++) {
            double t = i / 16_000.0;
            double envelope = Math.sin(Math.PI * i / samples);
            double voice = Math.sin(2 * Math.PI * 180 * t) + 0.5 * Math.sin(2 * Math.PI * 360 * t)
                    + 0.25 * Math.sin(2 * Math.PI * 720 * t);
            put(pcm, i, (int) (voice * envelope * 9_000));
        }
        return AudioClip.pcm("burst", Microphone.FORMAT, pcm);
    }

    /** A quiet room: noise at about -66 dB of full scale. */
    public static AudioClip silence(int millis) {
        int samples = millis * 16;
        byte[] pcm = new byte[samples * 2];
        for (int i = 0; i < samples; i++) {
            put(pcm, i, (int) (NOISE.nextGaussian() * 16));
        }
        return AudioClip.pcm("silence", Microphone.FORMAT, pcm);
    }

    /** What a person says after pressing the button: a short pause, the words, then a long silence. */
    public static AudioClip utterance(String text) {
        return join(silence(300), speech(text), silence(4_000));
    }

    public static AudioClip join(AudioClip... clips) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (AudioClip clip : clips) {
            out.writeBytes(clip.pcm());
        }
        return AudioClip.pcm("joined", Microphone.FORMAT, out.toByteArray());
    }

    private static void put(byte[] pcm, int index, int sample) {
        int clipped = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sample));
        pcm[2 * index] = (byte) clipped;
        pcm[2 * index + 1] = (byte) (clipped >> 8);
    }
}
