package org.courtyard.hub.checkin;

import java.time.LocalDate;
import java.util.Optional;

/**
 * When a resident's silence becomes an alert. Counted in whole local days of the hub's time zone:
 * the count starts on the day of the last check-in (for someone who never checked in: the day the
 * expectation began), or on the last day of a pause if that is later; the next check-in is due
 * {@code everyDays} later; the alert comes when that is {@code graceDays} days past. So with a daily
 * expectation and two grace days, a resident last seen on Monday is due on Tuesday and alerted on
 * Thursday, and nothing is alerted during a pause.
 *
 * <p>The surprise: a check-in counts even when it is older than the expectation. Someone whose
 * ledger entry gets a daily expectation today but who was last seen a month ago is alerted at the
 * next check, because that is the truth about them; only someone never seen gets the grace of a
 * fresh start.
 *
 * @param everyDays the resident's expectation, or null for none (never alerted)
 * @param lastCheckIn the local date of the latest check-in, or null for none yet
 * @param since the local date the expectation began (the count's start for someone never seen)
 * @param pausedUntil the last day of a pause, or null
 */
public record Expectation(Integer everyDays, LocalDate lastCheckIn, LocalDate since, LocalDate pausedUntil) {

    /** The date the missed check-in was due, if on {@code today} this resident is to be alerted. */
    public Optional<LocalDate> missedDue(LocalDate today, int graceDays) {
        if (everyDays == null) {
            return Optional.empty();
        }
        if (pausedUntil != null && !today.isAfter(pausedUntil)) {
            return Optional.empty();
        }
        LocalDate start = lastCheckIn != null ? lastCheckIn : since;
        if (pausedUntil != null && pausedUntil.isAfter(start)) {
            start = pausedUntil;
        }
        LocalDate due = start.plusDays(everyDays);
        return today.isBefore(due.plusDays(graceDays)) ? Optional.empty() : Optional.of(due);
    }
}
