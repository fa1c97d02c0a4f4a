package org.courtyard.hardware;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * All devices of one kiosk, opened together by {@link HardwareFactory#create}. Closing switches the
 * relay and every lamp off and releases GPIO and audio lines; closing twice is safe.
 */
public interface Hardware extends AutoCloseable {

    Loudspeaker loudspeaker();

    HelpButton helpButton();

    /**
     * A home unit's green 报平安 button. Without one configured (a courtyard kiosk) it takes
     * listeners and never calls them.
     */
    HelpButton checkInButton();

    Lamps lamps();

    Microphone microphone();

    /** Present and working state of every device, for the status line and heartbeats. */
    List<DeviceHealth> health();

    /**
     * Registers a listener for every hardware action (relay switched, lamp changed, audio started
     * or ended, button pressed). Listeners run on one ordered executor, never on a GPIO thread.
     */
    void addActionListener(Consumer<HardwareAction> listener);

    /** The drivable side of simulated hardware; empty on a real Pi. */
    Optional<Simulator> simulator();

    @Override
    void close();
}
