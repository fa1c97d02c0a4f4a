package org.courtyard.kiosk.voice;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The words a Vosk model can recognise, from its Kaldi symbol table: {@code graph/words.txt} in
 * the current model layout ({@code am/}, {@code conf/}, {@code graph/}), {@code words.txt} at the
 * top in the old one. Each line is {@code WORD ID}; for the small Chinese model a word is one or
 * more Chinese characters ({@code 救命 43121}, {@code 救 43118}). Kaldi's own symbols
 * ({@code <eps>}, {@code #0}, {@code <s>}, {@code !SIL}, {@code [unk]}) are not words an elder says
 * and are left out.
 *
 * <p>A Vosk grammar names whole words separated by spaces; a word missing from this table is
 * dropped by Vosk with only a log line, which would silently change the phrase. So every phrase
 * is {@linkplain #segment segmented} into words of this table before it goes into a grammar.
 */
public final class Vocabulary {

    private final Set<String> words;
    private final int longest;

    private Vocabulary(Set<String> words) {
        this.words = Set.copyOf(words);
        this.longest = words.stream().mapToInt(String::length).max().orElse(0);
    }

    /** A vocabulary of exactly {@code words}. */
    public static Vocabulary of(Collection<String> words) {
        Set<String> kept = new HashSet<>();
        for (String word : words) {
            if (word != null && isWord(word.strip())) {
                kept.add(word.strip());
            }
        }
        return new Vocabulary(kept);
    }

    /** The symbol table of the model in {@code modelDir}, if the model has one. */
    public static Optional<Path> wordsFile(Path modelDir) {
        for (Path candidate : List.of(modelDir.resolve("graph").resolve("words.txt"), modelDir.resolve("words.txt"))) {
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Reads a Kaldi symbol table ({@code WORD ID} per line, UTF-8).
     *
     * @throws IOException naming the file and line when it cannot be read or a line is not
     *     {@code WORD ID}
     */
    public static Vocabulary read(Path wordsFile) throws IOException {
        Set<String> words = new HashSet<>();
        try (BufferedReader reader = Files.newBufferedReader(wordsFile, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                String trimmed = line.strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                String[] parts = trimmed.split("\\s+");
                if (parts.length != 2 || !parts[1].chars().allMatch(Character::isDigit)) {
                    throw new IOException(wordsFile + " line " + number + " is not 'WORD ID': '" + trimmed + "'");
                }
                if (isWord(parts[0])) {
                    words.add(parts[0]);
                }
            }
        }
        return new Vocabulary(words);
    }

    private static boolean isWord(String symbol) {
        return !symbol.isEmpty() && !symbol.startsWith("<") && !symbol.startsWith("#") && !symbol.startsWith("!")
                && !symbol.equals("[unk]");
    }

    public boolean contains(String word) {
        return words.contains(word);
    }

    public int size() {
        return words.size();
    }

    /**
     * Splits {@code phrase} (normalised: no spaces or punctuation, see {@link IntentMatcher}) into
     * words of this vocabulary, greedily taking the longest word that starts at each position. A
     * character that starts no word at all is reported in {@link Segmentation#unknown()} and the
     * segmentation goes on after it, so that every unknown character is named at once.
     */
    public Segmentation segment(String phrase) {
        List<String> found = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        int at = 0;
        while (at < phrase.length()) {
            int end = Math.min(phrase.length(), at + longest);
            String match = null;
            for (; end > at; end--) {
                String candidate = phrase.substring(at, end);
                if (words.contains(candidate)) {
                    match = candidate;
                    break;
                }
            }
            if (match == null) {
                int step = Character.charCount(phrase.codePointAt(at));
                unknown.add(phrase.substring(at, at + step));
                at += step;
            } else {
                found.add(match);
                at += match.length();
            }
        }
        return new Segmentation(List.copyOf(found), List.copyOf(unknown));
    }

    /** A phrase split into known words, and the characters that begin no known word. */
    public record Segmentation(List<String> words, List<String> unknown) {

        public boolean complete() {
            return unknown.isEmpty();
        }

        /** The words joined by spaces, as a Vosk grammar wants them. */
        public String grammarPhrase() {
            return String.join(" ", words);
        }
    }
}
