package org.courtyard.hub.store.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hub's schema before each feature numbered its own steps: one list, recorded in
 * {@code schema_version} as 1 to {@value #NEWEST}. Each of those steps is now one or more steps of
 * the features that own its tables, with the same statements; this says which, so that a database
 * made then is carried over without running anything again. Fixed for ever: nothing is added here.
 */
public final class LegacySchema {

    /** The last number of the old list. */
    public static final int NEWEST = 6;

    /**
     * Written into {@code schema_version} once the steps are per feature: a hub of the old list
     * finds a version it does not know and refuses with "run a newer hub", instead of trying to
     * create its tables again.
     */
    public static final int GUARD = NEWEST + 1;

    /** One old step, as the feature steps it became ({@code feature -> version}). */
    private static final Map<Integer, Map<String, Integer>> STEPS = Map.of(
            1, ordered("auth", 1, "kiosk", 1, "sync", 1, "help", 1, "notify", 1),
            2, ordered("announce", 1),
            3, ordered("help", 2),
            4, ordered("residents", 1, "checkin", 1),
            5, ordered("audit", 1),
            6, ordered("kiosk", 2));

    private LegacySchema() {
    }

    /**
     * The newest step of each feature that a database of old version {@code version} holds.
     *
     * @throws IllegalArgumentException for a version the old list never had
     */
    public static Map<String, Integer> at(int version) {
        if (version < 0 || version > NEWEST) {
            throw new IllegalArgumentException("the old schema went up to version " + NEWEST + ", not " + version);
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int step = 1; step <= version; step++) {
            out.putAll(STEPS.get(step));
        }
        return out;
    }

    /** Every feature step that old step {@code version} became, in order. */
    static List<Map.Entry<String, Integer>> became(int version) {
        return List.copyOf(STEPS.get(version).entrySet());
    }

    private static Map<String, Integer> ordered(Object... featureThenVersion) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int i = 0; i < featureThenVersion.length; i += 2) {
            out.put((String) featureThenVersion[i], (Integer) featureThenVersion[i + 1]);
        }
        return out;
    }
}
