package org.courtyard.protocol;

/**
 * The one rule for text that people or devices send in: what a field may hold besides its own
 * limits. Refused everywhere: control characters (C0, DEL, C1; in a note a line break {@code \n} is
 * allowed), a lone half of a surrogate pair (not a character at all; it breaks every encoder that
 * meets it), and the invisible characters that reorder how text is displayed (U+202A–U+202E
 * embeddings and overrides, U+2066–U+2069 isolates), with which a name or a note can be made to
 * read differently on the staff page than what is stored.
 *
 * <p>Every input record checks its text fields here: the protocol's event payloads through
 * {@link Require}, the hub's request bodies directly. A refusal is an {@link IllegalArgumentException}
 * that names the field, the character and where it is; read through {@link ProtocolJson} it becomes
 * an {@code invalid_field} with the field's JSON path. Two kinds of field are cleaned instead
 * ({@link #cleaned}): the optional extras of a help request, because a help request must never be
 * refused for them, and diagnostics a device wrote (a UPS's status line, a sound card's error).
 */
public final class Text {

    private Text() {
    }

    /** {@code value} unchanged if it is one clean line (null stays null); else refused, naming {@code field}. */
    public static String line(String value, String field) {
        return checked(value, field, false);
    }

    /** {@code value} unchanged if it is clean text whose lines are broken only by {@code \n}; else refused. */
    public static String note(String value, String field) {
        return checked(value, field, true);
    }

    /** {@code value} without what {@link #line} refuses (a line break becomes a space); null stays null. */
    public static String cleaned(String value) {
        if (value == null || problem(value, false) == null) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                out.append(c).append(value.charAt(++i));
            } else if (c == '\n' || c == '\r' || c == '\t') {
                out.append(' ');
            } else if (!Character.isSurrogate(c) && !Character.isISOControl(c) && !reorders(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String checked(String value, String field, boolean lineBreaks) {
        if (value == null) {
            return null;
        }
        String problem = problem(value, lineBreaks);
        if (problem != null) {
            throw new InvalidFieldException(field, "field '" + field + "' must not contain " + problem);
        }
        return value;
    }

    /** What is wrong with {@code value} in words, or null if nothing. */
    private static String problem(String value, boolean lineBreaks) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "a lone surrogate (" + code(c) + " at position " + i + "): it is not a character";
            } else if (Character.isISOControl(c) && !(lineBreaks && c == '\n')) {
                return "a control character (" + code(c) + " at position " + i + ")"
                        + (lineBreaks ? "; only line breaks (\\n) are allowed" : "");
            } else if (reorders(c)) {
                return "a character that changes the direction of the text (" + code(c) + " at position " + i + ")";
            }
        }
        return null;
    }

    /** The bidirectional embeddings, overrides and isolates; the plain marks (U+200E, U+200F) are harmless. */
    private static boolean reorders(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }

    private static String code(char c) {
        return String.format("U+%04X", (int) c);
    }
}
