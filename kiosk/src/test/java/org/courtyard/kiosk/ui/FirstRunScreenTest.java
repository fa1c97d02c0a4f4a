package org.courtyard.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.courtyard.kiosk.KioskConfig;
import org.courtyard.kiosk.enrol.Credentials;
import org.courtyard.kiosk.enrol.EnrolmentClient;
import org.courtyard.kiosk.net.HubTls;
import org.courtyard.kiosk.net.TestHubServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The first-run screen, tapped through as a technician would, against a stand-in hub. */
@ExtendWith(ApplicationExtension.class)
class FirstRunScreenTest {

    @TempDir
    Path data;

    private TestHubServer hub;
    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private final CompletableFuture<Credentials> enrolled = new CompletableFuture<>();

    @Start
    void start(Stage stage) throws Exception {
        hub = TestHubServer.http();
        EnrolmentClient client = new EnrolmentClient(HubTls.defaults(), Duration.ofSeconds(5));
        FirstRunWindow.show(stage, client, data, hub.uri(), background, enrolled::complete, false, 800, 480);
    }

    @AfterEach
    void stop() {
        hub.close();
        background.shutdownNow();
    }

    @Test
    void the_configured_hub_and_eight_tapped_digits_enrol_the_kiosk(FxRobot robot) throws Exception {
        assertThat(robot.lookup("#enrol-address").queryAs(TextField.class).getText()).isEqualTo(hub.uri().toString());

        robot.clickOn("#enrol-next");
        for (char digit : "48291736".toCharArray()) {
            robot.clickOn("#digit-" + digit);
        }
        assertThat(robot.lookup("#enrol-code").queryAs(Label.class).getText()).isEqualTo("4829-1736");
        robot.clickOn("#enrol-submit");

        Credentials credentials = enrolled.get(10, TimeUnit.SECONDS);
        assertThat(credentials.kioskId()).isEqualTo("k-7mq2xw9a");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(message(robot)).isEqualTo("激活成功：村委会活动室（大村），马上启动。");
        assertThat(hub.received()).singleElement().satisfies(request ->
                assertThat(request.body()).isEqualTo("{\"code\":\"48291736\"}"));
        assertThat(KioskConfig.parse(new String[] {"--data", data.toString(), "--hardware", "sim"}).kioskId())
                .isEqualTo("k-7mq2xw9a");
    }

    @Test
    void a_short_code_is_not_sent_and_a_digit_can_be_taken_back(FxRobot robot) {
        robot.clickOn("#enrol-next");
        for (char digit : "4829173".toCharArray()) {
            robot.clickOn("#digit-" + digit);
        }
        robot.clickOn("#digit-delete");
        assertThat(robot.lookup("#enrol-code").queryAs(Label.class).getText()).isEqualTo("4829-17__");

        robot.clickOn("#enrol-submit");

        assertThat(message(robot)).isEqualTo("激活码是8位数字，请输完整。");
        assertThat(hub.received()).isEmpty();
        assertThat(enrolled).isNotDone();
    }

    @Test
    void a_refused_code_is_cleared_and_the_hubs_reason_is_shown(FxRobot robot) throws Exception {
        hub.enrolAnswer(401, TestHubServer.error("unauthorized", "this enrolment code is wrong, expired or used"));
        robot.clickOn("#enrol-next");
        for (char digit : "11112222".toCharArray()) {
            robot.clickOn("#digit-" + digit);
        }

        robot.clickOn("#enrol-submit");

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> message(robot).startsWith("服务器不接受"));
        assertThat(message(robot)).isEqualTo(
                "服务器不接受这个激活码，请向管理员要一个新的：this enrolment code is wrong, expired or used");
        assertThat(robot.lookup("#enrol-code").queryAs(Label.class).getText()).isEqualTo("____-____");
        assertThat(enrolled).isNotDone();
    }

    @Test
    void the_address_is_typed_on_the_on_screen_keyboard_and_plain_http_to_the_lan_is_refused(FxRobot robot) {
        robot.clickOn("#enrol-clear");
        for (String key : new String[] {"h", "t", "t", "p", "colon", "slash", "slash", "1", "0", "dot", "0", "dot",
            "0", "dot", "5"}) {
            robot.clickOn("#key-" + key);
        }
        assertThat(robot.lookup("#enrol-address").queryAs(TextField.class).getText()).isEqualTo("http://10.0.0.5");

        robot.clickOn("#enrol-next");

        assertThat(message(robot)).startsWith("地址不对：the hub address http://10.0.0.5 is plain HTTP to another machine");
        assertThat(robot.lookup("#enrol-next").queryAs(Button.class).isVisible()).isTrue();
    }

    @Test
    void every_key_is_big_enough_to_hit_on_a_small_touch_screen(FxRobot robot) {
        assertThat(robot.lookup(".enrol-key").queryAllAs(Button.class)).hasSizeGreaterThan(40)
                .allSatisfy(key -> {
                    assertThat(key.getWidth()).isGreaterThanOrEqualTo(FirstRunScreen.MIN_KEY_PX);
                    assertThat(key.getHeight()).isGreaterThanOrEqualTo(FirstRunScreen.MIN_KEY_PX);
                });
    }

    private static String message(FxRobot robot) {
        return robot.lookup("#enrol-message").queryAs(Label.class).getText();
    }
}
