package org.courtyard.protocol;

/** An announcement's audio as stored on the hub: its SHA-256 (hex), size and length. */
public record AudioRef(String sha256, long bytes, long durationMs) {

    public AudioRef {
        Require.text(sha256, "sha256");
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("field 'sha256' must be 64 lowercase hex digits");
        }
        if (bytes <= 0) {
            throw new IllegalArgumentException("field 'bytes' must be positive");
        }
        if (durationMs < 0) {
            throw new IllegalArgumentException("field 'durationMs' must not be negative");
        }
    }
}
