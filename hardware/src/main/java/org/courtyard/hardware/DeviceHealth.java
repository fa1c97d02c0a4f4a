package org.courtyard.hardware;

/**
 * One device's state: {@code present} (found at all) and {@code working} (last use succeeded), with
 * a sentence for people such as "no audio output device; announcements cannot be heard".
 */
public record DeviceHealth(String device, boolean present, boolean working, String detail) {

    public DeviceHealth {
        if (device == null || device.isBlank()) {
            throw new IllegalArgumentException("device must not be blank");
        }
        detail = detail == null ? "" : detail;
    }

    public boolean ok() {
        return present && working;
    }
}
