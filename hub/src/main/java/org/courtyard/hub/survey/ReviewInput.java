package org.courtyard.hub.survey;

import com.fasterxml.jackson.databind.JsonNode;
import org.courtyard.hub.residents.FieldError;

/**
 * The body of {@code POST /api/v1/survey-rounds/{id}/reviews}.
 *
 * @param outcome CONFIRMED, CHANGED or LEFT
 * @param reason for LEFT only, and required there: why the person leaves
 * @param note optional words (required with reason OTHER)
 * @param changes for CHANGED only, and required there: the resident fields to change, as a JSON
 *     merge patch of the resident ({@code {"school":"镇中心小学"}}); {@code active} is not one of them
 */
public record ReviewInput(String residentId, Outcome outcome, LeaveReason reason, String note, JsonNode changes) {

    public static final int MAX_NOTE_CHARS = 500;

    public ReviewInput {
        if (residentId == null || residentId.isBlank()) {
            throw new FieldError("residentId", "missing required field 'residentId'");
        }
        residentId = residentId.strip();
        if (outcome == null) {
            throw new FieldError("outcome", "missing required field 'outcome' (CONFIRMED, CHANGED or LEFT)");
        }
        note = note == null || note.isBlank() ? null : note.strip();
        if (note != null && note.length() > MAX_NOTE_CHARS) {
            throw new FieldError("note", "field 'note' must have at most " + MAX_NOTE_CHARS + " characters");
        }
        if (changes != null && changes.isNull()) {
            changes = null;
        }
        if (outcome == Outcome.LEFT) {
            if (reason == null) {
                throw new FieldError("reason", "field 'reason' is required with LEFT: MOVED, PARENTS_RETURNED,"
                        + " CHILDREN_RETURNED, PASSED_AWAY, AGED_OUT, NOT_ELIGIBLE or OTHER");
            }
            if (reason == LeaveReason.OTHER && note == null) {
                throw new FieldError("note", "field 'note' is required with reason OTHER: say why the person leaves");
            }
        } else if (reason != null) {
            throw new FieldError("reason", "field 'reason' is only for LEFT; write anything else in 'note'");
        }
        if (outcome == Outcome.CHANGED) {
            if (changes == null || !changes.isObject() || changes.isEmpty()) {
                throw new FieldError("changes", "field 'changes' is required with CHANGED: an object of the resident"
                        + " fields to change, such as {\"school\":\"镇中心小学\"}");
            }
            if (changes.has("active")) {
                throw new FieldError("changes.active", "field 'changes.active' cannot be changed by a review; send"
                        + " LEFT with a reason for someone who leaves");
            }
        } else if (changes != null && !(changes.isObject() && changes.isEmpty())) {
            throw new FieldError("changes", "field 'changes' is only for CHANGED");
        }
    }
}
