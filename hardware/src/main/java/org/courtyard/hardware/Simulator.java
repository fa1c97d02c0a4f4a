package org.courtyard.hardware;

/**
 * Drives simulated hardware the way a person would drive the real one: the kiosk maps keys in its
 * window and the headless {@code press} / {@code long-press} (and a home unit's {@code checkin})
 * commands to these calls. A press goes through the same debounce and long-press logic as a GPIO
 * edge on a Pi.
 */
public interface Simulator {

    /** A short press of the physical help button. */
    void pressButton();

    /** A press held past the long-press threshold. */
    void longPressButton();

    /**
     * A short press of a home unit's green 报平安 button.
     *
     * @throws IllegalStateException if no check-in button is configured
     */
    void pressCheckInButton();

    /**
     * The green button held past the long-press threshold.
     *
     * @throws IllegalStateException if no check-in button is configured
     */
    void longPressCheckInButton();

    /** Whether the amplifier relay is switched on right now. */
    boolean relayOn();

    /** The current state of a lamp. */
    LampState lampState(LampRole role);
}
