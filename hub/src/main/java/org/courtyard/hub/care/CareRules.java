package org.courtyard.hub.care;

import java.util.EnumMap;
import java.util.Map;

/**
 * A township's rules for care tasks ({@code care.*} in the hub's configuration); {@link #defaults()}
 * are those of the 馨安工程 report.
 *
 * @param monthly one MONTHLY_VISIT per resident per month ({@code care.monthly})
 * @param festivals for each festival, whom it is for and how many days before it the visits open
 *     ({@code care.festival.NAME=AUDIENCE:DAYS}); a festival missing here, or for {@code NONE}, makes
 *     no tasks
 * @param schoolStartDaysBefore a SCHOOL_START task opens this many days before a term starts
 * @param schoolStartDaysAfter and is due this many days after
 * @param vacationDays a VACATION task opens the day after a term ends and is open this many days
 * @param illnessDays an ILLNESS follow-up is due this many days after its cause
 * @param missedCheckIn a MISSED_CHECK_IN task for every missed-check-in alert
 */
public record CareRules(boolean monthly, Map<Festival, FestivalRule> festivals, int schoolStartDaysBefore,
        int schoolStartDaysAfter, int vacationDays, int illnessDays, boolean missedCheckIn) {

    /** The most days any window may reach. */
    public static final int MAX_DAYS = 60;

    /** Whom a festival's visits are for, and from how many days before it (due on the day). */
    public record FestivalRule(Audience audience, int daysBefore) {

        public FestivalRule {
            if (audience == null) {
                throw new IllegalArgumentException("a festival rule needs an audience");
            }
            days(daysBefore, "days before the festival");
        }
    }

    public CareRules {
        festivals = Map.copyOf(festivals);
        days(schoolStartDaysBefore, "care.school-start.days-before");
        days(schoolStartDaysAfter, "care.school-start.days-after");
        days(vacationDays, "care.vacation.days");
        days(illnessDays, "care.illness.days");
    }

    /**
     * 春节 for everyone from 15 days before; 重阳节 for elders, 六一 for children, 中秋 and 端午 for
     * everyone, from 7 days before; school start from 7 days before to 7 days after the term
     * starts; the first 14 days of a vacation; an illness follow-up within 3 days.
     */
    public static CareRules defaults() {
        Map<Festival, FestivalRule> festivals = new EnumMap<>(Festival.class);
        festivals.put(Festival.SPRING_FESTIVAL, new FestivalRule(Audience.ALL, 15));
        festivals.put(Festival.DRAGON_BOAT, new FestivalRule(Audience.ALL, 7));
        festivals.put(Festival.CHILDREN_DAY, new FestivalRule(Audience.CHILD, 7));
        festivals.put(Festival.MID_AUTUMN, new FestivalRule(Audience.ALL, 7));
        festivals.put(Festival.DOUBLE_NINTH, new FestivalRule(Audience.ELDER, 7));
        return new CareRules(true, festivals, 7, 7, 14, 3, true);
    }

    /** This township's rule for {@code festival}; {@code NONE} when it makes no tasks. */
    public FestivalRule festival(Festival festival) {
        return festivals.getOrDefault(festival, new FestivalRule(Audience.NONE, 0));
    }

    private static void days(int days, String what) {
        if (days < 0 || days > MAX_DAYS) {
            throw new IllegalArgumentException(what + " must be from 0 to " + MAX_DAYS + ", was " + days);
        }
    }
}
