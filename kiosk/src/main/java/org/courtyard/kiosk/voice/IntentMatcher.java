package org.courtyard.kiosk.voice;

import java.util.Optional;

/**
 * Maps recognised (or typed) text to an {@link Intent}: the text must contain one of the intent's
 * phrases; when several match, the longest phrase wins (我不舒服 over 不), so "叫医生" is
 * HELP_MEDICAL and not NO. Spaces and punctuation are ignored; Vosk puts spaces between words.
 */
public final class IntentMatcher {

    private final PhraseBook phrases;

    public IntentMatcher(PhraseBook phrases) {
        this.phrases = phrases;
    }

    public Optional<Intent> match(String text) {
        String normalized = normalize(text);
        if (normalized.isEmpty()) {
            return Optional.empty();
        }
        Intent best = null;
        int bestLength = 0;
        for (Intent intent : Intent.values()) {
            for (String phrase : phrases.phrases(intent)) {
                if (phrase.length() > bestLength && normalized.contains(phrase)) {
                    best = intent;
                    bestLength = phrase.length();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** Drops whitespace, punctuation and Vosk's {@code [unk]} marker; lower-cases Latin letters. */
    static String normalize(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("[unk]", "")
                .replaceAll("[\\s\\p{P}\\p{S}]", "")
                .toLowerCase(java.util.Locale.ROOT);
    }
}
