package org.courtyard.hub.care;

import java.time.LocalDate;
import java.util.Optional;

/**
 * What {@code GET /api/v1/care-tasks} asks for: the tasks whose window ({@code opensOn} to {@code
 * dueOn}) meets {@code from}…{@code to}, filtered, nearest due first. The page itself is a
 * {@code PageRequest} beside it.
 */
public record TaskQuery(LocalDate from, LocalDate to, Optional<TaskKind> kind, Optional<TaskStatus> status,
        Optional<String> village, Optional<String> residentId, Optional<String> cadreId) {

    /** The widest range one query may cover. */
    public static final int MAX_DAYS = 366;

    public TaskQuery {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("query parameter 'to' (" + to + ") is before 'from' (" + from + ")");
        }
        if (from.plusDays(MAX_DAYS).isBefore(to)) {
            throw new IllegalArgumentException("query parameter 'to' is more than " + MAX_DAYS
                    + " days after 'from'; page through a year at a time");
        }
    }
}
