package org.courtyard.hub.care;

import java.util.Arrays;
import java.util.Optional;

/**
 * The festivals of 节节有问候: four of the lunar calendar, whose Gregorian dates come from
 * {@link FestivalCalendar}, and 六一 (Children's Day) on 1 June.
 */
public enum Festival {
    SPRING_FESTIVAL("春节", true, 1, 1),
    DRAGON_BOAT("端午节", true, 5, 5),
    CHILDREN_DAY("六一儿童节", false, 6, 1),
    MID_AUTUMN("中秋节", true, 8, 15),
    DOUBLE_NINTH("重阳节", true, 9, 9);

    private final String chinese;
    private final boolean lunar;
    private final int month;
    private final int day;

    Festival(String chinese, boolean lunar, int month, int day) {
        this.chinese = chinese;
        this.lunar = lunar;
        this.month = month;
        this.day = day;
    }

    /** The name people use, as tasks and pages show it. */
    public String chinese() {
        return chinese;
    }

    /** True for a date of the Chinese lunisolar calendar, false for a Gregorian one. */
    public boolean lunar() {
        return lunar;
    }

    /** The month (lunar, not a leap month, or Gregorian) of the festival, 1-based. */
    public int month() {
        return month;
    }

    public int day() {
        return day;
    }

    /** The festival named {@code name} in any letter case ({@code spring_festival}), if there is one. */
    public static Optional<Festival> named(String name) {
        return Arrays.stream(values()).filter(festival -> festival.name().equalsIgnoreCase(name)).findFirst();
    }
}
