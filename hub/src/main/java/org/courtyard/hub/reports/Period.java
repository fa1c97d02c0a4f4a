package org.courtyard.hub.reports;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.courtyard.hub.core.Refusal;

/** The days a report covers, {@code from} to {@code to} inclusive, in the hub's time zone. */
public record Period(LocalDate from, LocalDate to) {

    /** The longest period a report covers: two years and a leap day. */
    public static final int MAX_DAYS = 731;

    public Period {
        if (from == null) {
            throw Refusal.invalidField("from", "missing required parameter 'from' (YYYY-MM-DD)");
        }
        if (to == null) {
            throw Refusal.invalidField("to", "missing required parameter 'to' (YYYY-MM-DD)");
        }
        if (to.isBefore(from)) {
            throw Refusal.invalidField("to", "parameter 'to' (" + to + ") must not be before 'from' (" + from + ")");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw Refusal.invalidField("to", "a report covers at most " + MAX_DAYS + " days; 'from' " + from + " to 'to' "
                    + to + " is longer");
        }
    }
}
