package org.courtyard.protocol;

/** What a {@link HelpHistoryEntry} records. */
public enum HelpHistoryEvent {
    /** The request moved to {@code status} (its arrival is the step to NEW). */
    STATUS,
    /** The person pressed for help again while it was open; {@code status} is the status it had. */
    REPEATED
}
