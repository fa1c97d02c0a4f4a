package org.courtyard.protocol;

import java.time.Instant;

/** One step in a help request's life: who moved it to which status, when, with what note. */
public record HelpHistoryEntry(HelpStatus status, String by, String assignee, String note, Instant at) {

    public HelpHistoryEntry {
        Require.present(status, "status");
        by = Require.optionalText(by, "by");
        assignee = Require.optionalText(assignee, "assignee");
        note = Require.optionalText(note, "note");
        Require.present(at, "at");
    }
}
