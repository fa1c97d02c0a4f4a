package org.courtyard.protocol;

/** Every kind of fact a kiosk reports, each with the record its payload is read into. */
public enum EventType {
    HELP_REQUESTED(HelpRequested.class),
    HELP_CANCELLED(HelpCancelled.class),
    HELP_DETAILS(HelpDetails.class),
    HELP_REPEATED(HelpRepeated.class),
    CHECKED_IN(CheckedIn.class),
    CHECK_IN_UNDONE(CheckInUndone.class),
    VISIT_CHECKED_IN(VisitCheckedIn.class),
    ANNOUNCEMENT_PLAYED(AnnouncementPlayed.class),
    HEARTBEAT(Heartbeat.class),
    AUDIO_DOWNLOADED(AudioDownloaded.class),
    MESSAGE_DELIVERED(MessageDelivered.class),
    MESSAGE_HEARD(MessageHeard.class);

    private final Class<? extends EventPayload> payloadType;

    EventType(Class<? extends EventPayload> payloadType) {
        this.payloadType = payloadType;
    }

    public Class<? extends EventPayload> payloadType() {
        return payloadType;
    }

    /** The type whose payload record is {@code payload}'s class. */
    public static EventType of(EventPayload payload) {
        for (EventType type : values()) {
            if (type.payloadType.isInstance(payload)) {
                return type;
            }
        }
        throw new IllegalArgumentException("no event type for payload " + payload.getClass().getName());
    }
}
