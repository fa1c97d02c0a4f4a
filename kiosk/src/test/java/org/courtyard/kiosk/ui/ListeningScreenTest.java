package org.courtyard.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.courtyard.kiosk.ui.OnScreen.shownTexts;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.courtyard.hardware.HardwareFactory;
import org.courtyard.kiosk.Kiosk;
import org.courtyard.kiosk.KioskConfig;
import org.courtyard.kiosk.core.Screen;
import org.courtyard.kiosk.voice.ScriptedEngine;
import org.courtyard.kiosk.voice.ScriptedInput;
import org.courtyard.kiosk.voice.TestAudio;
import org.courtyard.kiosk.voice.WithMicrophone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The LISTENING screen on a real kiosk: after a tap on 说话 it shows 正在听… and the words as they
 * are heard, then 我听到： with what was understood. The microphone plays recorded speech; a
 * scripted recognizer stands in for Vosk.
 */
@ExtendWith(ApplicationExtension.class)
class ListeningScreenTest {

    @TempDir
    Path dir;

    private final ScriptedInput input = new ScriptedInput();
    private final ScriptedEngine engine = new ScriptedEngine(null);
    private Kiosk kiosk;

    @Start
    void start(Stage stage) throws Exception {
        KioskConfig config = org.courtyard.kiosk.TestKiosks.config(dir, "http://127.0.0.1:1",
                "help.alert-courtyard=false", "voice.memo.after-help=false", "voice.end-silence-ms=1200");
        kiosk = Kiosk.create(config, new WithMicrophone(HardwareFactory.create(config.hardware()), input.microphone()),
                () -> engine, Clock.systemUTC());
        kiosk.start();
        KioskWindow.show(stage, kiosk, Clock.systemUTC(), false, 800, 480);
    }

    @AfterEach
    void close() {
        kiosk.close();
    }

    @Test
    void while_listening_the_screen_shows_zhengzaiting_and_the_words_so_far(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> kiosk.model().state().voiceStatus().equals("ok"));
        input.hold(TestAudio.join(TestAudio.silence(200), TestAudio.speech("报平安")));
        engine.hears("报 平安", 0.9);

        robot.clickOn(talkButton(robot));

        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> shownTexts(robot).containsAll(List.of("正在听…", "报平安")));
        assertThat(kiosk.model().state().screen()).isEqualTo(Screen.LISTENING);
    }

    @Test
    void after_the_words_the_screen_shows_what_was_heard(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> kiosk.model().state().voiceStatus().equals("ok"));
        input.then(TestAudio.utterance("报平安")).hold(TestAudio.silence(100));
        engine.hears("报 平安", 0.9);

        robot.clickOn(talkButton(robot));

        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> shownTexts(robot).containsAll(List.of("我听到：", "报平安")));
        assertThat(shownTexts(robot)).doesNotContain("正在听…");
    }

    private Button talkButton(FxRobot robot) {
        return robot.lookup(".talk-button").queryAs(Button.class);
    }


}
