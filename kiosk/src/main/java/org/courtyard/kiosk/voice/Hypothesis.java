package org.courtyard.kiosk.voice;

/**
 * What a recognizer heard: the words separated by spaces as Vosk writes them ({@code "我 不 舒服"}),
 * possibly {@code "[unk]"} or empty, and the mean confidence of the words from 0 to 1 (0 when
 * nothing was heard).
 */
public record Hypothesis(String text, double confidence) {

    public static final Hypothesis NOTHING = new Hypothesis("", 0);

    public Hypothesis {
        text = text == null ? "" : text.strip();
        if (Double.isNaN(confidence) || confidence < 0 || confidence > 1) {
            throw new IllegalArgumentException("confidence must be from 0 to 1, was " + confidence);
        }
    }

    /** True when nothing but silence or {@code [unk]} was heard. */
    public boolean unknown() {
        return IntentMatcher.normalize(text).isEmpty();
    }
}
