package org.courtyard.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.courtyard.kiosk.ui.OnScreen.button;
import static org.courtyard.kiosk.ui.OnScreen.settle;
import static org.courtyard.kiosk.ui.OnScreen.shownTexts;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.courtyard.hardware.AudioClip;
import org.courtyard.hardware.testing.TestHardware;
import org.courtyard.kiosk.Kiosk;
import org.courtyard.kiosk.KioskConfig;
import org.courtyard.kiosk.TestAnnouncements;
import org.courtyard.kiosk.TestRoster;
import org.courtyard.kiosk.core.Screen;
import org.courtyard.protocol.Priority;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The cadre's 立即播放 and 现场广播 on the touch screen of a real kiosk, driven by taps and a held
 * finger: the relay on Pi4J's mock GPIO, a recording sound card as the audio sink and a test
 * microphone, no hub reachable.
 */
@ExtendWith(ApplicationExtension.class)
class CadreBroadcastScreenTest {

    private static final long WAIT_SECONDS = 10;

    @TempDir
    Path dir;

    private Kiosk kiosk;
    private TestHardware hardware;
    private final List<String> actions = new CopyOnWriteArrayList<>();
    private final AudioClip notice = TestAnnouncements.tone(300, 500);

    @Start
    void start(Stage stage) throws Exception {
        TestRoster.seed(dir.resolve("data"));
        KioskConfig config = org.courtyard.kiosk.TestKiosks.config(dir, "http://127.0.0.1:9", "hardware.volume=1.0",
                "announce.quiet-hours=none", "help.alert-courtyard=false");
        hardware = TestHardware.create(config.hardware());
        hardware.hardware().addActionListener(action -> actions.add(action.line()));
        kiosk = Kiosk.create(config, hardware.hardware(), Clock.systemUTC());
        // Screen only: the schedule never broadcasts it by itself; the cadre's play-now does.
        kiosk.announcements().received(List.of(TestAnnouncements.announcement("a-water", "停水通知", Priority.NORMAL,
                false, Instant.now().minusSeconds(60), TestAnnouncements.downloaded(dir.resolve("data"), notice))));
        kiosk.start();
        KioskWindow.show(stage, kiosk, Clock.systemUTC(), false, 800, 480);
    }

    @AfterEach
    void close() {
        kiosk.close();
    }

    @Test
    void a_tapped_announcement_goes_out_over_the_loudspeaker_with_the_relay_on_only_while_it_plays(FxRobot robot)
            throws Exception {
        signIn(robot);
        robot.clickOn(button(robot, "立即播放"));
        settle(kiosk);
        assertThat(kiosk.model().state().screen()).isEqualTo(Screen.CADRE_PLAY);
        assertThat(shownTexts(robot)).contains("点一条通知，马上用大喇叭播放", "停水通知", "回到菜单");
        untilSaid("cadre.play.prompt");
        hardware.speaker().hold();

        robot.clickOn(button(robot, "停水通知"));

        waitFor(() -> relayOn() && hardware.speaker().blockedWrites() > 0);
        settle(kiosk);
        assertThat(shownTexts(robot)).contains("正在用大喇叭播放：停水通知", "停止播放").doesNotContain("停水通知");
        hardware.speaker().release();
        waitFor(() -> !relayOn() && actions.contains("audio end announcement-a-water PLAYED"));
        settle(kiosk);
        assertThat(shownTexts(robot)).contains("播放完了。", "停水通知");
        // The relay's pin goes low before its line reaches the listeners, on the hardware's own thread.
        untilActions("relay on", "audio start chime+announcement-a-water (1900 ms)",
                "audio end announcement-a-water PLAYED", "relay off");
        assertThat(hardware.speaker().plays()).anyMatch(play -> play.length > notice.pcm().length
                && TestAnnouncements.endsWith(play, notice.pcm()));
    }

    @Test
    void holding_the_talk_button_broadcasts_the_microphone_and_letting_go_switches_the_relay_off(FxRobot robot)
            throws Exception {
        signIn(robot);
        robot.clickOn(button(robot, "现场广播"));
        settle(kiosk);
        assertThat(shownTexts(robot)).contains("按住大按钮说话，松开就结束广播。", "按住说话");
        AudioClip voice = TestAnnouncements.tone(300, 700);

        robot.moveTo(button(robot, "按住说话")).press(MouseButton.PRIMARY);
        hardware.microphone().speak(voice.pcm());

        waitFor(() -> relayOn() && hardware.speaker().plays().stream()
                .anyMatch(play -> TestAnnouncements.endsWith(play, voice.pcm())));
        settle(kiosk);
        assertThat(shownTexts(robot)).contains("正在广播", "松开结束");
        robot.release(MouseButton.PRIMARY);
        waitFor(() -> !relayOn() && actions.contains("audio end live PLAYED"));
        settle(kiosk);
        assertThat(shownTexts(robot)).contains("广播结束了。", "按住说话");
        untilActions("relay on", "audio start chime+live (live)", "audio end live PLAYED", "relay off");
    }

    @Test
    void the_help_button_pressed_during_a_broadcast_ends_it_and_the_relay_goes_off(FxRobot robot) throws Exception {
        signIn(robot);
        robot.clickOn(button(robot, "现场广播"));
        settle(kiosk);
        robot.moveTo(button(robot, "按住说话")).press(MouseButton.PRIMARY);
        waitFor(this::relayOn);

        // An elder presses the courtyard's red button while the cadre is still talking.
        hardware.hardware().simulator().orElseThrow().pressButton();

        waitFor(() -> kiosk.model().state().screen() == Screen.HELP && !relayOn());
        robot.release(MouseButton.PRIMARY);
        settle(kiosk);
        assertThat(relayOn()).isFalse();
        assertThat(kiosk.model().state().cadre().signedIn()).isFalse();
        untilActions("relay on", "audio end live PLAYED", "relay off");
    }

    private void signIn(FxRobot robot) throws Exception {
        robot.clickOn(button(robot, "村干部"));
        settle(kiosk);
        for (char digit : TestRoster.CADRE_PIN.toCharArray()) {
            robot.clickOn(button(robot, String.valueOf(digit)));
        }
        robot.clickOn(button(robot, "确定"));
        waitFor(() -> kiosk.model().state().screen() == Screen.CADRE);
        settle(kiosk);
        assertThat(shownTexts(robot)).contains("李建华，您好", "走访登记", "立即播放", "现场广播", "退出");
    }

    private boolean relayOn() {
        return hardware.hardware().simulator().orElseThrow().relayOn();
    }

    /** Until the kiosk has said {@code key}: the loudspeaker is free for what the test holds. */
    private void untilSaid(String key) throws TimeoutException {
        waitFor(() -> actions.contains("audio end prompt-" + key + " PLAYED"));
    }

    /** Until the hardware has reported {@code lines} in this order (its own thread reports them). */
    private void untilActions(String... lines) {
        await().atMost(WAIT_SECONDS, TimeUnit.SECONDS)
                .untilAsserted(() -> assertThat(actions).containsSubsequence(lines));
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, condition);
    }




}
