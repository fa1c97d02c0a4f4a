package org.courtyard.kiosk.announce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.courtyard.protocol.Announcement;
import org.courtyard.protocol.Priority;
import org.junit.jupiter.api.Test;

/** The occurrences and windows of {@link Schedule}, in China time (UTC+8). */
class ScheduleTest {

    private final Schedule schedule = new Schedule(ZoneId.of("Asia/Shanghai"), Duration.ofHours(12));

    private static Instant local(String dateTime) {
        return java.time.LocalDateTime.parse(dateTime).atZone(ZoneId.of("Asia/Shanghai")).toInstant();
    }

    private static Announcement daily(String start, String end, String... times) {
        return Station.announcement("a", Priority.NORMAL, true, local(start), end == null ? null : local(end),
                java.util.Arrays.stream(times).map(LocalTime::parse).toList(), null, false, 1);
    }

    @Test
    void the_start_is_the_first_occurrence_and_repeats_are_local_times_after_it() {
        Announcement a = daily("2026-11-29T10:00", null, "08:00", "18:30");

        assertThat(schedule.latest(a, local("2026-11-29T09:59"))).isEmpty();
        assertThat(schedule.latest(a, local("2026-11-29T10:00"))).contains(local("2026-11-29T10:00"));
        assertThat(schedule.latest(a, local("2026-11-29T18:29"))).contains(local("2026-11-29T10:00"));
        assertThat(schedule.latest(a, local("2026-11-29T18:30"))).contains(local("2026-11-29T18:30"));
        assertThat(schedule.latest(a, local("2026-11-30T07:00"))).contains(local("2026-11-29T18:30"));
        assertThat(schedule.next(a, local("2026-11-29T18:30"))).contains(local("2026-11-30T08:00"));
    }

    @Test
    void a_window_lasts_until_the_next_occurrence_the_end_or_the_catch_up_limit() {
        Announcement a = daily("2026-11-29T10:00", "2026-11-30T09:00", "18:30");

        assertThat(schedule.windowEnd(a, local("2026-11-29T10:00"))).isEqualTo(local("2026-11-29T18:30"));
        assertThat(schedule.windowEnd(a, local("2026-11-29T18:30"))).isEqualTo(local("2026-11-30T06:30"));
        Announcement once = daily("2026-11-29T10:00", "2026-11-29T11:00");
        assertThat(schedule.windowEnd(once, local("2026-11-29T10:00"))).isEqualTo(local("2026-11-29T11:00"));
    }

    @Test
    void nothing_is_due_from_the_end_on_or_after_the_window() {
        Announcement once = daily("2026-11-29T10:00", null);

        assertThat(schedule.due(once, local("2026-11-29T21:59"))).contains(local("2026-11-29T10:00"));
        assertThat(schedule.due(once, local("2026-11-29T22:00"))).isEmpty();
        Announcement ended = daily("2026-11-29T10:00", "2026-11-29T10:30");
        assertThat(schedule.due(ended, local("2026-11-29T10:30"))).isEmpty();
    }

    @Test
    void quiet_hours_span_midnight_and_none_means_none() {
        QuietHours quiet = QuietHours.parse("21:30-07:00");

        assertThat(quiet.contains(LocalTime.of(21, 29))).isFalse();
        assertThat(quiet.contains(LocalTime.of(21, 30))).isTrue();
        assertThat(quiet.contains(LocalTime.of(3, 0))).isTrue();
        assertThat(quiet.contains(LocalTime.of(7, 0))).isFalse();
        assertThat(QuietHours.parse("12:00-13:00").contains(LocalTime.of(12, 30))).isTrue();
        assertThat(QuietHours.parse("none").contains(LocalTime.of(23, 0))).isFalse();
    }

    @Test
    void a_bad_quiet_hours_value_names_the_key() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> QuietHours.parse("late"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("announce.quiet-hours");
    }
}
