package org.courtyard.hardware;

/**
 * Something the hardware did, as one line of text for logs and for the headless kiosk's stdout:
 * {@code relay on}, {@code relay off}, {@code lamp acknowledged on}, {@code lamp link blink},
 * {@code audio start chime+announcement-42 (3200 ms)}, {@code audio end announcement-42 PLAYED},
 * {@code button press}, {@code button long-press}.
 */
public record HardwareAction(String line) {

    public HardwareAction {
        if (line == null || line.isBlank()) {
            throw new IllegalArgumentException("line must not be blank");
        }
    }

    @Override
    public String toString() {
        return line;
    }
}
