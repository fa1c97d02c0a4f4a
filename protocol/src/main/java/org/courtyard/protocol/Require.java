package org.courtyard.protocol;

import java.util.List;

/**
 * Field checks used by the records' compact constructors; each names the field it rejects and
 * throws an {@link InvalidFieldException}, which is an {@link IllegalArgumentException}.
 */
final class Require {

    private Require() {
    }

    static <T> T present(T value, String field) {
        if (value == null) {
            throw invalid(field, "missing required field '" + field + "'");
        }
        return value;
    }

    static String text(String value, String field) {
        present(value, field);
        if (value.isBlank()) {
            throw invalid(field, "field '" + field + "' must not be blank");
        }
        return shortEnough(value, field);
    }

    static String optionalText(String value, String field) {
        return value == null ? null : shortEnough(value, field);
    }

    /**
     * Input text that must be one clean line ({@link Text#line}): what kiosks send. Answers the hub
     * sends use {@link #text} and {@link #optionalText}, so that a kiosk never refuses a whole sync
     * answer for one odd character stored before this rule.
     */
    static String line(String value, String field) {
        return Text.line(text(value, field), field);
    }

    static String optionalLine(String value, String field) {
        return Text.line(optionalText(value, field), field);
    }

    /** Optional input text whose lines are broken by {@code \n} only ({@link Text#note}). */
    static String optionalNote(String value, String field) {
        return Text.note(optionalText(value, field), field);
    }

    /** An absent list reads as empty; a null element is rejected; the result is unmodifiable. */
    static <T> List<T> list(List<T> value, String field) {
        if (value == null) {
            return List.of();
        }
        for (int i = 0; i < value.size(); i++) {
            if (value.get(i) == null) {
                String element = field + "[" + i + "]";
                throw invalid(element, "field '" + element + "' must not be null");
            }
        }
        return List.copyOf(value);
    }

    static InvalidFieldException invalid(String field, String message) {
        return new InvalidFieldException(field, message);
    }

    private static String shortEnough(String value, String field) {
        if (value.length() > Protocol.MAX_TEXT_CHARS) {
            throw invalid(field, "field '" + field + "' is longer than " + Protocol.MAX_TEXT_CHARS + " characters");
        }
        return value;
    }
}
