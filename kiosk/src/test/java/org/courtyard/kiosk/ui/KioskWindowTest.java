package org.courtyard.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.time.Clock;
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
    void in_full_screen_no_key_touch_or_close_request_leaves_the_kiosk() throws Exception {
        Stage stage = WaitForAsyncUtils.asyncFx(() -> {
            Stage full = new Stage();
            KioskWindow.show(full, kiosk, Clock.systemUTC(), true, 800, 480);
            return full;
        }).get(5, TimeUnit.SECONDS);
        try {
            assertThat(stage.isFullScreen()).isTrue();
            assertThat(stage.getFullScreenExitKeyCombination()).isEqualTo(KeyCombination.NO_MATCH);
            assertThat(stage.getFullScreenExitHint()).isEmpty();

            WaitForAsyncUtils.asyncFx(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)))
                    .get(5, TimeUnit.SECONDS);
            WaitForAsyncUtils.asyncFx(() -> stage.setFullScreen(false)).get(5, TimeUnit.SECONDS);
            WaitForAsyncUtils.waitForFxEvents();

            assertThat(stage.isShowing()).as("still showing after a close request").isTrue();
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, stage::isFullScreen);
        } finally {
            WaitForAsyncUtils.asyncFx(stage::close).get(5, TimeUnit.SECONDS);
        }
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
