package org.courtyard.hub.care;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A task's id: a short code of its kind, its occasion's key and the resident's id, joined by dots
 * ({@code fe.2027-spring_festival.r-7mq2xw9a}), so it can be made before the task exists and read
 * back into its parts.
 */
public final class TaskIds {

    /** The parts of a task's id. */
    public record Parts(TaskKind kind, String occasion, String residentId) {
    }

    private static final Pattern ID = Pattern.compile("([a-z]{2})\\.([A-Za-z0-9_-]{1,60})\\.(r-[A-Za-z0-9]{1,14})");

    private TaskIds() {
    }

    public static String of(TaskKind kind, String occasion, String residentId) {
        return code(kind) + "." + occasion + "." + residentId;
    }

    /** The parts of {@code id}, or empty when it is not a task id. */
    public static Optional<Parts> parse(String id) {
        Matcher matcher = ID.matcher(id);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Arrays.stream(TaskKind.values()).filter(kind -> code(kind).equals(matcher.group(1))).findFirst()
                .map(kind -> new Parts(kind, matcher.group(2), matcher.group(3)));
    }

    private static String code(TaskKind kind) {
        return switch (kind) {
            case MONTHLY_VISIT -> "mv";
            case FESTIVAL -> "fe";
            case SCHOOL_START -> "ss";
            case VACATION -> "va";
            case ILLNESS -> "il";
            case MISSED_CHECK_IN -> "mc";
        };
    }
}
