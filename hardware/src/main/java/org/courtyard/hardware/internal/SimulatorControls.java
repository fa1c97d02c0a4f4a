package org.courtyard.hardware.internal;

import java.time.Duration;
import java.util.Objects;
import org.courtyard.hardware.HardwareConfig;
import org.courtyard.hardware.LampRole;
import org.courtyard.hardware.LampState;
import org.courtyard.hardware.Lamps;
import org.courtyard.hardware.Simulator;

/**
 * The drivable side of {@code sim}: a press is a pressed edge now and a released edge a little
 * later, fed to the same {@link ButtonLogic} a GPIO edge goes through, so the kiosk sees the same
 * debounce delay and long-press timing as on a Pi. Both methods return at once.
 */
public final class SimulatorControls implements Simulator {

    private final ButtonLogic button;
    private final ButtonLogic checkInButton;
    private final Scheduler scheduler;
    private final Duration shortHold;
    private final Duration longHold;
    private final RelayLoudspeaker loudspeaker;
    private final Lamps lamps;

    /** @param checkInButton the green 报平安 button's logic; null without one */
    public SimulatorControls(ButtonLogic button, ButtonLogic checkInButton, Scheduler scheduler, HardwareConfig config,
            RelayLoudspeaker loudspeaker, Lamps lamps) {
        this.button = Objects.requireNonNull(button, "button");
        this.checkInButton = checkInButton;
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.loudspeaker = Objects.requireNonNull(loudspeaker, "loudspeaker");
        this.lamps = Objects.requireNonNull(lamps, "lamps");
        Duration debounce = config.debounce();
        Duration halfway = debounce.plus(config.longPress().minus(debounce).dividedBy(2));
        Duration threeDebounces = debounce.multipliedBy(3);
        this.shortHold = threeDebounces.compareTo(halfway) < 0 ? threeDebounces : halfway;
        this.longHold = config.longPress().plus(debounce.multipliedBy(2));
    }

    /** Holds the button for three debounce times (150 ms by default), well short of a long press. */
    @Override
    public void pressButton() {
        hold(button, shortHold);
    }

    /** Holds the button past the long-press threshold by two debounce times. */
    @Override
    public void longPressButton() {
        hold(button, longHold);
    }

    @Override
    public void pressCheckInButton() {
        hold(checkIn(), shortHold);
    }

    @Override
    public void longPressCheckInButton() {
        hold(checkIn(), longHold);
    }

    private ButtonLogic checkIn() {
        if (checkInButton == null) {
            throw new IllegalStateException("this kiosk has no check-in button (hardware.checkin-button.pin); only a"
                    + " home unit has one");
        }
        return checkInButton;
    }

    /**
     * The release is stamped with the time the finger lets go ({@code duration} after the press),
     * not the time its timer happens to run: on a busy machine the timer runs late, and a release
     * stamped late would turn a short press into a long one.
     */
    private void hold(ButtonLogic which, Duration duration) {
        long pressedAt = scheduler.nanoTime();
        which.edge(true, pressedAt);
        scheduler.schedule(duration, () -> which.edge(false, pressedAt + duration.toNanos()));
    }

    @Override
    public boolean relayOn() {
        return loudspeaker.relayOn();
    }

    @Override
    public LampState lampState(LampRole role) {
        return lamps.state(role);
    }
}
