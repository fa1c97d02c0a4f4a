package org.courtyard.hub.sync;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A kiosk's sync cursor: one slice per {@link SyncPart}, named by the part, saying what the kiosk
 * was last sent of it (a change sequence, a roster version). Kiosks treat it as opaque and send
 * back the last one they applied.
 *
 * <p>Written as {@code name=value} slices joined by dots, in the parts' order:
 * {@code help=41.announcements=7.roster=12}. A slice a part does not find is its
 * {@link SyncPart#start()} (everything is news), so a part added later starts from nothing for
 * every kiosk, and a slice no part claims is dropped. Hubs before named slices wrote
 * {@code "HELP.ANN.ROSTER"} (and before that a lone {@code "HELP"}); those still read, as the
 * slices {@link #LEGACY_SLICES} in that order.
 */
public record SyncCursor(Map<String, Long> slices) {

    /** A kiosk's first contact: no slice, everything is news. */
    public static final SyncCursor START = new SyncCursor(Map.of());

    /**
     * The slices of the positional cursor that hubs wrote before they named them, in position
     * order. Fixed: a part added since has a name of its own and no position.
     */
    public static final List<String> LEGACY_SLICES = List.of("help", "announcements", "roster");

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern VALUE = Pattern.compile("-1|0|[1-9][0-9]{0,18}");

    public SyncCursor {
        slices = Collections.unmodifiableMap(new LinkedHashMap<>(slices));
        for (Map.Entry<String, Long> slice : slices.entrySet()) {
            if (!NAME.matcher(slice.getKey()).matches() || slice.getValue() == null || slice.getValue() < -1) {
                throw new IllegalArgumentException("not a cursor slice: " + slice);
            }
        }
    }

    /** This cursor with {@code part}'s slice set to {@code slice} (added after the others if new). */
    public SyncCursor with(String part, long slice) {
        Map<String, Long> more = new LinkedHashMap<>(slices);
        more.put(part, slice);
        return new SyncCursor(more);
    }

    /** The slice of {@code part}, or {@code otherwise} if this cursor has none. */
    public long slice(String part, long otherwise) {
        return slices.getOrDefault(part, otherwise);
    }

    /**
     * Reads a cursor this hub (or an older one) gave out; null or empty is {@link #START}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static SyncCursor parse(String text) {
        if (text == null || text.isEmpty()) {
            return START;
        }
        String[] parts = text.split("\\.", -1);
        return text.contains("=") ? named(parts, text) : legacy(parts, text);
    }

    private static SyncCursor named(String[] parts, String text) {
        Map<String, Long> slices = new LinkedHashMap<>();
        for (String part : parts) {
            int equals = part.indexOf('=');
            if (equals < 0) {
                throw notACursor(text, null);
            }
            String name = part.substring(0, equals);
            String value = part.substring(equals + 1);
            if (!NAME.matcher(name).matches() || !VALUE.matcher(value).matches()) {
                throw notACursor(text, null);
            }
            try {
                if (slices.put(name, Long.parseLong(value)) != null) {
                    throw notACursor(text, null);
                }
            } catch (NumberFormatException e) {
                throw notACursor(text, e);
            }
        }
        return new SyncCursor(slices);
    }

    /** {@code "HELP"} or {@code "HELP.ANN.ROSTER"}, roster -1 for none, the others not negative. */
    private static SyncCursor legacy(String[] parts, String text) {
        if (parts.length != 1 && parts.length != 3) {
            throw notACursor(text, null);
        }
        Map<String, Long> slices = new LinkedHashMap<>();
        try {
            slices.put(LEGACY_SLICES.get(0), number(parts[0], text));
            if (parts.length == 3) {
                slices.put(LEGACY_SLICES.get(1), number(parts[1], text));
                slices.put(LEGACY_SLICES.get(2), parts[2].equals("-1") ? -1 : number(parts[2], text));
            }
        } catch (NumberFormatException e) {
            throw notACursor(text, e);
        }
        return new SyncCursor(slices);
    }

    private static long number(String part, String text) {
        if (part.isEmpty() || part.startsWith("+") || part.startsWith("-")) {
            throw notACursor(text, null);
        }
        return Long.parseLong(part);
    }

    private static IllegalArgumentException notACursor(String text, Throwable cause) {
        return new IllegalArgumentException("not a cursor: '" + text + "'", cause);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        slices.forEach((name, value) -> out.append(out.isEmpty() ? "" : ".").append(name).append('=').append(value));
        return out.toString();
    }
}
