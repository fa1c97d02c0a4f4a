package org.courtyard.protocol;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;

/**
 * A policy announcement as kiosks receive it on sync. {@code repeatDaily} holds local times
 * ({@code "08:00"}) at which it plays again each day between {@code startsAt} and {@code endsAt};
 * {@code audio} is null for a text-only announcement; {@code withdrawn} tells kiosks to stop it.
 * {@code revision} grows with every edit so a kiosk can tell a changed announcement from a known one.
 * Times in {@code repeatDaily} are whole minutes: a time with seconds would not survive the
 * {@code "HH:mm"} wire form, so it is rejected rather than silently truncated.
 */
public record Announcement(String id, String title, String text, Priority priority,
        @JsonProperty(required = true) boolean outdoor, Targets targets, Instant startsAt, Instant endsAt,
        @JsonFormat(pattern = "HH:mm") List<LocalTime> repeatDaily, AudioRef audio,
        @JsonProperty(required = true) boolean withdrawn, @JsonProperty(required = true) int revision) {

    public Announcement {
        Require.text(id, "id");
        Require.text(title, "title");
        text = Require.optionalText(text, "text");
        Require.present(priority, "priority");
        Require.present(targets, "targets");
        Require.present(startsAt, "startsAt");
        if (endsAt != null && endsAt.isBefore(startsAt)) {
            throw Require.invalid("endsAt", "field 'endsAt' is before 'startsAt'");
        }
        repeatDaily = Require.list(repeatDaily, "repeatDaily");
        for (int i = 0; i < repeatDaily.size(); i++) {
            LocalTime time = repeatDaily.get(i);
            if (time.getSecond() != 0 || time.getNano() != 0) {
                String field = "repeatDaily[" + i + "]";
                throw Require.invalid(field, "field '" + field + "' must be a whole minute (HH:mm), was " + time);
            }
        }
    }
}
