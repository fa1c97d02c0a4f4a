package org.courtyard.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.courtyard.kiosk.enrol.Credentials;
import org.courtyard.kiosk.enrol.EnrolmentClient;
import org.courtyard.kiosk.net.HubTls;
import org.courtyard.kiosk.net.TestHubServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** {@link FirstRunWindow#run} as the launcher uses it: it blocks until the kiosk is enrolled. */
class FirstRunWindowTest {

    @TempDir
    Path data;

    private TestHubServer hub;
    private EnrolmentClient client;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void hub() throws Exception {
        hub = TestHubServer.http();
        client = new EnrolmentClient(HubTls.defaults(), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void run_returns_the_saved_credentials_once_the_code_was_accepted_and_closes_its_window() throws Exception {
        CompletableFuture<Optional<Credentials>> result = CompletableFuture.supplyAsync(
                () -> FirstRunWindow.run(client, data, hub.uri()));
        Stage window = await();

        press(window, "#enrol-next");
        for (char digit : "48291736".toCharArray()) {
            press(window, "#digit-" + digit);
        }
        press(window, "#enrol-submit");

        Optional<Credentials> credentials = result.get(20, TimeUnit.SECONDS);
        assertThat(credentials).map(Credentials::kioskId).contains("k-7mq2xw9a");
        assertThat(Credentials.load(data)).isEqualTo(credentials);
        assertThat(window.isShowing()).isFalse();
    }

    @Test
    void run_returns_nothing_when_the_window_is_closed_before_enrolment() throws Exception {
        CompletableFuture<Optional<Credentials>> result = CompletableFuture.supplyAsync(
                () -> FirstRunWindow.run(client, data, hub.uri()));
        Stage window = await();

        WaitForAsyncUtils.asyncFx(window::close).get(5, TimeUnit.SECONDS);

        assertThat(result.get(10, TimeUnit.SECONDS)).isEmpty();
        assertThat(hub.received()).isEmpty();
    }

    private static void press(Stage window, String id) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> ((Button) window.getScene().lookup(id)).fire()).get(5, TimeUnit.SECONDS);
    }

    /** The showing first-run window (titled 设备激活). */
    private static Stage await() throws Exception {
        Stage[] found = new Stage[1];
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            found[0] = WaitForAsyncUtils.asyncFx(() -> Window.getWindows().stream()
                    .filter(window -> window.isShowing() && window instanceof Stage stage
                            && "设备激活".equals(stage.getTitle()))
                    .map(Stage.class::cast).findFirst().orElse(null)).get(5, TimeUnit.SECONDS);
            return found[0] != null;
        });
        return found[0];
    }
}
