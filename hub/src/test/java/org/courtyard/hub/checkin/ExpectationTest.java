package org.courtyard.hub.checkin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When silence becomes an alert, day by day. */
class ExpectationTest {

    private static final LocalDate MONDAY = LocalDate.parse("2026-11-30");

    @Test
    void a_daily_resident_last_seen_monday_is_alerted_on_thursday_with_two_grace_days() {
        Expectation daily = new Expectation(1, MONDAY, MONDAY.minusDays(30), null);

        assertThat(daily.missedDue(MONDAY.plusDays(2), 2)).isEmpty();
        assertThat(daily.missedDue(MONDAY.plusDays(3), 2)).contains(MONDAY.plusDays(1));
        assertThat(daily.missedDue(MONDAY.plusDays(10), 2)).contains(MONDAY.plusDays(1));
    }

    @Test
    void a_weekly_resident_is_due_a_week_later() {
        Expectation weekly = new Expectation(7, MONDAY, MONDAY.minusDays(30), null);

        assertThat(weekly.missedDue(MONDAY.plusDays(8), 2)).isEmpty();
        assertThat(weekly.missedDue(MONDAY.plusDays(9), 2)).contains(MONDAY.plusDays(7));
    }

    @Test
    void someone_never_seen_counts_from_the_day_the_expectation_began() {
        Expectation fresh = new Expectation(1, null, MONDAY, null);

        assertThat(fresh.missedDue(MONDAY.plusDays(2), 2)).isEmpty();
        assertThat(fresh.missedDue(MONDAY.plusDays(3), 2)).isPresent();
    }

    @Test
    void a_check_in_older_than_the_expectation_still_counts() {
        Expectation late = new Expectation(1, MONDAY.minusDays(30), MONDAY, null);

        assertThat(late.missedDue(MONDAY, 2)).contains(MONDAY.minusDays(29));
    }

    @Test
    void no_alert_during_a_pause_and_the_count_starts_again_on_its_last_day() {
        Expectation paused = new Expectation(1, MONDAY, MONDAY, MONDAY.plusDays(10));

        assertThat(paused.missedDue(MONDAY.plusDays(10), 0)).isEmpty();
        assertThat(paused.missedDue(MONDAY.plusDays(12), 2)).isEmpty();
        assertThat(paused.missedDue(MONDAY.plusDays(13), 2)).contains(MONDAY.plusDays(11));
    }

    @Test
    void without_an_expectation_nobody_is_ever_alerted() {
        assertThat(new Expectation(null, null, MONDAY, null).missedDue(MONDAY.plusDays(400), 0))
                .isEqualTo(Optional.empty());
    }

    @Test
    void zero_grace_days_alert_on_the_due_day_itself() {
        assertThat(new Expectation(1, MONDAY, MONDAY, null).missedDue(MONDAY.plusDays(1), 0)).isPresent();
    }
}
