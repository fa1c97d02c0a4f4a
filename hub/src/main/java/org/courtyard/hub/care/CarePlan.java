package org.courtyard.hub.care;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The township's rules turned into dates: which occasions (months, festivals, terms) have a window
 * that meets a range of days, and the occasions that events start (an illness, a missed check-in).
 * Pure: no clock and no database, so every rule is tested with plain dates.
 */
public final class CarePlan {

    /** Orders occasions by due date, then by when they open, kind and key. */
    public static final Comparator<Occasion> NEAREST_FIRST = Comparator.comparing(Occasion::dueOn)
            .thenComparing(Occasion::opensOn).thenComparing(Occasion::kind).thenComparing(Occasion::key);

    private final CareRules rules;
    private final FestivalCalendar calendar;

    public CarePlan(CareRules rules, FestivalCalendar calendar) {
        this.rules = rules;
        this.calendar = calendar;
    }

    public CareRules rules() {
        return rules;
    }

    /**
     * The months, festivals and terms whose window meets {@code from}…{@code to} (both included),
     * nearest first. Occasions for nobody (a festival the township turned off) are left out.
     */
    public List<Occasion> occasions(LocalDate from, LocalDate to, List<Term> terms) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the range ends before it starts: " + from + " > " + to);
        }
        List<Occasion> out = new ArrayList<>();
        if (rules.monthly()) {
            for (YearMonth month = YearMonth.from(from); !month.atDay(1).isAfter(to); month = month.plusMonths(1)) {
                out.add(month(month));
            }
        }
        // A window reaches at most MAX_DAYS before its festival, so festivals of the year after
        // `to` can open inside the range, and none of the year before `from` can still be open.
        for (int year = from.getYear(); year <= to.getYear() + 1; year++) {
            for (Festival festival : Festival.values()) {
                Occasion occasion = festival(festival, year);
                if (occasion.audience() != Audience.NONE && occasion.overlaps(from, to)) {
                    out.add(occasion);
                }
            }
        }
        for (Term term : terms) {
            for (Occasion occasion : List.of(schoolStart(term), vacation(term))) {
                if (occasion.overlaps(from, to)) {
                    out.add(occasion);
                }
            }
        }
        out.sort(NEAREST_FIRST);
        return out;
    }

    /** 月月有联系 for {@code month}: open the whole month. */
    public Occasion month(YearMonth month) {
        return new Occasion(TaskKind.MONTHLY_VISIT, month.toString(), month.getMonthValue() + "月走访", null, null,
                month.atDay(1), month.atEndOfMonth(), Audience.ALL);
    }

    /** The visits before {@code festival} of {@code year}, from the rule's days before up to the day. */
    public Occasion festival(Festival festival, int year) {
        CareRules.FestivalRule rule = rules.festival(festival);
        LocalDate on = calendar.dateOf(festival, year);
        return new Occasion(TaskKind.FESTIVAL, year + "-" + festival.name().toLowerCase(Locale.ROOT),
                festival.chinese() + "走访", festival, on, on.minusDays(rule.daysBefore()), on, rule.audience());
    }

    /** Children's visits around the start of {@code term}. */
    public Occasion schoolStart(Term term) {
        return new Occasion(TaskKind.SCHOOL_START, term.id(), term.name() + "开学走访", null, null,
                term.startsOn().minusDays(rules.schoolStartDaysBefore()),
                term.startsOn().plusDays(rules.schoolStartDaysAfter()), Audience.CHILD);
    }

    /** Children's visits in the first days of the vacation after {@code term}. */
    public Occasion vacation(Term term) {
        LocalDate first = term.endsOn().plusDays(1);
        return new Occasion(TaskKind.VACATION, term.id(), term.name() + "假期走访", null, null, first,
                first.plusDays(Math.max(0, rules.vacationDays() - 1)), Audience.CHILD);
    }

    /** A follow-up after the 看病 help request {@code requestId} was resolved on {@code day}. */
    public Occasion afterIllnessRequest(String requestId, LocalDate day) {
        return illness("h-" + requestId, day);
    }

    /** A follow-up after a resident was paused for illness or hospital on {@code day}. */
    public Occasion afterIllnessPause(LocalDate day) {
        return illness("p-" + day, day);
    }

    /** Go and look, today: the missed-check-in alert {@code alertId} was raised on {@code day}. */
    public Occasion missedCheckIn(long alertId, LocalDate day) {
        return new Occasion(TaskKind.MISSED_CHECK_IN, "a-" + alertId, "未报平安，上门看看", null, null, day, day,
                Audience.ALL);
    }

    private Occasion illness(String key, LocalDate day) {
        return new Occasion(TaskKind.ILLNESS, key, "病后回访", null, null, day, day.plusDays(rules.illnessDays()),
                Audience.ALL);
    }
}
