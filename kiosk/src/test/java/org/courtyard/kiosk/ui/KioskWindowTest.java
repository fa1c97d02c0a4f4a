package org.courtyard.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import javafx.stage.Window;
import org.courtyard.kiosk.Kiosk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** {@link KioskWindow#run} as the launcher uses it: it shows the window and returns when it closes. */
class KioskWindowTest {

    @TempDir
    Path dir;

    private Kiosk kiosk;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void kiosk() {
        kiosk = TestKiosks.create(dir);
    }

    @AfterEach
    void close() {
        kiosk.close();
    }

    @Test
    void run_shows_the_titled_window_and_returns_when_it_is_closed() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread main = new Thread(() -> {
            try {
                KioskWindow.run(kiosk);
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "test-main");
        main.start();

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> kioskWindow() != null);
        Stage window = kioskWindow();
        assertThat(window.getTitle()).isEqualTo("馨安小院");
        assertThat(window.getScene().getWidth()).isEqualTo(1024);
        assertThat(window.getScene().getHeight()).isEqualTo(600);
        assertThat(window.isFullScreen()).isFalse();
        assertThat(main.isAlive()).isTrue();

        WaitForAsyncUtils.asyncFx(window::close).get(5, TimeUnit.SECONDS);
        main.join(TimeUnit.SECONDS.toMillis(10));

        assertThat(main.isAlive()).as("run() returned").isFalse();
        assertThat(failure.get()).isNull();
    }

    @Test
    void run_refuses_the_javafx_thread_it_would_block() throws Exception {
        Throwable thrown = WaitForAsyncUtils.asyncFx(() -> {
            try {
                KioskWindow.run(kiosk);
                return null;
            } catch (IllegalStateException e) {
                return e;
            }
        }).get(5, TimeUnit.SECONDS);

        assertThat(thrown).hasMessageContaining("not the JavaFX thread");
    }

    @Test
    void in_full_screen_there_is_no_exit_key_no_exit_hint_and_close_requests_are_ignored() throws Exception {
        // Not shown: a full-screen window in headless Monocle would disturb the focus of the
        // tests that run after this one. The lock is set up before the window is shown anyway.
        AtomicReference<Boolean> closeHandled = new AtomicReference<>(false);
        Stage stage = WaitForAsyncUtils.asyncFx(() -> {
            Stage full = new Stage();
            KioskWindow.lockFullScreen(full);
            full.addEventHandler(WindowEvent.WINDOW_CLOSE_REQUEST, event -> closeHandled.set(true));
            full.fireEvent(new WindowEvent(full, WindowEvent.WINDOW_CLOSE_REQUEST));
            return full;
        }).get(5, TimeUnit.SECONDS);

        assertThat(stage.isFullScreen()).isTrue();
        assertThat(stage.getFullScreenExitKeyCombination()).isEqualTo(KeyCombination.NO_MATCH);
        assertThat(stage.getFullScreenExitHint()).isEmpty();
        assertThat(closeHandled.get()).as("the close request reached the window's default handling").isFalse();
    }

    /** The showing window titled 馨安小院, other than TestFX's own stage that other tests reuse. */
    private static Stage kioskWindow() throws Exception {
        Stage testFxStage = FxToolkit.toolkitContext().getRegisteredStage();
        return WaitForAsyncUtils.asyncFx(() -> Window.getWindows().stream()
                .filter(window -> window != testFxStage && window.isShowing())
                .filter(window -> window instanceof Stage stage && "馨安小院".equals(stage.getTitle()))
                .map(Stage.class::cast).findFirst().orElse(null)).get(5, TimeUnit.SECONDS);
    }
}
