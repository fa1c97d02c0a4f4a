package org.courtyard.hub.care;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A care task in the API, in the agreed order ({@code id, kind, title, residentId, residentName,
 * village, festival, festivalOn, opensOn, dueOn, assignees, status, doneAt, visitId}), then what the
 * cadre's phone shows with it.
 *
 * @param festival the festival's name ({@code SPRING_FESTIVAL}) for FESTIVAL, else null
 * @param festivalOn the festival's own date, for FESTIVAL
 * @param assignees the resident's paired cadres now (empty: nobody is paired yet)
 * @param skipReason why it was skipped (the resident is away), for SKIPPED
 * @param resident what the phone shows beside the task
 */
public record TaskView(String id, TaskKind kind, String title, String residentId, String residentName, String village,
        String festival, LocalDate festivalOn, LocalDate opensOn, LocalDate dueOn, List<Assignee> assignees,
        TaskStatus status, Instant doneAt, String visitId, String skipReason, ResidentSummary resident) {

    /** A paired cadre the task is for. */
    public record Assignee(String id, String name) {
    }

    /** The resident as a task shows them: type, address, photo, last check-in and visit, an open alert. */
    public record ResidentSummary(String type, String address, String photo, Instant lastCheckInAt,
            Instant lastVisitAt, boolean alert) {
    }

    public TaskView {
        assignees = List.copyOf(assignees);
    }
}
