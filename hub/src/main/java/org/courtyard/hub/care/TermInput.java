package org.courtyard.hub.care;

import java.time.LocalDate;

/** The body of {@code POST} and {@code PUT /api/v1/care-terms}: a school term as the township sets it. */
public record TermInput(String name, LocalDate startsOn, LocalDate endsOn) {

    public TermInput {
        if (name == null || name.isBlank() || name.strip().length() > 50) {
            throw new IllegalArgumentException("field 'name' must have 1 to 50 characters, e.g. 2027年春季学期");
        }
        name = name.strip();
        if (startsOn == null) {
            throw new IllegalArgumentException("missing required field 'startsOn' (YYYY-MM-DD)");
        }
        if (endsOn == null) {
            throw new IllegalArgumentException("missing required field 'endsOn' (YYYY-MM-DD)");
        }
        if (!endsOn.isAfter(startsOn)) {
            throw new IllegalArgumentException("field 'endsOn' (" + endsOn + ") must be after 'startsOn' (" + startsOn
                    + ")");
        }
        if (endsOn.isAfter(startsOn.plusYears(1))) {
            throw new IllegalArgumentException("field 'endsOn' must be within a year of 'startsOn'");
        }
    }
}
