package org.courtyard.protocol;

import java.util.List;

/** Field checks used by the records' compact constructors; each names the field it rejects. */
final class Require {

    private Require() {
    }

    static <T> T present(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("missing required field '" + field + "'");
        }
        return value;
    }

    static String text(String value, String field) {
        present(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException("field '" + field + "' must not be blank");
        }
        return shortEnough(value, field);
    }

    static String optionalText(String value, String field) {
        return value == null ? null : shortEnough(value, field);
    }

    static <T> List<T> list(List<T> value, String field) {
        if (value == null) {
            return List.of();
        }
        for (int i = 0; i < value.size(); i++) {
            if (value.get(i) == null) {
                throw new IllegalArgumentException("field '" + field + "[" + i + "]' must not be null");
            }
        }
        return List.copyOf(value);
    }

    private static String shortEnough(String value, String field) {
        if (value.length() > Protocol.MAX_TEXT_CHARS) {
            throw new IllegalArgumentException("field '" + field + "' is longer than "
                    + Protocol.MAX_TEXT_CHARS + " characters");
        }
        return value;
    }
}
