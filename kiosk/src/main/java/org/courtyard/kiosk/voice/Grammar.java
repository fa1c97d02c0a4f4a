package org.courtyard.kiosk.voice;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A closed Vosk grammar: the command phrases, each split into the model's words, plus
 * {@code [unk]} so that chatter is recognised as "unknown" instead of being forced onto the
 * nearest command. Phrases with a character the model does not know are left out of the grammar
 * and listed in {@link #outOfVocabulary()}, for the log and the kiosk's status line: they are never
 * dropped silently.
 *
 * @param phrases the grammar's phrases, words separated by spaces, without {@code [unk]}
 * @param outOfVocabulary the phrases that could not go in, with the characters that stopped them
 * @param checked whether the phrases were checked against the model's words (false when the
 *     model has no {@code words.txt}; the phrases then go in unsplit and Vosk decides)
 */
public record Grammar(List<String> phrases, List<OutOfVocabulary> outOfVocabulary, boolean checked) {

    /** Vosk's word for "something else". */
    public static final String UNKNOWN = "[unk]";

    public Grammar {
        phrases = List.copyOf(phrases);
        outOfVocabulary = List.copyOf(outOfVocabulary);
    }

    /** A phrase of {@code intent} that the model cannot recognise, and why. */
    public record OutOfVocabulary(Intent intent, String phrase, List<String> missing) {

        public OutOfVocabulary {
            missing = List.copyOf(missing);
        }

        @Override
        public String toString() {
            return intent + " " + phrase + " (" + String.join("", missing) + ")";
        }
    }

    /**
     * The grammar for the phrases of {@code intents} in {@code book}, segmented against
     * {@code vocabulary} (null: not checked, see {@link #checked()}).
     */
    public static Grammar build(PhraseBook book, Collection<Intent> intents, Vocabulary vocabulary) {
        Set<String> phrases = new LinkedHashSet<>();
        List<OutOfVocabulary> missing = new ArrayList<>();
        for (Intent intent : intents) {
            for (String phrase : book.phrases(intent)) {
                if (vocabulary == null) {
                    phrases.add(phrase);
                    continue;
                }
                Vocabulary.Segmentation segmentation = vocabulary.segment(phrase);
                if (segmentation.complete()) {
                    phrases.add(segmentation.grammarPhrase());
                } else {
                    missing.add(new OutOfVocabulary(intent, phrase, segmentation.unknown()));
                }
            }
        }
        return new Grammar(List.copyOf(phrases), missing, vocabulary != null);
    }

    /** Only the phrases among {@code wanted} (normalised like the phrase book's), for always-on listening. */
    public Grammar restrictedTo(Collection<String> wanted) {
        Set<String> keep = wanted.stream().map(IntentMatcher::normalize).collect(Collectors.toSet());
        List<String> kept = phrases.stream().filter(phrase -> keep.contains(IntentMatcher.normalize(phrase))).toList();
        return new Grammar(kept, outOfVocabulary.stream()
                .filter(oov -> keep.contains(oov.phrase())).toList(), checked);
    }

    /** The grammar as Vosk takes it: a JSON array of phrases, ending with {@code "[unk]"}. */
    public String json() {
        StringBuilder json = new StringBuilder("[");
        for (String phrase : phrases) {
            json.append('"').append(escape(phrase)).append("\", ");
        }
        return json.append('"').append(UNKNOWN).append("\"]").toString();
    }

    /**
     * One sentence about what did not fit, for the log and the status line, or empty when every
     * phrase is in the model's vocabulary.
     */
    public String problems() {
        if (outOfVocabulary.isEmpty()) {
            return "";
        }
        return outOfVocabulary.size() + (outOfVocabulary.size() == 1 ? " phrase" : " phrases")
                + " not in the model's vocabulary, not recognised: " + outOfVocabulary.stream()
                        .map(OutOfVocabulary::toString).collect(Collectors.joining(", "));
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
