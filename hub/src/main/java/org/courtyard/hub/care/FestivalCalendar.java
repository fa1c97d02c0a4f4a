package org.courtyard.hub.care;

import com.ibm.icu.util.Calendar;
import com.ibm.icu.util.ChineseCalendar;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.temporal.JulianFields;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The Gregorian date of each {@link Festival} in a year, in China's calendar.
 *
 * <p>Lunar festivals are computed with ICU4J's {@link ChineseCalendar}, an astronomical
 * computation. It is a day off when a new moon falls within minutes of midnight Beijing time
 * (ICU-23274, ICU-22230): for 2027 it puts 春节 on 7 February and for 2030 on 2 February, where the
 * published calendar has 6 February and 3 February. The published date wins: {@link #PUBLISHED}
 * holds the dates where the two differ, and a township may add more ({@code
 * care.festival-date.YEAR.FESTIVAL} in the hub's configuration) as the State Council publishes each
 * year's holidays. Tests compare every lunar festival of 2025–2035 with the published dates.
 *
 * <p>Thread-safe; ICU calendars are made per computation, and each date is computed once.
 */
public final class FestivalCalendar {

    /**
     * Published dates that ICU4J's computation gets wrong, from the Hong Kong Observatory's
     * Gregorian–Lunar Calendar Conversion Table (1901–2100), which agrees with the Purple Mountain
     * Observatory's almanac: checked for every 春节, 端午, 中秋 and 重阳 of 2020–2100 against ICU4J
     * 79.1, these two are the only differences.
     */
    public static final Map<Festival, Map<Integer, LocalDate>> PUBLISHED = Map.of(
            Festival.SPRING_FESTIVAL, Map.of(
                    2027, LocalDate.of(2027, 2, 6),
                    2030, LocalDate.of(2030, 2, 3)));

    private final Map<Festival, Map<Integer, LocalDate>> corrections;
    /** ICU's astronomy takes milliseconds a date; the dates of a year never change. */
    private final Map<Festival, Map<Integer, LocalDate>> computed = new EnumMap<>(Festival.class);

    /** The computed dates with the built-in {@link #PUBLISHED} corrections. */
    public FestivalCalendar() {
        this(Map.of());
    }

    /**
     * With more published dates (a township's configuration), which win over the built-in ones and
     * the computation.
     *
     * @throws IllegalArgumentException if a date is not in the year it is given for, or is given
     *     for 六一, whose date is fixed
     */
    public FestivalCalendar(Map<Festival, Map<Integer, LocalDate>> published) {
        Map<Festival, Map<Integer, LocalDate>> all = new EnumMap<>(Festival.class);
        PUBLISHED.forEach((festival, dates) -> all.computeIfAbsent(festival, f -> new HashMap<>()).putAll(dates));
        published.forEach((festival, dates) -> {
            if (!festival.lunar()) {
                throw new IllegalArgumentException(festival.name().toLowerCase(Locale.ROOT)
                        + " is always on " + MonthDay.of(festival.month(), festival.day()) + "; it has no published date");
            }
            dates.forEach((year, date) -> {
                if (date.getYear() != year) {
                    throw new IllegalArgumentException("the published date of " + festival.chinese() + " " + year
                            + " must be in " + year + ", was " + date);
                }
            });
            all.computeIfAbsent(festival, f -> new HashMap<>()).putAll(dates);
        });
        all.replaceAll((festival, dates) -> Map.copyOf(dates));
        this.corrections = all;
    }

    /** The date of {@code festival} in the Gregorian {@code year}. */
    public LocalDate dateOf(Festival festival, int year) {
        if (!festival.lunar()) {
            return LocalDate.of(year, festival.month(), festival.day());
        }
        LocalDate published = corrections.getOrDefault(festival, Map.of()).get(year);
        if (published != null) {
            return published;
        }
        synchronized (computed) {
            return computed.computeIfAbsent(festival, f -> new HashMap<>())
                    .computeIfAbsent(year, y -> computed(festival, y));
        }
    }

    /**
     * ICU4J's date of a lunar festival in the Gregorian {@code year}, without corrections. Every
     * lunar festival falls in the Chinese year that begins in the same Gregorian year (春节 itself
     * between 21 January and 20 February), so it is that year's month and day.
     */
    static LocalDate computed(Festival festival, int year) {
        ChineseCalendar calendar = new ChineseCalendar();
        // 1 July is always in the Chinese year that began in the same Gregorian year.
        calendar.set(Calendar.JULIAN_DAY,
                (int) LocalDate.of(year, 7, 1).getLong(JulianFields.JULIAN_DAY));
        int chineseYear = calendar.get(Calendar.EXTENDED_YEAR);
        calendar.clear();
        calendar.set(Calendar.EXTENDED_YEAR, chineseYear);
        calendar.set(Calendar.MONTH, festival.month() - 1);
        calendar.set(ChineseCalendar.IS_LEAP_MONTH, 0);
        calendar.set(Calendar.DAY_OF_MONTH, festival.day());
        long julianDay = calendar.get(Calendar.JULIAN_DAY);
        return LocalDate.MIN.with(JulianFields.JULIAN_DAY, julianDay);
    }
}
