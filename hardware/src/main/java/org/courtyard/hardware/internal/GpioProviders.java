package org.courtyard.hardware.internal;

import java.util.Objects;

/**
 * Which Pi4J providers open the pins, by provider id, so that no class here compiles against a
 * particular plugin. {@link org.courtyard.hardware.HardwareFactory} picks the ids.
 */
public record GpioProviders(String digitalOutput, String digitalInput) {

    public GpioProviders {
        Objects.requireNonNull(digitalOutput, "digitalOutput");
        Objects.requireNonNull(digitalInput, "digitalInput");
    }
}
