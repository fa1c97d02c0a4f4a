package org.courtyard.kiosk.voice;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The voice tuning keys of the kiosk's config file ({@code voice.*}, see docs/voice.md); every
 * problem is an {@link IllegalArgumentException} naming the key.
 *
 * @param alwaysOn listen all the time, but only for {@code distressPhrases} (off by default: a
 *     microphone that is always open needs the village's consent)
 * @param distressPhrases what always-on listening reacts to; each must be a HELP phrase
 * @param minConfidence results below this mean word confidence are ignored, 0–1
 * @param endSilence push-to-talk ends this long after the speech stops
 * @param maxListen push-to-talk ends this long after it started, speech or not
 * @param speechLevelDb the quietest sound counted as speech, in dB of full scale; the detector
 *     also adapts to the room's noise
 * @param memoAfterHelp offer a voice memo after every new help request
 * @param memoMax the longest voice memo
 * @param memoEndSilence a memo ends this long after the speaker stops
 * @param keepAudio keep the audio of each recognition beside its log entry (for tuning dialect)
 * @param logMax how many recognitions the log keeps
 */
public record VoiceSettings(boolean alwaysOn, List<String> distressPhrases, double minConfidence,
        Duration endSilence, Duration maxListen, double speechLevelDb, boolean memoAfterHelp, Duration memoMax,
        Duration memoEndSilence, boolean keepAudio, int logMax) {

    public VoiceSettings {
        distressPhrases = List.copyOf(distressPhrases);
        if (minConfidence < 0 || minConfidence > 1) {
            throw new IllegalArgumentException("voice.min-confidence must be from 0 to 1, was " + minConfidence);
        }
        if (endSilence.toMillis() < 200 || endSilence.compareTo(maxListen) >= 0) {
            throw new IllegalArgumentException("voice.end-silence-ms must be at least 200 and shorter than "
                    + "voice.max-listen-seconds, was " + endSilence.toMillis() + " ms");
        }
        if (maxListen.toSeconds() < 1 || maxListen.toSeconds() > 60) {
            throw new IllegalArgumentException("voice.max-listen-seconds must be from 1 to 60, was "
                    + maxListen.toSeconds());
        }
        if (speechLevelDb > 0 || speechLevelDb < -90) {
            throw new IllegalArgumentException("voice.speech-level-db must be from -90 to 0, was " + speechLevelDb);
        }
        if (memoMax.toSeconds() < 1 || memoMax.toSeconds() > 120) {
            throw new IllegalArgumentException("voice.memo.max-seconds must be from 1 to 120, was "
                    + memoMax.toSeconds());
        }
        if (memoEndSilence.toMillis() < 200) {
            throw new IllegalArgumentException("voice.memo.end-silence-ms must be at least 200, was "
                    + memoEndSilence.toMillis());
        }
        if (logMax < 10) {
            throw new IllegalArgumentException("voice.log.max-entries must be at least 10, was " + logMax);
        }
    }

    /** The documented defaults. */
    public static VoiceSettings defaults() {
        return new VoiceSettings(false, List.of("救命", "来人啊"), 0.6, Duration.ofMillis(1_200), Duration.ofSeconds(8),
                -45, true, Duration.ofSeconds(30), Duration.ofMillis(3_000), false, 1_000);
    }

    /**
     * A home unit's defaults: as {@link #defaults()}, but always listening for 救命 and 帮帮我. The
     * unit is in one resident's home and installed with their consent, and someone who has fallen
     * may reach no button; the false-alarm guard is the same (only those phrases, confidence, never
     * while the unit itself speaks).
     */
    public static VoiceSettings homeDefaults() {
        VoiceSettings d = defaults();
        return new VoiceSettings(true, List.of("救命", "帮帮我"), d.minConfidence(), d.endSilence(), d.maxListen(),
                d.speechLevelDb(), d.memoAfterHelp(), d.memoMax(), d.memoEndSilence(), d.keepAudio(), d.logMax());
    }

    /** The settings from config keys {@code voice.*} in {@code values}; other keys are ignored. */
    public static VoiceSettings from(Map<String, String> values) {
        return from(values, defaults());
    }

    /** As {@link #from(Map)}, with {@code d} for the keys not given (a profile's defaults). */
    public static VoiceSettings from(Map<String, String> values, VoiceSettings d) {
        List<String> distress = values.containsKey("voice.always-on.phrases")
                ? Arrays.stream(values.get("voice.always-on.phrases").split("[,，]")).map(String::strip)
                        .filter(phrase -> !phrase.isEmpty()).toList()
                : d.distressPhrases();
        if (distress.isEmpty()) {
            throw new IllegalArgumentException("voice.always-on.phrases must name at least one phrase");
        }
        return new VoiceSettings(
                bool(values, "voice.always-on", d.alwaysOn()),
                distress,
                decimal(values, "voice.min-confidence", d.minConfidence()),
                Duration.ofMillis(whole(values, "voice.end-silence-ms", d.endSilence().toMillis())),
                Duration.ofSeconds(whole(values, "voice.max-listen-seconds", d.maxListen().toSeconds())),
                decimal(values, "voice.speech-level-db", d.speechLevelDb()),
                bool(values, "voice.memo.after-help", d.memoAfterHelp()),
                Duration.ofSeconds(whole(values, "voice.memo.max-seconds", d.memoMax().toSeconds())),
                Duration.ofMillis(whole(values, "voice.memo.end-silence-ms", d.memoEndSilence().toMillis())),
                bool(values, "voice.log.keep-audio", d.keepAudio()),
                (int) whole(values, "voice.log.max-entries", d.logMax()));
    }

    private static boolean bool(Map<String, String> values, String key, boolean fallback) {
        String value = values.get(key);
        if (value == null) {
            return fallback;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, was '" + value + "'");
        };
    }

    private static long whole(Map<String, String> values, String key, long fallback) {
        String value = values.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + value + "'", e);
        }
    }

    private static double decimal(Map<String, String> values, String key, double fallback) {
        String value = values.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, was '" + value + "'", e);
        }
    }
}
