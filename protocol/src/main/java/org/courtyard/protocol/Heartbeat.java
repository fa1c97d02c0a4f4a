package org.courtyard.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Payload of {@link EventType#HEARTBEAT}: how the kiosk is. {@code voice} and {@code speaker} are
 * short human-readable states such as {@code "ok"} or {@code "off: no model at /opt/vosk"}.
 */
public record Heartbeat(String version, @JsonProperty(required = true) long uptimeSeconds,
        @JsonProperty(required = true) int outbox, String voice, String speaker)
        implements EventPayload {

    public Heartbeat {
        Require.text(version, "version");
        if (uptimeSeconds < 0) {
            throw Require.invalid("uptimeSeconds", "field 'uptimeSeconds' must not be negative");
        }
        if (outbox < 0) {
            throw Require.invalid("outbox", "field 'outbox' must not be negative");
        }
        Require.text(voice, "voice");
        Require.text(speaker, "speaker");
    }
}
