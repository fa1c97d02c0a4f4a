package org.courtyard.kiosk.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Any screen returns home after {@code idleHome} without a touch, a press or a word. The views call
 * {@link #touch()} on every touch (the screen's event filter, the headless console, the help button,
 * the voice). A feature that keeps someone at the kiosk without touches (a cadre holding the talk
 * button) says so with {@link #presentWhile}. Checks once a second on its own thread; closing
 * twice is safe.
 */
public final class IdleTimer implements AutoCloseable {

    private final KioskModel model;
    private final Clock clock;
    private final Duration idleHome;
    private final List<BooleanSupplier> presence = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kiosk-idle");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Instant lastTouch;

    public IdleTimer(KioskModel model, Clock clock, Duration idleHome) {
        this.model = model;
        this.clock = clock;
        this.idleHome = idleHome;
        this.lastTouch = clock.instant();
    }

    /**
     * Someone is at the kiosk while {@code present} says so, touching or not: asked once a second,
     * on the timer's thread; keep it short.
     */
    public void presentWhile(BooleanSupplier present) {
        presence.add(present);
    }

    /** Any touch or press: the idle minute starts again. */
    public void touch() {
        lastTouch = clock.instant();
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
    }

    private void check() {
        for (BooleanSupplier present : presence) {
            if (present.getAsBoolean()) {
                // The idle minute starts when they leave.
                touch();
                return;
            }
        }
        if (Duration.between(lastTouch, clock.instant()).compareTo(idleHome) < 0) {
            return;
        }
        model.execute(() -> {
            if (model.state().screen() != Screen.HOME) {
                model.update(state -> state.withScreen(Screen.HOME));
            }
        });
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
