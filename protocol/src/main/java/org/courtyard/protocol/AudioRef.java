package org.courtyard.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An announcement's audio as stored on the hub: its SHA-256 (hex), size and length. */
public record AudioRef(String sha256, @JsonProperty(required = true) long bytes,
        @JsonProperty(required = true) long durationMs) {

    public AudioRef {
        Require.text(sha256, "sha256");
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw Require.invalid("sha256", "field 'sha256' must be 64 lowercase hex digits");
        }
        if (bytes <= 0) {
            throw Require.invalid("bytes", "field 'bytes' must be positive");
        }
        if (durationMs < 0) {
            throw Require.invalid("durationMs", "field 'durationMs' must not be negative");
        }
    }
}
