package org.courtyard.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.courtyard.kiosk.ui.OnScreen.settle;
import static org.courtyard.kiosk.ui.OnScreen.shownTexts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.courtyard.hardware.AudioClip;
import org.courtyard.hardware.Microphone;
import org.courtyard.hardware.Wav;
import org.courtyard.kiosk.Kiosk;
import org.courtyard.kiosk.TestAnnouncements;
import org.courtyard.kiosk.announce.AudioLibrary;
import org.courtyard.kiosk.core.Screen;
import org.courtyard.protocol.Announcement;
import org.courtyard.protocol.AudioRef;
import org.courtyard.protocol.Priority;
import org.courtyard.protocol.Targets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The announcements screen on a real kiosk, driven by taps: the newest first in large text, 上一条 /
 * 下一条 to page, 播放 to hear it on the kiosk's own speaker (not the outdoor relay), and 听通知 said
 * aloud plays the newest one.
 */
@ExtendWith(ApplicationExtension.class)
class AnnouncementsScreenTest {

    @TempDir
    Path dir;

    private Kiosk kiosk;
    private final List<String> actions = new CopyOnWriteArrayList<>();
    private final Instant now = Instant.now();

    @Start
    void start(Stage stage) throws Exception {
        kiosk = TestKiosks.create(dir, "announce.quiet-hours=none");
        kiosk.hardware().addActionListener(action -> actions.add(action.line()));
        AudioRef audio = audio(dir.resolve("data"));
        kiosk.announcements().received(List.of(
                announcement("a-old", "冬季防火", "请检查家中电线和火塘。", Priority.NORMAL, now.minusSeconds(600), audio),
                announcement("a-new", "山洪预警", "今晚有大到暴雨，住在河边的老人请搬到活动室。", Priority.EMERGENCY,
                        now.minusSeconds(60), TestAnnouncements.missing())));
        // Started, so the announcement player runs; the hub it syncs with is unreachable.
        kiosk.start();
        KioskWindow.show(stage, kiosk, Clock.systemUTC(), false, 800, 480);
    }

    @AfterEach
    void close() {
        kiosk.close();
    }

    private static AudioRef audio(Path data) throws Exception {
        byte[] pcm = new byte[16_000];
        AudioClip clip = AudioClip.pcm("notice", Microphone.FORMAT, pcm);
        byte[] wav = Wav.write(clip);
        String sha = AudioLibrary.sha256(wav);
        AudioLibrary library = new AudioLibrary(data);
        Files.write(library.dir().resolve(sha + ".wav"), wav);
        return new AudioRef(sha, wav.length, 500);
    }

    private static Announcement announcement(String id, String title, String text, Priority priority, Instant start,
            AudioRef audio) {
        // Screen only, so nothing is broadcast by schedule while the test taps.
        return new Announcement(id, title, text, priority, false, Targets.everyone(), start, null, List.of(), audio,
                false, 1);
    }

    @Test
    void the_newest_is_shown_first_and_the_buttons_page_to_the_older_one(FxRobot robot) throws Exception {
        robot.clickOn(button(robot, "home.announcements"));
        settle(kiosk);

        assertThat(kiosk.model().state().screen()).isEqualTo(Screen.ANNOUNCEMENTS);
        assertThat(kiosk.model().state().lastPrompt()).isEqualTo("announcements.prompt");
        assertThat(shownTexts(robot)).contains("山洪预警", "紧急", "下一条").doesNotContain("冬季防火", "上一条",
                "播放");

        showOlder(robot);

        assertThat(shownTexts(robot)).contains("冬季防火", "上一条", "播放").doesNotContain("山洪预警", "紧急");
        // Its text on this sheet or, on a small screen with text at 40 px, the next ones.
        List<String> seen = new java.util.ArrayList<>(shownTexts(robot));
        while (shownTexts(robot).contains("下一条")) {
            robot.clickOn(button(robot, "announcements.next"));
            settle(kiosk);
            seen.addAll(shownTexts(robot));
        }
        assertThat(seen).contains("请检查家中电线和火塘。");
    }

    /** 下一条 until the older announcement's title shows (a long one takes several sheets). */
    private void showOlder(FxRobot robot) throws Exception {
        for (int sheet = 0; sheet < 10 && !shownTexts(robot).contains("冬季防火"); sheet++) {
            robot.clickOn(button(robot, "announcements.next"));
            settle(kiosk);
        }
    }

    @Test
    void play_plays_the_shown_announcement_indoors_without_the_relay(FxRobot robot) throws Exception {
        robot.clickOn(button(robot, "home.announcements"));
        settle(kiosk);
        showOlder(robot);

        robot.clickOn(button(robot, "announcements.play"));

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> actions.contains("audio end announcement-a-old PLAYED"));
        assertThat(actions).contains("audio start announcement-a-old (500 ms)").doesNotContain("relay on");
    }

    @Test
    void saying_listen_plays_the_newest_or_says_its_audio_is_not_here(FxRobot robot) throws Exception {
        kiosk.voice().hear("听通知");
        kiosk.voice().hear("是");
        settle(kiosk);

        assertThat(kiosk.model().state().screen()).isEqualTo(Screen.ANNOUNCEMENTS);
        assertThat(kiosk.model().state().lastPrompt()).as("the newest has no audio yet")
                .isEqualTo("announcements.not-ready");
    }

    private String text(String key) {
        return kiosk.prompts().text(key);
    }

    private Button button(FxRobot robot, String key) {
        return OnScreen.button(robot, text(key));
    }



}
