package org.courtyard.hardware.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * Turns raw button edges into presses and long presses. Fed with (pressed, time) edges, from a
 * GPIO listener on a Pi or from the {@link org.courtyard.hardware.Simulator}, so both go through
 * the same logic.
 *
 * <p>Debounce: a level counts only once it has held for the debounce time without another edge;
 * contact bounce and spikes shorter than that are ignored. A press that is released before the
 * long-press threshold is a {@link Listener#press() press}, reported on release; one held past the
 * threshold (measured from the first edge of the settled press) is one
 * {@link Listener#longPress() long press}, reported while still held, and its release reports
 * nothing more. What counts is when the edges happened, not when the timers ran: a release that
 * happened before the threshold is a press even if its debounce settles only after the threshold,
 * or if a busy machine ran the long-press timer late.
 *
 * <p>Thread-safe: edges and timers may arrive on different threads. Listener calls are made while
 * holding this object's lock, so the listener must only hand the event on (to the action bus).
 */
public final class ButtonLogic {

    /** Receives the debounced events. */
    public interface Listener {

        void press();

        void longPress();
    }

    private final Duration debounce;
    private final Duration longPress;
    private final Scheduler scheduler;
    private final Listener listener;

    private boolean rawPressed;
    private long rawSince;
    private long edgeCount;
    private Scheduler.Timer settleTimer;

    private boolean pressed;
    private long pressedSince;
    private long pressCount;
    private boolean longPressReported;
    private Scheduler.Timer longPressTimer;

    public ButtonLogic(Duration debounce, Duration longPress, Scheduler scheduler, Listener listener) {
        this.debounce = Objects.requireNonNull(debounce, "debounce");
        this.longPress = Objects.requireNonNull(longPress, "longPress");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * A raw edge: the contact is now {@code pressed} (already translated from the pin level), seen
     * at {@code atNanos} on the scheduler's clock.
     */
    public synchronized void edge(boolean pressed, long atNanos) {
        rawPressed = pressed;
        rawSince = atNanos;
        long edge = ++edgeCount;
        if (settleTimer != null) {
            settleTimer.cancel();
        }
        Duration wait = debounce.minusNanos(scheduler.nanoTime() - atNanos);
        settleTimer = scheduler.schedule(wait, () -> settle(edge));
    }

    /** Whether the button is pressed after debouncing. */
    public synchronized boolean pressed() {
        return pressed;
    }

    /** Forgets timers, e.g. when the hardware closes. */
    public synchronized void stop() {
        edgeCount++;
        pressCount++;
        if (settleTimer != null) {
            settleTimer.cancel();
        }
        if (longPressTimer != null) {
            longPressTimer.cancel();
        }
    }

    private synchronized void settle(long edge) {
        if (edge != edgeCount || rawPressed == pressed) {
            return;
        }
        pressed = rawPressed;
        if (pressed) {
            long press = ++pressCount;
            pressedSince = rawSince;
            longPressReported = false;
            Duration wait = longPress.minusNanos(scheduler.nanoTime() - rawSince);
            longPressTimer = scheduler.schedule(wait, () -> holdReached(press));
        } else {
            pressCount++;
            if (longPressTimer != null) {
                longPressTimer.cancel();
            }
            if (!longPressReported) {
                listener.press();
            }
        }
    }

    private synchronized void holdReached(long press) {
        if (press != pressCount || !pressed || longPressReported) {
            return;
        }
        if (!rawPressed && rawSince - pressedSince < longPress.toNanos()) {
            // Let go before the threshold; the release is still settling. Look again once it has:
            // then it is a press (this press is over), or it was a bounce and the hold goes on.
            Duration wait = debounce.minusNanos(scheduler.nanoTime() - rawSince);
            longPressTimer = scheduler.schedule(wait.isNegative() ? Duration.ZERO : wait, () -> holdReached(press));
            return;
        }
        longPressReported = true;
        listener.longPress();
    }
}
