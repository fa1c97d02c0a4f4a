package org.courtyard.protocol;

/** The type-specific part of an {@link Event}. */
public sealed interface EventPayload
        permits HelpRequested, HelpCancelled, HelpDetails, HelpRepeated, CheckedIn, CheckInUndone, VisitCheckedIn,
        AnnouncementPlayed, Heartbeat, AudioDownloaded, MessageDelivered, MessageHeard {
}
