package org.courtyard.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.courtyard.kiosk.ui.OnScreen.button;
import static org.courtyard.kiosk.ui.OnScreen.settle;
import static org.courtyard.kiosk.ui.OnScreen.shownTexts;
import static org.courtyard.kiosk.ui.OnScreen.visibleInTree;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.courtyard.kiosk.Kiosk;
import org.courtyard.kiosk.TestRoster;
import org.courtyard.kiosk.core.LocalHelpStatus;
import org.courtyard.kiosk.core.Screen;
import org.courtyard.kiosk.store.KioskStore;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.EventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 14 on the touch screen of a real kiosk (simulated hardware, no hub reachable, the roster in
 * its database): 「您是哪一位？」 after sending, the cancel question, the band on the home screen and
 * 求助中, driven by taps as an elder would.
 */
@ExtendWith(ApplicationExtension.class)
class HelpScreenTest {

    @TempDir
    Path dir;

    private Kiosk kiosk;

    @Start
    void start(Stage stage) {
        TestRoster.seed(dir.resolve("data"));
        kiosk = TestKiosks.create(dir);
        KioskWindow.show(stage, kiosk, Clock.systemUTC(), false, 800, 480);
    }

    @AfterEach
    void close() {
        kiosk.close();
    }

    @Test
    void after_sending_the_screen_asks_who_it_is_and_a_tap_on_a_photo_tile_names_the_request(FxRobot robot)
            throws Exception {
        robot.clickOn(button(robot, "求助"));
        settle(kiosk);
        // Sent first: the request is saved before the question shows.
        assertThat(kiosk.model().state().help().status()).isEqualTo(LocalHelpStatus.SAVED);
        assertThat(shownTexts(robot)).contains("您是哪一位？", "按错了");
        // Beside the status and above 返回 there is no room for photos of the check-in screen's size;
        // the names still come several to a page, not one (a village of fifty would be fifty pages).
        assertThat(robot.lookup(".tile-button").queryAllAs(Button.class).stream().filter(OnScreen::visibleInTree))
                .as("tiles on the first page at 800x480").hasSizeGreaterThanOrEqualTo(4);

        robot.clickOn(tile(robot, "陈秀兰"));
        settle(kiosk);

        assertThat(kiosk.model().state().help().residentId()).isEqualTo("r-chenxiula");
        assertThat(shownTexts(robot)).contains("求助人：陈秀兰", "紧急", "看病", "生活", "其他")
                .doesNotContain("您是哪一位？");
        assertThat(kiosk.model().state().lastPrompt()).isEqualTo("help.who.thanks");
    }

    @Test
    void the_wrong_press_button_is_smaller_than_the_answers_and_asks_before_it_cancels(FxRobot robot)
            throws Exception {
        robot.clickOn(button(robot, "求助"));
        settle(kiosk);
        robot.clickOn(tile(robot, "陈秀兰"));
        settle(kiosk);
        Button cancel = button(robot, "按错了");
        Button medical = button(robot, "看病");
        assertThat(cancel.getHeight()).isLessThan(medical.getHeight());
        assertThat(cancel.getHeight()).isGreaterThanOrEqualTo(KioskView.MIN_TARGET_PX);

        robot.clickOn(cancel);
        settle(kiosk);
        assertThat(shownTexts(robot)).contains("确定取消求助吗？", "是，取消求助", "不取消").doesNotContain("按错了");
        assertThat(kiosk.model().state().help().status()).isEqualTo(LocalHelpStatus.SAVED);
        robot.clickOn(button(robot, "不取消"));
        settle(kiosk);
        assertThat(kiosk.model().state().help().status()).isEqualTo(LocalHelpStatus.SAVED);
        assertThat(shownTexts(robot)).contains("按错了").doesNotContain("确定取消求助吗？");

        robot.clickOn(button(robot, "按错了"));
        settle(kiosk);
        robot.clickOn(button(robot, "是，取消求助"));
        settle(kiosk);

        assertThat(kiosk.model().state().help().status()).isEqualTo(LocalHelpStatus.CANCELLED);
        assertThat(shownTexts(robot)).contains("已取消");
    }

    @Test
    void while_a_request_is_open_home_shows_the_band_and_help_open_which_repeats_and_opens_the_status(
            FxRobot robot) throws Exception {
        robot.clickOn(button(robot, "求助"));
        settle(kiosk);
        robot.clickOn(button(robot, "返回"));
        settle(kiosk);

        assertThat(kiosk.model().state().screen()).isEqualTo(Screen.HOME);
        assertThat(shownTexts(robot)).contains("求助中", "求助已保存，正在发送，刚刚求助").doesNotContain("求助");

        robot.clickOn(button(robot, "求助中"));
        settle(kiosk);

        assertThat(kiosk.model().state().screen()).isEqualTo(Screen.HELP);
        assertThat(kiosk.model().state().help().status()).isEqualTo(LocalHelpStatus.SAVED);
        kiosk.close();
        try (KioskStore store = KioskStore.open(dir.resolve("data"))) {
            assertThat(store.pending(10)).extracting(Event::type)
                    .containsExactly(EventType.HELP_REQUESTED, EventType.HELP_REPEATED);
        }
    }

    private static Button tile(FxRobot robot, String name) {
        List<Button> matches = robot.lookup(".tile-button").queryAllAs(Button.class).stream()
                .filter(button -> name.equals(button.getText()) && visibleInTree(button)).toList();
        assertThat(matches).as("a tile of %s", name).hasSize(1);
        return matches.get(0);
    }
}
