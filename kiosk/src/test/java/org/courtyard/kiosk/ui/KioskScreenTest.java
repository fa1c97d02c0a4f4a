package org.courtyard.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.courtyard.kiosk.ui.OnScreen.settle;
import static org.courtyard.kiosk.ui.OnScreen.shownTexts;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.courtyard.kiosk.Kiosk;
import org.courtyard.kiosk.core.LocalHelpStatus;
import org.courtyard.kiosk.core.Screen;
import org.courtyard.protocol.HelpCategory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The touch screen on a real kiosk (simulated hardware, no hub reachable), driven the way an
 * elder drives it: taps on what is shown, and the physical button through the simulator's keys.
 */
@ExtendWith(ApplicationExtension.class)
class KioskScreenTest {

    @TempDir
    Path dir;

    private Kiosk kiosk;
    private Stage stage;
    private final List<String> hardwareActions = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        this.stage = stage;
        kiosk = TestKiosks.create(dir, "hardware.button.long-press-ms=200");
        kiosk.hardware().addActionListener(action -> hardwareActions.add(action.line()));
        KioskWindow.show(stage, kiosk, Clock.systemUTC(), false, 800, 480);
    }

    @AfterEach
    void close() {
        kiosk.close();
    }

    @Test
    void home_screen_shows_the_bundles_words_without_talk_while_the_voice_is_off_and_no_scroll_pane(FxRobot robot) {
        List<String> words = robot.lookup(".home-button").queryAllAs(Button.class).stream()
                .filter(OnScreen::visibleInTree).map(Labeled::getText).toList();

        // This kiosk has no voice model: 说话 would only say so, so it is not offered.
        assertThat(words).containsExactly(text("home.help"), text("home.checkin"), text("home.announcements"));
        assertThat(words).containsExactly("求助", "报平安", "听通知");
        assertThat(robot.lookup(node -> node instanceof ScrollPane).queryAll()).isEmpty();
    }

    @Test
    void tapping_help_once_shows_the_saved_status_and_the_cancel_button(FxRobot robot) throws Exception {
        robot.clickOn(button(robot, "home.help"));
        settle(kiosk);

        assertThat(kiosk.model().state().screen()).isEqualTo(Screen.HELP);
        assertThat(kiosk.model().state().help()).isNotNull();
        assertThat(kiosk.model().state().help().status()).isEqualTo(LocalHelpStatus.SAVED);
        assertThat(shownTexts(robot)).contains("求助已保存，正在发送", "按错了", "返回");
        assertThat(button(robot, "help.cancel").isVisible()).isTrue();
        assertThat(robot.lookup(".home-button").queryAll()).isEmpty();
    }

    @Test
    void after_sending_the_kind_of_help_can_be_chosen_with_one_tap(FxRobot robot) throws Exception {
        robot.clickOn(button(robot, "home.help"));
        settle(kiosk);
        assertThat(shownTexts(robot)).contains("紧急", "看病", "生活", "其他");

        robot.clickOn(button(robot, "help.category.MEDICAL"));
        settle(kiosk);

        assertThat(kiosk.model().state().help().category()).isEqualTo(HelpCategory.MEDICAL);
        assertThat(kiosk.model().state().lastPrompt()).isEqualTo("help.category.thanks");
        assertThat(shownTexts(robot)).doesNotContain("紧急", "看病", "生活", "其他").contains("按错了");
    }

    @Test
    void tapping_cancel_takes_the_request_back_and_shows_cancelled(FxRobot robot) throws Exception {
        robot.clickOn(button(robot, "home.help"));
        settle(kiosk);

        robot.clickOn(button(robot, "help.cancel"));
        settle(kiosk);
        robot.clickOn(button(robot, "help.cancel.yes"));
        settle(kiosk);

        assertThat(kiosk.model().state().help().status()).isEqualTo(LocalHelpStatus.CANCELLED);
        assertThat(shownTexts(robot)).contains("已取消").doesNotContain("按错了");
    }

    @Test
    void after_cancelling_by_mistake_help_can_be_asked_again_from_the_same_screen(FxRobot robot)
            throws Exception {
        robot.clickOn(button(robot, "home.help"));
        settle(kiosk);
        UUID first = kiosk.model().state().help().id();
        robot.clickOn(button(robot, "help.cancel"));
        settle(kiosk);
        robot.clickOn(button(robot, "help.cancel.yes"));
        settle(kiosk);

        robot.clickOn(button(robot, "home.help"));
        settle(kiosk);

        assertThat(kiosk.model().state().help().id()).isNotEqualTo(first);
        assertThat(kiosk.model().state().help().status()).isEqualTo(LocalHelpStatus.SAVED);
        assertThat(shownTexts(robot)).contains("求助已保存，正在发送", "按错了").doesNotContain("求助");
    }

    @Test
    void the_cancel_button_disappears_when_the_cancel_window_runs_out(FxRobot robot) throws Exception {
        kiosk.close();
        kiosk = TestKiosks.create(dir, "help.cancel-window-seconds=3");
        Kiosk shortWindow = kiosk;
        WaitForAsyncUtils.asyncFx(() -> KioskWindow.show(stage, shortWindow, Clock.systemUTC(), false, 800, 480))
                .get(5, TimeUnit.SECONDS);
        settle(kiosk);

        robot.clickOn(button(robot, "home.help"));
        WaitForAsyncUtils.waitFor(3, TimeUnit.SECONDS, () -> shownTexts(robot).contains("按错了"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !shownTexts(robot).contains("按错了"));

        assertThat(shownTexts(robot)).contains("求助已保存，正在发送", "返回");
        assertThat(kiosk.model().state().help().status()).isEqualTo(LocalHelpStatus.SAVED);
    }

    @Test
    void back_returns_home_from_the_help_screen(FxRobot robot) throws Exception {
        robot.clickOn(button(robot, "home.help"));
        settle(kiosk);

        robot.clickOn(button(robot, "ui.back"));
        settle(kiosk);

        assertThat(kiosk.model().state().screen()).isEqualTo(Screen.HOME);
        assertThat(robot.lookup(".home-button").queryAll().stream().filter(OnScreen::visibleInTree)).hasSize(3);
        assertThat(shownTexts(robot)).doesNotContain("返回");
    }

    @Test
    void pressing_h_with_simulated_hardware_raises_help_like_the_red_button(FxRobot robot) throws Exception {
        kiosk.start();

        robot.type(KeyCode.H);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> kiosk.model().state().help() != null);
        settle(kiosk);

        assertThat(kiosk.model().state().help().status()).isEqualTo(LocalHelpStatus.SAVED);
        assertThat(kiosk.model().state().screen()).isEqualTo(Screen.HELP);
        // Started, the kiosk knows the hub does not answer: it says so, not 正在发送.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> shownTexts(robot).contains("网络不通，求助已保存，稍后自动发出"));
        assertThat(shownTexts(robot)).contains("按错了");
        // The hardware reports its lines on its own thread (before it calls the button's listeners).
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> hardwareActions.contains("button press"));
    }

    @Test
    void holding_l_with_simulated_hardware_opens_push_to_talk_with_the_voice_status(FxRobot robot)
            throws Exception {
        kiosk.start();

        robot.type(KeyCode.L);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> kiosk.model().state().screen() == Screen.LISTENING);
        settle(kiosk);

        assertThat(shownTexts(robot)).contains(text("voice.off"), "返回");
    }

    @Test
    void the_sim_strip_shows_the_sending_lamp_blinking_after_a_help_request(FxRobot robot) throws Exception {
        assertThat(simStrip(robot)).contains("继电器：关", "发送灯：灭");

        robot.clickOn(button(robot, "home.help"));
        settle(kiosk);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> simStrip(robot).contains("发送灯：闪"));

        assertThat(simStrip(robot)).contains("发送灯：闪", "收到灯：灭");
    }

    @Test
    void check_in_without_residents_says_whom_to_ask_and_offers_a_way_back(FxRobot robot) throws Exception {
        robot.clickOn(button(robot, "home.checkin"));
        settle(kiosk);

        assertThat(kiosk.model().state().screen()).isEqualTo(Screen.CHECK_IN);
        assertThat(kiosk.model().state().lastPrompt()).isEqualTo("checkin.prompt");
        assertThat(shownTexts(robot)).contains(text("checkin.empty"), "返回", "再听一遍");
    }

    @Test
    void announcements_without_any_say_so_and_offer_a_way_back(FxRobot robot) throws Exception {
        robot.clickOn(button(robot, "home.announcements"));
        settle(kiosk);

        assertThat(kiosk.model().state().screen()).isEqualTo(Screen.ANNOUNCEMENTS);
        assertThat(shownTexts(robot)).contains(text("announcements.empty"), "返回", "再听一遍");
        assertThat(kiosk.model().state().lastPrompt()).isEqualTo("announcements.none");
    }

    @Test
    void repeat_speaks_the_last_prompt_again(FxRobot robot) throws Exception {
        robot.clickOn(button(robot, "home.checkin"));
        settle(kiosk);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> countStarts("prompt-checkin.prompt") == 1);

        robot.clickOn(button(robot, "ui.repeat"));
        settle(kiosk);

        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> countStarts("prompt-checkin.prompt") == 2);
        assertThat(kiosk.model().state().lastPrompt()).isEqualTo("checkin.prompt");
    }

    @Test
    void the_status_line_says_the_link_state_in_chinese(FxRobot robot) throws Exception {
        settle(kiosk);

        assertThat(shownTexts(robot)).contains(text("link." + kiosk.model().state().link().name()));
    }

    private long countStarts(String clip) {
        return hardwareActions.stream().filter(line -> line.startsWith("audio start") && line.contains(clip)).count();
    }

    private String text(String key) {
        return kiosk.prompts().text(key);
    }

    private Button button(FxRobot robot, String key) {
        String word = text(key);
        List<Button> matches = robot.lookup(".kiosk-button").queryAllAs(Button.class).stream()
                .filter(button -> button.getText().equals(word) && button.isVisible()).toList();
        assertThat(matches).as("visible buttons saying %s", word).hasSize(1);
        return matches.get(0);
    }


    private static String simStrip(FxRobot robot) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> robot.lookup(".sim-strip").queryAs(Labeled.class).getText())
                .get(5, TimeUnit.SECONDS);
    }


}
