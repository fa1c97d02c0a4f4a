package org.courtyard.hub.care;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;

/**
 * Where a page of tasks ended: the last task's due date and id. Written as an opaque token
 * (base64url of {@code DUE|ID}) for {@code cursor=} and the {@code Link: rel="next"} header.
 */
public record TaskCursor(LocalDate dueOn, String id) {

    public String token() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((dueOn + "|" + id)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor of {@code token}, or empty when it is not one this hub made. */
    public static Optional<TaskCursor> parse(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int bar = text.indexOf('|');
            if (bar < 0 || TaskIds.parse(text.substring(bar + 1)).isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new TaskCursor(LocalDate.parse(text.substring(0, bar)), text.substring(bar + 1)));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
