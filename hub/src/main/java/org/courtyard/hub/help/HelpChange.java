package org.courtyard.hub.help;

/**
 * Something that happened to a help request, as told to the outbox and the listeners.
 * {@code personNamed}: a DETAILS change that named (or changed) who asked.
 */
public record HelpChange(Kind kind, HelpView help, boolean personNamed) {

    public HelpChange(Kind kind, HelpView help) {
        this(kind, help, false);
    }

    public enum Kind {
        /** A kiosk sent a new request. */
        CREATED,
        /** The status changed (by staff, or cancelled by the kiosk). */
        UPDATED,
        /** It has been NEW for longer than the overdue time. */
        OVERDUE,
        /**
         * The kiosk added what the person told it afterwards (the category, or a voice memo); the
         * status is unchanged.
         */
        DETAILS,
        /** The person pressed again while it was open (a counted repeat); the status is unchanged. */
        REPEATED
    }
}
