package org.courtyard.hardware.internal;

import java.util.function.Supplier;

/** Opening pins with an error that says which pin, what for, and through which provider. */
final class Gpio {

    private Gpio() {
    }

    static <T> T open(String role, int pin, String provider, Supplier<T> create) {
        try {
            return create.get();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot open BCM " + pin + " for the " + role + " with Pi4J provider '"
                    + provider + "': " + e.getMessage(), e);
        }
    }
}
