package org.courtyard.protocol;

import java.time.Instant;

/**
 * One step in a help request's life: who moved it to which status, when, with what note; or a
 * repeated press ({@link HelpHistoryEvent#REPEATED}, with the status the request had then). An
 * entry without {@code event}, from a hub before repeats, is a status change.
 */
public record HelpHistoryEntry(HelpHistoryEvent event, HelpStatus status, String by, String assignee, String note,
        Instant at) {

    public HelpHistoryEntry {
        event = event == null ? HelpHistoryEvent.STATUS : event;
        Require.present(status, "status");
        by = Require.optionalText(by, "by");
        assignee = Require.optionalText(assignee, "assignee");
        note = Require.optionalText(note, "note");
        Require.present(at, "at");
    }

    /** A status change. */
    public static HelpHistoryEntry status(HelpStatus status, String by, String assignee, String note, Instant at) {
        return new HelpHistoryEntry(HelpHistoryEvent.STATUS, status, by, assignee, note, at);
    }
}
