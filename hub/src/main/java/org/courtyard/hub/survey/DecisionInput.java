package org.courtyard.hub.survey;

import org.courtyard.hub.residents.FieldError;

/**
 * The body of {@code POST /api/v1/survey-rounds/{id}/flags/{residentId}/decision}: KEEP or REMOVE,
 * with an optional reason for REMOVE (default {@link LeaveReason#NOT_ELIGIBLE}) and an optional note.
 */
public record DecisionInput(Decision decision, LeaveReason reason, String note) {

    public DecisionInput {
        if (decision == null) {
            throw new FieldError("decision", "missing required field 'decision' (KEEP or REMOVE)");
        }
        if (reason != null && decision != Decision.REMOVE) {
            throw new FieldError("reason", "field 'reason' is only for REMOVE");
        }
        if (decision == Decision.REMOVE && reason == null) {
            reason = LeaveReason.NOT_ELIGIBLE;
        }
        note = note == null || note.isBlank() ? null : note.strip();
        if (note != null && note.length() > ReviewInput.MAX_NOTE_CHARS) {
            throw new FieldError("note", "field 'note' must have at most " + ReviewInput.MAX_NOTE_CHARS
                    + " characters");
        }
        if (reason == LeaveReason.OTHER && note == null) {
            throw new FieldError("note", "field 'note' is required with reason OTHER");
        }
    }
}
