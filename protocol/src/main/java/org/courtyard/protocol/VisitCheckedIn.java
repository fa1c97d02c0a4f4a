package org.courtyard.protocol;

/** Payload of {@link EventType#VISIT_CHECKED_IN}: a cadre recorded a visit to a resident. */
public record VisitCheckedIn(String cadre, String residentId, String note) implements EventPayload {

    public VisitCheckedIn {
        Require.line(cadre, "cadre");
        Require.line(residentId, "residentId");
        note = Require.optionalNote(note, "note");
    }
}
