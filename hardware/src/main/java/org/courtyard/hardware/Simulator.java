package org.courtyard.hardware;

/**
 * Drives simulated hardware the way a person would drive the real one: the kiosk maps keys in its
 * window and the headless {@code press} / {@code long-press} commands to these calls. The press
 * goes through the same debounce and long-press logic as a GPIO edge on a Pi.
 */
public interface Simulator {

    /** A short press of the physical help button. */
    void pressButton();

    /** A press held past the long-press threshold. */
    void longPressButton();

    /** Whether the amplifier relay is switched on right now. */
    boolean relayOn();

    /** The current state of a lamp. */
    LampState lampState(LampRole role);
}
