package org.courtyard.hub.help;

import java.time.Instant;
import java.util.UUID;

/**
 * The voice memo of a help request as staff see it (the {@code voiceMemo} of HELP): the audio's
 * SHA-256, its size and length, what the kiosk's recogniser made of it ({@code transcript}, null
 * when the kiosk had no model), when the hub received it, and where to fetch it ({@code url}).
 */
public record VoiceMemo(String sha256, long bytes, long durationMs, String transcript, Instant receivedAt,
        String url) {

    /** {@code /api/v1/help-requests/{id}/memo}. */
    public static String path(UUID requestId) {
        return "/api/v1/help-requests/" + requestId + "/memo";
    }
}
