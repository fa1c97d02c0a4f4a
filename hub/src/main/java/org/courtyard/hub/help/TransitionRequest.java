package org.courtyard.hub.help;

import org.courtyard.protocol.HelpStatus;
import org.courtyard.protocol.Text;

/** Body of {@code POST /api/v1/help-requests/{id}/transitions}. */
public record TransitionRequest(HelpStatus to, String note, String assignee) {

    public TransitionRequest {
        if (to == null) {
            throw new IllegalArgumentException("missing required field 'to' (ACKNOWLEDGED, ASSIGNED, RESOLVED or CANCELLED)");
        }
        note = note == null || note.isBlank() ? null : Text.note(note.trim(), "note");
        if (note != null && note.length() > 2000) {
            throw new IllegalArgumentException("field 'note' must have at most 2000 characters");
        }
        assignee = assignee == null || assignee.isBlank() ? null : Text.line(assignee.trim(), "assignee");
        if (assignee != null && assignee.length() > 100) {
            throw new IllegalArgumentException("field 'assignee' must have at most 100 characters");
        }
        if (to == HelpStatus.ASSIGNED && assignee == null) {
            throw new IllegalArgumentException("field 'assignee' is required to move a request to ASSIGNED");
        }
    }
}
