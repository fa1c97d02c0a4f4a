package org.courtyard.hub.residents;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.courtyard.protocol.Text;

/** Field checks shared by the input records: each throws a {@link FieldError} naming its field. */
final class Check {

    /** Digits with an optional leading +, spaces or dashes between: 13812345678, 0871-6512 3456. */
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 \\-]{3,18}[0-9]");

    private Check() {
    }

    static String required(String value, String field, int max) {
        String text = optional(value, field, max);
        if (text == null) {
            throw new FieldError(field, "missing required field '" + field + "'");
        }
        return text;
    }

    /**
     * Trimmed text of one line, or null when absent or blank; at most {@code max} characters and
     * nothing {@link Text#line} refuses.
     */
    static String optional(String value, String field, int max) {
        return clean(trimmed(value, field, max), field, field, false);
    }

    /** Like {@link #optional}, but the text may have several lines ({@link Text#note}). */
    static String note(String value, String field, int max) {
        return clean(trimmed(value, field, max), field, field, true);
    }

    /** {@code text} if {@link Text} lets it in as {@code name}; else a {@link FieldError} on {@code field}. */
    private static String clean(String text, String name, String field, boolean lines) {
        try {
            return lines ? Text.note(text, name) : Text.line(text, name);
        } catch (IllegalArgumentException e) {
            throw new FieldError(field, e.getMessage());
        }
    }

    private static String trimmed(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.length() > max) {
            throw new FieldError(field, "field '" + field + "' must have at most " + max + " characters");
        }
        return text;
    }

    /**
     * A phone number as typed (trimmed), or null. A masked number as lists show it
     * ({@code 138****5678}) is refused, so a list copied back never overwrites the real number.
     */
    static String phone(String value, String field) {
        String text = optional(value, field, 20);
        if (text == null) {
            return null;
        }
        if (text.contains("*")) {
            throw new FieldError(field, "field '" + field + "' is a masked number ('" + text
                    + "'); send the full number, or leave the field out to keep it");
        }
        if (!PHONE.matcher(text).matches()) {
            throw new FieldError(field, "field '" + field + "' must be a phone number of digits (5 to 20 characters,"
                    + " spaces, '-' and a leading '+' allowed), was '" + text + "'");
        }
        return text;
    }

    /** Trimmed, non-blank, without duplicates, in the given order; at most {@code maxItems} of at most {@code maxChars}. */
    static List<String> words(List<String> values, String field, int maxItems, int maxChars) {
        if (values == null) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value == null || value.isBlank()) {
                throw new FieldError(field, "field '" + field + "[" + i + "]' must not be blank");
            }
            String text = value.strip();
            if (text.length() > maxChars) {
                throw new FieldError(field, "field '" + field + "[" + i + "]' must have at most " + maxChars
                        + " characters");
            }
            out.add(clean(text, field + "[" + i + "]", field, false));
        }
        if (out.size() > maxItems) {
            throw new FieldError(field, "field '" + field + "' may hold at most " + maxItems + " entries");
        }
        return List.copyOf(new ArrayList<>(out));
    }
}
