package org.courtyard.hub.family;

import java.time.Instant;

/**
 * A voice message as the family page lists it: which way it went, when, how long, and how far it
 * got. For a message to the resident {@code deliveredAt} is when a kiosk of the village held it
 * ready to play (已送达) and {@code heardAt} when the resident listened to it to its end (已听); for
 * a reply from the resident {@code deliveredAt} is when the hub received it and {@code heardAt}
 * when the family member played it.
 *
 * @param direction {@code TO_RESIDENT} or {@code FROM_RESIDENT}
 * @param audio where the page fetches the recording
 */
public record MessageView(String id, String direction, Instant sentAt, long durationMs, Instant deliveredAt,
        Instant heardAt, String audio) {

    /** {@code /api/v1/family/messages/{id}/audio}. */
    public static String audioPath(String id) {
        return "/api/v1/family/messages/" + id + "/audio";
    }
}
