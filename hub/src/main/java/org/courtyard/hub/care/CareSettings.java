package org.courtyard.hub.care;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code care.*} keys of the hub's configuration: the township's rules, published festival
 * dates, and when the daily digest goes out.
 *
 * @param published festival dates the township sets where the computation is off, see {@link FestivalCalendar}
 * @param digestAt local time of the daily WeCom digest per village; empty for none
 */
public record CareSettings(CareRules rules, Map<Festival, Map<Integer, LocalDate>> published,
        Optional<LocalTime> digestAt) {

    /** The keys other than {@code care.festival.NAME} and {@code care.festival-date.YEAR.NAME}. */
    public static final String KEYS = "care.monthly, care.festival.NAME, care.festival-date.YEAR.NAME,"
            + " care.school-start.days-before, care.school-start.days-after, care.vacation.days, care.illness.days,"
            + " care.missed-check-in, care.digest-time";

    private static final Pattern FESTIVAL = Pattern.compile("care\\.festival\\.([a-z_]+)");
    private static final Pattern FESTIVAL_DATE = Pattern.compile("care\\.festival-date\\.(\\d{4})\\.([a-z_]+)");

    public CareSettings {
        published = Map.copyOf(published);
        new FestivalCalendar(published);
    }

    /** The defaults: {@link CareRules#defaults()}, no published dates beyond the built-in ones, digest at 08:00. */
    public static CareSettings defaults() {
        return new CareSettings(CareRules.defaults(), Map.of(), Optional.of(LocalTime.of(8, 0)));
    }

    /** The festival calendar with this township's published dates. */
    public FestivalCalendar calendar() {
        return new FestivalCalendar(published);
    }

    /**
     * Reads the {@code care.*} keys; the others keep their defaults.
     *
     * @throws IllegalArgumentException naming the key for an unknown key or a bad value
     */
    public static CareSettings fromProperties(Map<String, String> keys) {
        CareRules defaults = CareRules.defaults();
        boolean monthly = defaults.monthly();
        boolean missedCheckIn = defaults.missedCheckIn();
        int before = defaults.schoolStartDaysBefore();
        int after = defaults.schoolStartDaysAfter();
        int vacation = defaults.vacationDays();
        int illness = defaults.illnessDays();
        Map<Festival, CareRules.FestivalRule> festivals = new EnumMap<>(defaults.festivals());
        Map<Festival, Map<Integer, LocalDate>> published = new EnumMap<>(Festival.class);
        Optional<LocalTime> digestAt = defaults().digestAt();
        for (Map.Entry<String, String> entry : new TreeMap<>(keys).entrySet()) {
            String key = entry.getKey();
            String value = entry.getValue().trim();
            Matcher festival = FESTIVAL.matcher(key);
            Matcher date = FESTIVAL_DATE.matcher(key);
            if (festival.matches()) {
                festivals.put(festival(key, festival.group(1)), festivalRule(key, value));
                continue;
            }
            if (date.matches()) {
                Festival named = festival(key, date.group(2));
                published.computeIfAbsent(named, f -> new HashMap<>()).put(Integer.parseInt(date.group(1)),
                        date(key, value));
                continue;
            }
            switch (key) {
                case "care.monthly" -> monthly = bool(key, value);
                case "care.missed-check-in" -> missedCheckIn = bool(key, value);
                case "care.school-start.days-before" -> before = days(key, value);
                case "care.school-start.days-after" -> after = days(key, value);
                case "care.vacation.days" -> vacation = days(key, value);
                case "care.illness.days" -> illness = days(key, value);
                case "care.digest-time" -> digestAt = time(key, value);
                default -> throw new IllegalArgumentException("unknown config key '" + key + "' (known: " + KEYS + ")");
            }
        }
        try {
            return new CareSettings(new CareRules(monthly, festivals, before, after, vacation, illness, missedCheckIn),
                    published, digestAt);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("config key 'care.festival-date.*': " + e.getMessage(), e);
        }
    }

    private static Festival festival(String key, String name) {
        return Festival.named(name).orElseThrow(() -> new IllegalArgumentException("config key '" + key
                + "' names no festival; festivals are spring_festival, dragon_boat, children_day, mid_autumn,"
                + " double_ninth"));
    }

    /** {@code ALL:15}, {@code ELDER:7}, {@code CHILD:7} or {@code NONE}. */
    private static CareRules.FestivalRule festivalRule(String key, String value) {
        String[] parts = value.split(":", -1);
        Optional<Audience> audience = Arrays.stream(Audience.values())
                .filter(candidate -> candidate.name().equalsIgnoreCase(parts[0].trim())).findFirst();
        if (audience.isPresent() && audience.get() == Audience.NONE && parts.length == 1) {
            return new CareRules.FestivalRule(Audience.NONE, 0);
        }
        if (audience.isPresent() && audience.get() != Audience.NONE && parts.length == 2) {
            return new CareRules.FestivalRule(audience.get(), days(key, parts[1].trim()));
        }
        throw new IllegalArgumentException("config key '" + key + "' must be AUDIENCE:DAYS (ALL, ELDER or CHILD and"
                + " the days before the festival, e.g. ALL:15) or NONE, was '" + value + "'");
    }

    private static int days(String key, String value) {
        try {
            int days = Integer.parseInt(value);
            if (days >= 0 && days <= CareRules.MAX_DAYS) {
                return days;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException("config key '" + key + "' must be a whole number of days from 0 to "
                + CareRules.MAX_DAYS + ", was '" + value + "'");
    }

    private static boolean bool(String key, String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("config key '" + key + "' must be true or false, was '"
                    + value + "'");
        };
    }

    private static LocalDate date(String key, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("config key '" + key + "' must be a date YYYY-MM-DD, was '" + value
                    + "'", e);
        }
    }

    private static Optional<LocalTime> time(String key, String value) {
        if (value.equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalTime.parse(value));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("config key '" + key + "' must be a time HH:MM or none, was '" + value
                    + "'", e);
        }
    }
}
