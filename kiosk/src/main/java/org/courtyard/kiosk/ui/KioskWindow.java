package org.courtyard.kiosk.ui;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.courtyard.kiosk.Kiosk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk's touch screen window. {@link #run} starts JavaFX with {@code Platform.startup}
 * (the launcher is not an {@code Application}, so the shaded jar starts without a JavaFX module
 * path), shows the window and blocks until it is closed.
 *
 * <p>Full screen when the system property {@code courtyard.fullscreen} is {@code true} (a kiosk's
 * service unit sets it); otherwise a normal 1024x600 window for a PC. In full screen there is no
 * way out from the screen at all ({@link #lockFullScreen}); the kiosk stops with its service.
 */
public final class KioskWindow {

    /** System property: {@code -Dcourtyard.fullscreen=true} fills the screen. */
    public static final String FULLSCREEN_PROPERTY = "courtyard.fullscreen";

    private static final Logger LOG = LoggerFactory.getLogger(KioskWindow.class);
    private static final double PC_WIDTH = 1024;
    private static final double PC_HEIGHT = 600;

    private KioskWindow() {
    }

    /**
     * Shows the kiosk's window and returns when it has been closed (or the calling thread is
     * interrupted, which closes it). If this call started the JavaFX toolkit it also stops it;
     * a toolkit that was already running (as in tests) is left running.
     *
     * @throws IllegalStateException if called on the JavaFX thread, which this call would block
     */
    public static void run(Kiosk kiosk) {
        Objects.requireNonNull(kiosk, "kiosk");
        if (Platform.isFxApplicationThread()) {
            throw new IllegalStateException("KioskWindow.run blocks until the window closes; "
                    + "call it from the main thread, not the JavaFX thread");
        }
        boolean startedHere = startToolkit();
        CountDownLatch closed = new CountDownLatch(1);
        AtomicReference<Stage> shown = new AtomicReference<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Platform.runLater(() -> {
            try {
                Stage stage = new Stage();
                stage.setOnHidden(event -> closed.countDown());
                show(stage, kiosk, Clock.systemUTC(), Boolean.getBoolean(FULLSCREEN_PROPERTY), PC_WIDTH, PC_HEIGHT);
                shown.set(stage);
            } catch (RuntimeException e) {
                failure.set(e);
                closed.countDown();
            }
        });
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Platform.runLater(() -> {
                Stage stage = shown.get();
                if (stage != null) {
                    stage.close();
                }
            });
        } finally {
            if (startedHere) {
                Platform.exit();
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("the kiosk window could not be shown: " + failure.get().getMessage(),
                    failure.get());
        }
    }

    /**
     * Puts the kiosk's screens on {@code stage} in a {@code width} x {@code height} scene (the
     * size of the window when not in full screen) and shows it; on the JavaFX thread. The view
     * stops following the kiosk when the stage is hidden. {@code clock} must be the kiosk's, as
     * the 按错了 window is measured with it; tests pass their own stage, clock and size.
     */
    static KioskView show(Stage stage, Kiosk kiosk, Clock clock, boolean fullScreen, double width, double height) {
        KioskViewModel model = new KioskViewModel(kiosk, clock);
        KioskView view = new KioskView(model);
        stage.setTitle(model.text("app.title"));
        stage.setScene(view.createScene(width, height));
        if (fullScreen) {
            lockFullScreen(stage);
        }
        stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDDEN, event -> model.detach());
        model.attach();
        stage.show();
        return view;
    }

    /**
     * Full screen with no way out by touch or key: no exit hint, no exit key (Esc does nothing),
     * full screen again at once if anything leaves it, and a close request from the window system
     * (a compositor's close gesture or Alt+F4) ignored. The kiosk ends when its service is
     * stopped, never from the screen. On the JavaFX thread, before the stage is shown.
     */
    static void lockFullScreen(Stage stage) {
        stage.setFullScreenExitHint("");
        stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
        stage.setFullScreen(true);
        stage.fullScreenProperty().addListener((obs, was, now) -> {
            if (!now && stage.isShowing()) {
                LOG.warn("The kiosk window left full screen; going back");
                // Later, and only if it is still up: a window being closed leaves full screen too.
                Platform.runLater(() -> {
                    if (stage.isShowing() && !stage.isFullScreen()) {
                        stage.setFullScreen(true);
                    }
                });
            }
        });
        stage.addEventFilter(javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST, event -> {
            LOG.warn("Ignoring a request to close the full-screen kiosk window");
            event.consume();
        });
    }

    /** Starts the toolkit; false when it was already running. */
    private static boolean startToolkit() {
        CountDownLatch started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyRunning) {
            LOG.debug("JavaFX is already running; showing the kiosk window on it");
            return false;
        }
        // The window's closing ends run(); stopping the toolkit is run()'s job, not JavaFX's.
        Platform.setImplicitExit(false);
        try {
            started.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting JavaFX", e);
        }
        return true;
    }
}
