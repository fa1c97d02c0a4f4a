package org.courtyard.protocol;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;

/**
 * A policy announcement as kiosks receive it on sync. {@code repeatDaily} holds local times
 * ({@code "08:00"}) at which it plays again each day between {@code startsAt} and {@code endsAt};
 * {@code audio} is null for a text-only announcement; {@code withdrawn} tells kiosks to stop it.
 * {@code revision} grows with every edit so a kiosk can tell a changed announcement from a known one.
 */
public record Announcement(String id, String title, String text, Priority priority, boolean outdoor, Targets targets,
        Instant startsAt, Instant endsAt, @JsonFormat(pattern = "HH:mm") List<LocalTime> repeatDaily, AudioRef audio,
        boolean withdrawn, int revision) {

    public Announcement {
        Require.text(id, "id");
        Require.text(title, "title");
        text = Require.optionalText(text, "text");
        Require.present(priority, "priority");
        Require.present(targets, "targets");
        Require.present(startsAt, "startsAt");
        if (endsAt != null && endsAt.isBefore(startsAt)) {
            throw new IllegalArgumentException("field 'endsAt' is before 'startsAt'");
        }
        repeatDaily = Require.list(repeatDaily, "repeatDaily");
    }
}
