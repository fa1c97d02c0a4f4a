package org.courtyard.hub.residents;

import com.ibm.icu.text.Transliterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How staff find a person by pinyin: {@link #searchKey} of 张三丰 is {@code zhangsanfeng|zsf}, the
 * full pinyin and the initials, stored beside each name (residents.name_pinyin) so that the hub
 * searches 200,000 people in SQL; {@link #query} turns what staff typed into the same form.
 *
 * <p>The readings are ICU4J's transliterators (already in the hub for the lunar calendar; CLDR's
 * data, kept current with Unicode): {@code Han-Latin/Names} for a name's first character, which
 * reads surnames as surnames (单 shan, 曾 zeng, 解 xie), {@code Han-Latin} for the rest. A
 * transliterator takes about half a millisecond per call, so readings are kept per character: a
 * ledger uses a few thousand distinct characters. Other characters (letters, digits, 阿依·古丽's
 * dot) are kept as they are, lower-cased.
 */
public final class Pinyin {

    private static final String LATIN = "; Latin-ASCII; Lower";
    private static final Transliterator SURNAME = Transliterator.getInstance("Han-Latin/Names" + LATIN);
    private static final Transliterator GIVEN = Transliterator.getInstance("Han-Latin" + LATIN);
    private static final Map<Integer, String> SURNAMES = new ConcurrentHashMap<>();
    private static final Map<Integer, String> GIVENS = new ConcurrentHashMap<>();

    private Pinyin() {
    }

    /** {@code zhangsanfeng|zsf}: the full pinyin without spaces, a bar, the initials. */
    public static String searchKey(String name) {
        StringBuilder full = new StringBuilder();
        StringBuilder initials = new StringBuilder();
        int[] codePoints = name.strip().codePoints().toArray();
        for (int i = 0; i < codePoints.length; i++) {
            int c = codePoints[i];
            if (Character.isWhitespace(c)) {
                continue;
            }
            String reading;
            if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
                reading = i == 0 ? SURNAMES.computeIfAbsent(c, key -> read(SURNAME, key))
                        : GIVENS.computeIfAbsent(c, key -> read(GIVEN, key));
                if (!reading.isEmpty()) {
                    initials.append(reading.charAt(0));
                }
            } else {
                reading = new String(Character.toChars(c)).toLowerCase(Locale.ROOT);
                if (Character.isLetterOrDigit(c)) {
                    initials.append(reading);
                }
            }
            full.append(reading);
        }
        return full + "|" + initials;
    }

    /**
     * What staff typed, as it is compared with {@link #searchKey}: lower-case, without spaces; empty
     * if it holds no Latin letter (then it is searched in the names themselves).
     */
    public static String query(String typed) {
        String compact = typed.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
        return compact.chars().anyMatch(c -> c >= 'a' && c <= 'z') ? compact : "";
    }

    /** One character's reading, letters only ({@code lü} is {@code lu} after Latin-ASCII). */
    private static String read(Transliterator transliterator, int codePoint) {
        String reading;
        // A Transliterator instance is not safe for concurrent use.
        synchronized (transliterator) {
            reading = transliterator.transliterate(new String(Character.toChars(codePoint)));
        }
        return reading.replaceAll("[^a-z]", "");
    }
}
