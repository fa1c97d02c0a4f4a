package org.courtyard.hub.care;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules as dates: months, festivals, terms and the occasions events start. */
class CarePlanTest {

    private static final Term SPRING_2027 = new Term("t-spring27", "2027年春季学期", LocalDate.parse("2027-02-24"),
            LocalDate.parse("2027-07-09"));

    private final CarePlan plan = new CarePlan(CareRules.defaults(), new FestivalCalendar());

    @Test
    void a_range_across_a_month_end_meets_both_months_each_open_from_its_first_to_its_last_day() {
        List<Occasion> occasions = plan.occasions(day("2026-11-30"), day("2026-12-01"), List.of());

        assertThat(occasions).extracting(Occasion::kind, Occasion::key, Occasion::title, Occasion::opensOn,
                Occasion::dueOn).containsExactly(
                        tuple(TaskKind.MONTHLY_VISIT, "2026-11", "11月走访", day("2026-11-01"), day("2026-11-30")),
                        tuple(TaskKind.MONTHLY_VISIT, "2026-12", "12月走访", day("2026-12-01"), day("2026-12-31")));
    }

    @Test
    void february_of_a_leap_year_is_due_on_the_29th() {
        assertThat(plan.month(YearMonth.of(2028, 2)).dueOn()).isEqualTo("2028-02-29");
        assertThat(plan.month(YearMonth.of(2027, 2)).dueOn()).isEqualTo("2027-02-28");
    }

    @Test
    void spring_festival_visits_open_fifteen_days_before_the_published_date_and_are_due_on_the_day() {
        Occasion spring = plan.festival(Festival.SPRING_FESTIVAL, 2027);

        assertThat(spring.festivalOn()).isEqualTo("2027-02-06");
        assertThat(spring.opensOn()).isEqualTo("2027-01-22");
        assertThat(spring.dueOn()).isEqualTo("2027-02-06");
        assertThat(spring.audience()).isEqualTo(Audience.ALL);
        assertThat(spring.title()).isEqualTo("春节走访");
        assertThat(spring.taskId("r-7mq2xw9a")).isEqualTo("fe.2027-spring_festival.r-7mq2xw9a");
        assertThat(plan.festival(Festival.SPRING_FESTIVAL, 2030).festivalOn()).isEqualTo("2030-02-03");
    }

    @Test
    void a_festival_is_met_only_by_ranges_that_reach_its_window() {
        assertThat(plan.occasions(day("2027-01-01"), day("2027-01-21"), List.of()))
                .extracting(Occasion::kind).containsOnly(TaskKind.MONTHLY_VISIT);
        assertThat(plan.occasions(day("2027-01-22"), day("2027-01-22"), List.of()))
                .extracting(Occasion::key).containsExactly("2027-01", "2027-spring_festival");
        assertThat(plan.occasions(day("2027-02-07"), day("2027-02-10"), List.of()))
                .extracting(Occasion::kind).containsOnly(TaskKind.MONTHLY_VISIT);
    }

    @Test
    void a_december_range_reaches_the_next_years_spring_festival_when_it_opens_in_january() {
        // 春节 2028 is on 26 January; its visits open on 11 January and are due before January's.
        assertThat(plan.occasions(day("2027-12-20"), day("2028-01-11"), List.of())).extracting(Occasion::key)
                .containsExactly("2027-12", "2028-spring_festival", "2028-01");
        assertThat(plan.occasions(day("2027-12-20"), day("2028-01-10"), List.of())).extracting(Occasion::key)
                .containsExactly("2027-12", "2028-01");
    }

    @Test
    void a_year_of_occasions_nearest_first_with_each_festival_for_its_people() {
        List<Occasion> festivals = plan.occasions(day("2027-01-01"), day("2027-12-31"), List.of()).stream()
                .filter(occasion -> occasion.kind() == TaskKind.FESTIVAL).toList();

        assertThat(festivals).extracting(Occasion::festival, Occasion::festivalOn, Occasion::opensOn,
                Occasion::audience).containsExactly(
                        tuple(Festival.SPRING_FESTIVAL, day("2027-02-06"), day("2027-01-22"), Audience.ALL),
                        tuple(Festival.CHILDREN_DAY, day("2027-06-01"), day("2027-05-25"), Audience.CHILD),
                        tuple(Festival.DRAGON_BOAT, day("2027-06-09"), day("2027-06-02"), Audience.ALL),
                        tuple(Festival.MID_AUTUMN, day("2027-09-15"), day("2027-09-08"), Audience.ALL),
                        tuple(Festival.DOUBLE_NINTH, day("2027-10-08"), day("2027-10-01"), Audience.ELDER));
    }

    @Test
    void a_festival_the_township_turns_off_makes_no_occasion_and_its_days_are_its_own() {
        Map<Festival, CareRules.FestivalRule> festivals = new EnumMap<>(Festival.class);
        festivals.put(Festival.SPRING_FESTIVAL, new CareRules.FestivalRule(Audience.ELDER, 20));
        festivals.put(Festival.DRAGON_BOAT, new CareRules.FestivalRule(Audience.NONE, 7));
        CarePlan township = new CarePlan(new CareRules(false, festivals, 3, 3, 10, 2, true), new FestivalCalendar());

        List<Occasion> occasions = township.occasions(day("2027-01-01"), day("2027-12-31"), List.of());

        assertThat(occasions).extracting(Occasion::festival).containsExactly(Festival.SPRING_FESTIVAL);
        assertThat(occasions.get(0).opensOn()).isEqualTo("2027-01-17");
        assertThat(occasions.get(0).audience()).isEqualTo(Audience.ELDER);
    }

    @Test
    void a_term_gives_children_a_school_start_window_around_its_first_day_and_a_vacation_after_its_last() {
        Occasion start = plan.schoolStart(SPRING_2027);
        Occasion vacation = plan.vacation(SPRING_2027);

        assertThat(start.opensOn()).isEqualTo("2027-02-17");
        assertThat(start.dueOn()).isEqualTo("2027-03-03");
        assertThat(start.title()).isEqualTo("2027年春季学期开学走访");
        assertThat(vacation.opensOn()).isEqualTo("2027-07-10");
        assertThat(vacation.dueOn()).isEqualTo("2027-07-23");
        assertThat(vacation.audience()).isEqualTo(Audience.CHILD);
        assertThat(plan.occasions(day("2027-03-01"), day("2027-03-01"), List.of(SPRING_2027)))
                .extracting(Occasion::kind).containsExactly(TaskKind.SCHOOL_START, TaskKind.MONTHLY_VISIT);
        assertThat(plan.occasions(day("2027-07-24"), day("2027-07-24"), List.of(SPRING_2027)))
                .extracting(Occasion::kind).containsExactly(TaskKind.MONTHLY_VISIT);
    }

    @Test
    void an_illness_follow_up_is_due_three_days_later_and_a_late_visit_still_counts() {
        Occasion illness = plan.afterIllnessRequest("6fb2c35d-0000-4000-8000-000000000001", day("2026-12-07"));

        assertThat(illness.dueOn()).isEqualTo("2026-12-10");
        assertThat(illness.satisfiedBy(day("2026-12-06"))).isFalse();
        assertThat(illness.satisfiedBy(day("2026-12-07"))).isTrue();
        assertThat(illness.satisfiedBy(day("2026-12-14"))).isTrue();
        assertThat(plan.afterIllnessPause(day("2026-12-07")).key()).isEqualTo("p-2026-12-07");
    }

    @Test
    void a_missed_check_in_is_due_the_day_it_is_raised_and_a_festival_visit_must_be_in_its_window() {
        Occasion missed = plan.missedCheckIn(12, day("2026-12-07"));
        Occasion spring = plan.festival(Festival.SPRING_FESTIVAL, 2027);

        assertThat(missed.opensOn()).isEqualTo(missed.dueOn()).isEqualTo("2026-12-07");
        assertThat(missed.taskId("r-7mq2xw9a")).isEqualTo("mc.a-12.r-7mq2xw9a");
        assertThat(spring.satisfiedBy(day("2027-01-21"))).isFalse();
        assertThat(spring.satisfiedBy(day("2027-02-06"))).isTrue();
        assertThat(spring.satisfiedBy(day("2027-02-07"))).isFalse();
    }

    @Test
    void a_task_id_reads_back_into_its_kind_occasion_and_resident() {
        assertThat(TaskIds.parse("fe.2027-spring_festival.r-7mq2xw9a")).contains(
                new TaskIds.Parts(TaskKind.FESTIVAL, "2027-spring_festival", "r-7mq2xw9a"));
        assertThat(TaskIds.parse("il.h-6fb2c35d-0000-4000-8000-000000000001.r-7mq2xw9a")).isPresent();
        assertThat(TaskIds.parse("xx.2027-01.r-7mq2xw9a")).isEmpty();
        assertThat(TaskIds.parse("mv.2027-01")).isEmpty();
    }

    private static LocalDate day(String text) {
        return LocalDate.parse(text);
    }
}
