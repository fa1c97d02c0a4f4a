package org.courtyard.protocol;

/**
 * An event the hub would not store, with why. {@code id} is the event's id as sent (it may not be
 * a valid UUID: that can be the reason); {@code code} is machine-readable, {@code message} for people.
 */
public record Rejection(String id, String code, String message) {

    public Rejection {
        Require.present(id, "id");
        Require.optionalText(id, "id"); // echoed as sent, so it may be blank, but not unbounded
        Require.text(code, "code");
        Require.text(message, "message");
    }
}
