package org.courtyard.kiosk.ui;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.courtyard.kiosk.enrol.Credentials;
import org.courtyard.kiosk.enrol.EnrolmentClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window of a kiosk that is not enrolled yet: {@link #run} shows the first-run screen, blocks
 * until the kiosk is enrolled (the credentials are saved by then) or the window is closed, and
 * leaves the JavaFX toolkit running for the kiosk's own window, which the launcher opens next.
 * Full screen, with no exit key, under the same system property as {@link KioskWindow}.
 */
public final class FirstRunWindow {

    private static final Logger LOG = LoggerFactory.getLogger(FirstRunWindow.class);
    /** How long "激活成功" stays before the kiosk's screen takes over. */
    private static final javafx.util.Duration SUCCESS_SHOWN = javafx.util.Duration.seconds(2);

    private FirstRunWindow() {
    }

    /**
     * Shows the first-run screen until enrolment succeeds.
     *
     * @param configuredHub the hub of the configuration, pre-filled; may be null
     * @return the saved credentials, or empty if the window was closed first
     * @throws IllegalStateException if called on the JavaFX thread, which this call would block
     */
    public static Optional<Credentials> run(EnrolmentClient client, Path dataDir, URI configuredHub) {
        Objects.requireNonNull(client, "client");
        if (Platform.isFxApplicationThread()) {
            throw new IllegalStateException("FirstRunWindow.run blocks until the kiosk is enrolled; "
                    + "call it from the main thread, not the JavaFX thread");
        }
        startToolkit();
        CountDownLatch finished = new CountDownLatch(1);
        AtomicReference<Credentials> result = new AtomicReference<>();
        AtomicReference<Stage> shown = new AtomicReference<>();
        ExecutorService background = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kiosk-enrolment");
            thread.setDaemon(true);
            return thread;
        });
        Platform.runLater(() -> {
            try {
                Stage stage = new Stage();
                shown.set(stage);
                stage.setOnHidden(event -> finished.countDown());
                show(stage, client, dataDir, configuredHub, background, credentials -> {
                    result.set(credentials);
                    PauseTransition pause = new PauseTransition(SUCCESS_SHOWN);
                    pause.setOnFinished(event -> stage.hide());
                    pause.play();
                }, Boolean.getBoolean(KioskWindow.FULLSCREEN_PROPERTY), 1024, 600);
            } catch (RuntimeException e) {
                LOG.error("The first-run screen could not be shown", e);
                finished.countDown();
            }
        });
        try {
            finished.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Platform.runLater(() -> {
                Stage stage = shown.get();
                if (stage != null) {
                    stage.hide();
                }
            });
        } finally {
            background.shutdownNow();
        }
        return Optional.ofNullable(result.get());
    }

    /**
     * Puts the first-run screen on {@code stage} and shows it; on the JavaFX thread. Tests pass
     * their own stage, executor and size.
     */
    static FirstRunViewModel show(Stage stage, EnrolmentClient client, Path dataDir, URI configuredHub,
            java.util.concurrent.Executor background, java.util.function.Consumer<Credentials> enrolled,
            boolean fullScreen, double width, double height) {
        FirstRunViewModel model = new FirstRunViewModel(client, dataDir, configuredHub, background, enrolled);
        FirstRunScreen screen = new FirstRunScreen(model);
        stage.setTitle(model.text("enrol.title"));
        stage.setScene(screen.createScene(width, height));
        if (fullScreen) {
            KioskWindow.lockFullScreen(stage);
        }
        stage.show();
        return model;
    }

    private static void startToolkit() {
        CountDownLatch started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyRunning) {
            LOG.debug("JavaFX is already running; showing the first-run screen on it");
            return;
        }
        // The kiosk's window follows this one: closing it must not stop the toolkit.
        Platform.setImplicitExit(false);
        try {
            started.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting JavaFX", e);
        }
    }
}
