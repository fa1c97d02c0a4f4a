package org.courtyard.hub.care;

import java.time.Instant;
import java.util.List;

/**
 * VISIT in the API: the fields kiosk visits always had ({@code residentId, kioskId, at,
 * residentName, village, cadre, note, eventId}), then what phones add. {@code eventId} is the
 * kiosk's event id (the same as {@code id}) for a KIOSK visit, null for a PHONE one.
 *
 * @param tasksDone the care tasks this visit completed
 */
public record VisitView(String residentId, String kioskId, Instant at, String residentName, String village,
        String cadre, String note, String eventId, String id, VisitSource source, String cadreId, List<String> items,
        List<VisitInput.Problem> problems, Photo photo, String recordedBy, Instant receivedAt, List<String> tasksDone) {

    /** The photo of a visit, if one was taken. */
    public record Photo(String sha256, int bytes) {
    }

    public VisitView {
        items = List.copyOf(items);
        problems = List.copyOf(problems);
        tasksDone = List.copyOf(tasksDone);
    }

    @Override
    public String toString() {
        return "VisitView[id=" + id + ", village=" + village + "]";
    }
}
