package org.courtyard.protocol;

/**
 * Payload of {@link EventType#AUDIO_DOWNLOADED}: the kiosk holds an announcement's audio, complete and
 * checked against {@code sha256}, so scheduled plays need no network. {@code sha256} names the audio the
 * kiosk has, which may be older than the hub's if the audio was replaced meanwhile.
 */
public record AudioDownloaded(String announcementId, String sha256) implements EventPayload {

    public AudioDownloaded {
        Require.line(announcementId, "announcementId");
        Require.line(sha256, "sha256");
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw Require.invalid("sha256", "field 'sha256' must be 64 lowercase hex digits");
        }
    }
}
