package org.courtyard.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.courtyard.kiosk.ui.OnScreen.button;
import static org.courtyard.kiosk.ui.OnScreen.settle;
import static org.courtyard.kiosk.ui.OnScreen.shownTexts;
import static org.courtyard.kiosk.ui.OnScreen.visibleInTree;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.courtyard.kiosk.Kiosk;
import org.courtyard.kiosk.TestFamilyHub;
import org.courtyard.kiosk.TestRoster;
import org.courtyard.kiosk.core.Screen;
import org.courtyard.protocol.FamilyMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A son's message on the touch screen of a real kiosk whose hub (a stand-in) sent it: her tile
 * shows the envelope with 1; after her tap and the thanks the kiosk asks 「您有一条儿子的留言，要听吗？」
 * with 听 and 不听; 不听 goes back to the tiles and keeps the envelope; 听 plays it, then offers 再听一遍
 * and 按住回复, and the envelope is gone.
 */
@ExtendWith(ApplicationExtension.class)
class MessagesScreenTest {

    private static final Duration SOON = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private TestFamilyHub hub;
    private Kiosk kiosk;
    private FamilyMessage message;

    @Start
    void start(Stage stage) throws Exception {
        hub = new TestFamilyHub();
        message = hub.send("r-zhangguiy", "SON", Instant.parse("2026-12-06T01:00:00Z"), TestFamilyHub.tone(800));
        TestRoster.seed(dir.resolve("data"));
        kiosk = TestKiosks.create(dir, hub.uri(), "sync.interval-seconds=1");
        KioskWindow.show(stage, kiosk, Clock.systemUTC(), false, 800, 480);
        kiosk.start();
    }

    @AfterEach
    void close() {
        try {
            kiosk.close();
        } finally {
            hub.close();
        }
    }

    @Test
    void her_tile_shows_the_envelope_the_kiosk_asks_after_her_check_in_and_no_keeps_it_yes_plays_it(FxRobot robot)
            throws Exception {
        await().atMost(SOON).until(() -> kiosk.family().unheard("r-zhangguiy") == 1);
        robot.clickOn(button(robot, "报平安"));
        settle(kiosk);
        turnTo(robot, "张桂英");
        assertThat(envelopes(robot)).containsExactly("1 条留言");

        // 不听: back to the tiles of 报平安 for the next person; the message waits, her envelope still shows.
        robot.clickOn(tile(robot, "张桂英"));
        awaitOffer(robot);
        robot.clickOn(button(robot, "不听"));
        settle(kiosk);
        assertThat(kiosk.model().state().screen()).isEqualTo(Screen.CHECK_IN);
        kiosk.model().awaitIdle(SOON);
        assertThat(kiosk.family().unheard("r-zhangguiy")).isEqualTo(1);

        // Next time: 听 plays it; then 再听一遍 and 回复 are offered, and the envelope has gone.
        turnTo(robot, "张桂英");
        assertThat(envelopes(robot)).containsExactly("1 条留言");
        robot.clickOn(tile(robot, "张桂英"));
        awaitOffer(robot);
        robot.clickOn(button(robot, "听"));
        await().atMost(SOON).until(() -> shownTexts(robot).contains("听完了。再听一遍，还是回复？"));
        assertThat(shownTexts(robot)).contains("再听一遍", "按住回复", "好了").doesNotContain("听", "不听");
        kiosk.model().awaitIdle(SOON);
        assertThat(kiosk.family().unheard("r-zhangguiy")).isZero();
        assertThat(kiosk.hardware().simulator().orElseThrow().relayOn()).isFalse();

        robot.clickOn(button(robot, "好了"));
        settle(kiosk);
        assertThat(kiosk.model().state().screen()).isEqualTo(Screen.CHECK_IN);
        turnTo(robot, "张桂英");
        assertThat(tile(robot, "张桂英").getStyleClass()).contains("checked-in-today");
        assertThat(envelopes(robot)).isEmpty();
    }

    private void awaitOffer(FxRobot robot) {
        await().atMost(SOON).until(() -> shownTexts(robot).contains("您有一条儿子的留言，要听吗？"));
        assertThat(kiosk.model().state().family().shown().messageId()).isEqualTo(message.id());
    }

    /** What the visible envelopes on the tiles say to a screen reader (their count). */
    private static List<String> envelopes(FxRobot robot) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> robot.lookup(".envelope-badge").queryAll().stream()
                .filter(OnScreen::visibleInTree).map(Node::getAccessibleText).toList()).get();
    }

    /** Turns the tiles' pages until {@code name}'s tile shows (they are in name order; who checked in goes last). */
    private void turnTo(FxRobot robot, String name) throws Exception {
        for (int page = 0; page < 3 && tiles(robot, name).isEmpty(); page++) {
            robot.clickOn(button(robot, "下一页"));
            settle(kiosk);
        }
    }

    private static Button tile(FxRobot robot, String name) {
        List<Button> matches = tiles(robot, name);
        assertThat(matches).as("a tile of %s", name).hasSize(1);
        return matches.get(0);
    }

    private static List<Button> tiles(FxRobot robot, String name) {
        return robot.lookup(".tile-button").queryAllAs(Button.class).stream()
                .filter(button -> name.equals(button.getText()) && visibleInTree(button)).toList();
    }
}
