package org.courtyard.hub.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;

/**
 * Where a page of a list ended: the sort values of its last item (a keyset position, never an
 * offset, so rows added or removed meanwhile neither repeat nor skip the rest). Clients see only
 * {@link #token()}, an opaque base64url string they send back as {@code cursor=}; the list that
 * made it reads the values back with {@link #text} and {@link #number}.
 */
public record Cursor(List<String> values) {

    public Cursor {
        values = List.copyOf(values);
    }

    /** The cursor of an item whose sort values are {@code values} (strings or numbers), in order. */
    public static Cursor of(Object... values) {
        List<String> texts = new ArrayList<>(values.length);
        for (Object value : values) {
            texts.add(String.valueOf(value));
        }
        return new Cursor(texts);
    }

    /** Each value as {@code LENGTH:VALUE}, so that a value may hold any character; then base64url. */
    public String token() {
        StringBuilder text = new StringBuilder();
        for (String value : values) {
            text.append(value.length()).append(':').append(value);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The cursor {@code token} stands for, which must carry {@code size} values.
     *
     * @throws Refusal INVALID naming {@code cursor} for a token this hub did not make for this list
     */
    public static Cursor parse(String token, int size) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            List<String> values = new ArrayList<>();
            int at = 0;
            while (at < text.length()) {
                int colon = text.indexOf(':', at);
                int length = Integer.parseInt(text.substring(at, colon));
                values.add(text.substring(colon + 1, colon + 1 + length));
                at = colon + 1 + length;
            }
            if (values.size() == size) {
                return new Cursor(values);
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            // answered below
        }
        throw Refusal.invalidField("cursor", "query parameter 'cursor' is not one this hub made for this list;"
                + " take it from the Link header of the previous page");
    }

    /** The value at {@code index} as text. */
    public String text(int index) {
        return values.get(index);
    }

    /**
     * The value at {@code index} as a whole number.
     *
     * @throws Refusal INVALID naming {@code cursor} if it is not one (a token made for another list)
     */
    public long number(int index) {
        try {
            return Long.parseLong(values.get(index));
        } catch (NumberFormatException e) {
            throw foreign(e);
        }
    }

    /**
     * The value at {@code index} as a date ({@code 2026-12-07}).
     *
     * @throws Refusal INVALID naming {@code cursor} if it is not one (a token made for another list)
     */
    public LocalDate date(int index) {
        try {
            return LocalDate.parse(values.get(index));
        } catch (DateTimeParseException e) {
            throw foreign(e);
        }
    }

    private static Refusal foreign(RuntimeException cause) {
        return Refusal.invalidField("cursor", "query parameter 'cursor' is not one this hub made for this list;"
                + " take it from the Link header of the previous page", cause);
    }
}
