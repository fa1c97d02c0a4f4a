package org.courtyard.kiosk.voice;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The spoken phrases for each {@link Intent}: the built-in {@code voice/phrases.properties}, plus
 * an optional deployment file with local dialect phrases that extends it without a rebuild. Each
 * line is {@code INTENT=phrase,phrase,...} in UTF-8.
 */
public final class PhraseBook {

    private static final String BUILT_IN = "/org/courtyard/kiosk/voice/phrases.properties";

    private final Map<Intent, List<String>> phrases;

    private PhraseBook(Map<Intent, List<String>> phrases) {
        this.phrases = phrases;
    }

    /** The built-in phrases only. */
    public static PhraseBook builtIn() {
        return load(null);
    }

    /** The built-in phrases extended by {@code extraFile} when it is not null. */
    public static PhraseBook load(Path extraFile) {
        Map<Intent, Set<String>> merged = new EnumMap<>(Intent.class);
        for (Intent intent : Intent.values()) {
            merged.put(intent, new LinkedHashSet<>());
        }
        try (InputStream in = PhraseBook.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("built-in phrase file " + BUILT_IN + " is missing from the jar");
            }
            addAll(merged, read(new InputStreamReader(in, StandardCharsets.UTF_8)), BUILT_IN);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + BUILT_IN + ": " + e.getMessage(), e);
        }
        if (extraFile != null) {
            try (Reader reader = Files.newBufferedReader(extraFile, StandardCharsets.UTF_8)) {
                addAll(merged, read(reader), extraFile.toString());
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read phrase file " + extraFile + ": " + e.getMessage(), e);
            }
        }
        Map<Intent, List<String>> frozen = new EnumMap<>(Intent.class);
        merged.forEach((intent, set) -> frozen.put(intent, List.copyOf(set)));
        return new PhraseBook(Collections.unmodifiableMap(frozen));
    }

    private static Properties read(Reader reader) throws IOException {
        Properties properties = new Properties();
        properties.load(reader);
        return properties;
    }

    private static void addAll(Map<Intent, Set<String>> merged, Properties properties, String source) {
        for (String key : properties.stringPropertyNames()) {
            Intent intent;
            try {
                intent = Intent.valueOf(key.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("phrase file " + source + " names unknown intent '" + key
                        + "'; known: " + java.util.Arrays.toString(Intent.values()), e);
            }
            for (String phrase : properties.getProperty(key).split("[,，]")) {
                String normalized = IntentMatcher.normalize(phrase);
                if (!normalized.isEmpty()) {
                    merged.get(intent).add(normalized);
                }
            }
        }
    }

    public List<String> phrases(Intent intent) {
        return phrases.get(intent);
    }

    /** Every phrase of every intent, for building the recognizer's grammar. */
    public List<String> allPhrases() {
        List<String> all = new ArrayList<>();
        phrases.values().forEach(all::addAll);
        return all;
    }
}
