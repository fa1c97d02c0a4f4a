package org.courtyard.kiosk.voice.internal;

import java.time.Duration;

/**
 * Energy-based end-of-speech detection for push-to-talk and memos, fed the same 16-bit mono PCM
 * chunks as the recognizer. A chunk counts as speech when its RMS level is above both
 * {@code speechLevelDb} and the room's noise floor plus {@value #ABOVE_NOISE_DB} dB; speech starts
 * after {@value #ONSET_MILLIS} ms of it (a knock on the table is not speech), and ends after
 * {@code endSilence} without it. The noise floor starts at the first chunk and follows the quiet
 * chunks, so a noisy courtyard needs a louder voice but does not hold the microphone open forever.
 *
 * <p>Time is counted in audio, not on the clock: a test that feeds 3 s of audio at once sees the
 * same decisions as a microphone that takes 3 s to deliver it.
 */
public final class EndOfSpeech {

    static final double ABOVE_NOISE_DB = 10;
    static final int ONSET_MILLIS = 150;
    private static final int BYTES_PER_MILLI = 32;

    /** What to do after a chunk. */
    public enum Decision {
        /** Keep listening. */
        CONTINUE,
        /** The speaker spoke and then was silent for {@code endSilence}. */
        END_OF_SPEECH,
        /** {@code maxLength} of audio passed with no speech at all. */
        NO_SPEECH,
        /** {@code maxLength} of audio passed while speech was still going on. */
        MAX_LENGTH
    }

    private final double speechLevelDb;
    private final long endSilenceMillis;
    private final long maxMillis;
    private double noiseFloorDb = Double.NaN;
    private long heardMillis;
    private long speechRunMillis;
    private long silenceMillis;
    private boolean speechStarted;
    private long speechEndMillis = -1;

    public EndOfSpeech(double speechLevelDb, Duration endSilence, Duration maxLength) {
        this.speechLevelDb = speechLevelDb;
        this.endSilenceMillis = endSilence.toMillis();
        this.maxMillis = maxLength.toMillis();
    }

    /** Takes the next chunk of 16 kHz 16-bit mono PCM. */
    public Decision add(byte[] pcm, int length) {
        long millis = length / BYTES_PER_MILLI;
        heardMillis += millis;
        double level = levelDb(pcm, length);
        if (Double.isNaN(noiseFloorDb)) {
            noiseFloorDb = level;
        }
        boolean speech = level >= speechLevelDb && level >= noiseFloorDb + ABOVE_NOISE_DB;
        if (speech) {
            speechRunMillis += millis;
            silenceMillis = 0;
            if (speechRunMillis >= ONSET_MILLIS) {
                speechStarted = true;
            }
        } else {
            speechRunMillis = 0;
            silenceMillis += millis;
            // Follow the room: quickly down, slowly up.
            noiseFloorDb = level < noiseFloorDb ? level : noiseFloorDb * 0.9 + level * 0.1;
            if (speechStarted && silenceMillis >= endSilenceMillis) {
                speechEndMillis = heardMillis - silenceMillis;
                return Decision.END_OF_SPEECH;
            }
        }
        if (heardMillis >= maxMillis) {
            return speechStarted ? Decision.MAX_LENGTH : Decision.NO_SPEECH;
        }
        return Decision.CONTINUE;
    }

    /** Whether speech has started. */
    public boolean speechStarted() {
        return speechStarted;
    }

    /** Milliseconds of audio taken so far. */
    public long heardMillis() {
        return heardMillis;
    }

    /** Where in the audio the speech ended, in ms from the start; -1 before {@link Decision#END_OF_SPEECH}. */
    public long speechEndMillis() {
        return speechEndMillis;
    }

    /** RMS level of 16-bit little-endian mono PCM in dB of full scale; -120 for digital silence. */
    public static double levelDb(byte[] pcm, int length) {
        int samples = length / 2;
        if (samples == 0) {
            return -120;
        }
        double sum = 0;
        for (int i = 0; i < samples; i++) {
            int sample = (short) ((pcm[2 * i] & 0xff) | (pcm[2 * i + 1] << 8));
            sum += (double) sample * sample;
        }
        double rms = Math.sqrt(sum / samples) / 32768.0;
        return rms <= 1e-6 ? -120 : 20 * Math.log10(rms);
    }
}
