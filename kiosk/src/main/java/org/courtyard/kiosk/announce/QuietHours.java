package org.courtyard.kiosk.announce;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;

/**
 * The hours of the night in which routine (NORMAL) announcements are not broadcast outdoors, as
 * local times at the kiosk; {@code start} after {@code end} spans midnight (21:30-07:00). Equal
 * times mean no quiet hours.
 */
public record QuietHours(LocalTime start, LocalTime end) {

    /** {@code announce.quiet-hours} by default. */
    public static final QuietHours DEFAULT = new QuietHours(LocalTime.of(21, 30), LocalTime.of(7, 0));

    /** No quiet hours at all. */
    public static final QuietHours NONE = new QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

    public QuietHours {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    /**
     * Reads {@code HH:mm-HH:mm}, or {@code none}.
     *
     * @throws IllegalArgumentException naming {@code announce.quiet-hours}
     */
    public static QuietHours parse(String text) {
        String value = text.trim();
        if (value.toLowerCase(Locale.ROOT).equals("none")) {
            return NONE;
        }
        String[] parts = value.split("-");
        if (parts.length != 2) {
            throw new IllegalArgumentException("announce.quiet-hours must be HH:mm-HH:mm (like 21:30-07:00) or none,"
                    + " was '" + text + "'");
        }
        try {
            return new QuietHours(LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("announce.quiet-hours must be HH:mm-HH:mm (like 21:30-07:00) or none,"
                    + " was '" + text + "'", e);
        }
    }

    /** Whether {@code time} lies in the quiet hours (the start counts, the end does not). */
    public boolean contains(LocalTime time) {
        if (start.equals(end)) {
            return false;
        }
        if (start.isBefore(end)) {
            return !time.isBefore(start) && time.isBefore(end);
        }
        return !time.isBefore(start) || time.isBefore(end);
    }

    @Override
    public String toString() {
        return start.equals(end) ? "none" : start + "-" + end;
    }
}
