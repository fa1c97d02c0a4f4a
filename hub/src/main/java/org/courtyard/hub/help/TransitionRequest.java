package org.courtyard.hub.help;

import org.courtyard.protocol.HelpStatus;

/** Body of {@code POST /api/v1/help-requests/{id}/transitions}. */
public record TransitionRequest(HelpStatus to, String note, String assignee) {

    public TransitionRequest {
        if (to == null) {
            throw new IllegalArgumentException("missing required field 'to' (ACKNOWLEDGED, ASSIGNED, RESOLVED or CANCELLED)");
        }
        note = note == null || note.isBlank() ? null : note.trim();
        if (note != null && note.length() > 2000) {
            throw new IllegalArgumentException("field 'note' must have at most 2000 characters");
        }
        assignee = assignee == null || assignee.isBlank() ? null : assignee.trim();
        if (assignee != null && assignee.length() > 100) {
            throw new IllegalArgumentException("field 'assignee' must have at most 100 characters");
        }
        if (to == HelpStatus.ASSIGNED && assignee == null) {
            throw new IllegalArgumentException("field 'assignee' is required to move a request to ASSIGNED");
        }
    }
}
