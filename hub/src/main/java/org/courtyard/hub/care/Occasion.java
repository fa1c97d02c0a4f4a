package org.courtyard.hub.care;

import java.time.LocalDate;

/**
 * One reason to visit, shared by every resident it is for: a month, a festival of a year (a
 * campaign such as 2027's 春节走访), a term's start or vacation, or one event (a resolved 看病
 * request, a pause for illness, a missed-check-in alert). Each resident it is for gets one task,
 * whose id is made from the occasion and the resident, so the task a rule will create has the same
 * id as the one it creates.
 *
 * @param key what tells it apart among occasions of its kind: {@code 2026-12}, {@code
 *     2027-spring_festival}, a term's id, {@code h-}request id, {@code p-}pause date, {@code a-}alert id
 * @param title as tasks show it (春节走访)
 * @param festival for FESTIVAL, else null
 * @param festivalOn the festival's own date, for FESTIVAL, else null
 * @param opensOn the first day a visit counts
 * @param dueOn the last day a visit counts (for ILLNESS and MISSED_CHECK_IN, the day it is due: a
 *     later visit still completes the task, late)
 */
public record Occasion(TaskKind kind, String key, String title, Festival festival, LocalDate festivalOn,
        LocalDate opensOn, LocalDate dueOn, Audience audience) {

    public Occasion {
        if (dueOn.isBefore(opensOn)) {
            throw new IllegalArgumentException("an occasion is due on or after it opens: " + opensOn + " > " + dueOn);
        }
    }

    /** The id of this occasion's task for {@code residentId}, e.g. {@code mv.2026-12.r-7mq2xw9a}. */
    public String taskId(String residentId) {
        return TaskIds.of(kind, key, residentId);
    }

    /** True if a task of this occasion may be worked on some day of {@code from}…{@code to}. */
    public boolean overlaps(LocalDate from, LocalDate to) {
        return !opensOn.isAfter(to) && !dueOn.isBefore(from);
    }

    /** True if a visit on {@code day} completes this occasion's task. */
    public boolean satisfiedBy(LocalDate day) {
        return !day.isBefore(opensOn) && (kind.doneLate() || !day.isAfter(dueOn));
    }
}
