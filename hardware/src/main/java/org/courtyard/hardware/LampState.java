package org.courtyard.hardware;

public enum LampState {
    OFF,
    ON,
    BLINK
}
