package org.courtyard.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.courtyard.kiosk.ui.OnScreen.button;
import static org.courtyard.kiosk.ui.OnScreen.settle;
import static org.courtyard.kiosk.ui.OnScreen.shownTexts;
import static org.courtyard.kiosk.ui.OnScreen.visibleInTree;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.courtyard.kiosk.Kiosk;
import org.courtyard.kiosk.TestRoster;
import org.courtyard.kiosk.core.Screen;
import org.courtyard.kiosk.store.KioskStore;
import org.courtyard.protocol.CheckedIn;
import org.courtyard.protocol.EventType;
import org.courtyard.protocol.VisitCheckedIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * 报平安 and cadre mode on the touch screen of a real kiosk (simulated hardware, no hub reachable,
 * the roster the hub sent earlier in its database), driven by taps as an elder and a cadre would.
 */
@ExtendWith(ApplicationExtension.class)
class CheckInScreenTest {

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
    void tapping_a_tile_thanks_the_resident_and_puts_a_check_in_into_the_outbox(FxRobot robot) throws Exception {
        robot.clickOn(button(robot, "报平安"));
        settle(kiosk);
        assertThat(shownTexts(robot)).contains("请点您的照片", "上一页", "下一页");

        robot.clickOn(tile(robot, "李小军"));
        settle(kiosk);

        assertThat(shownTexts(robot)).contains("谢谢，已报平安。", "李小军", "下一位报平安");
        assertThat(robot.lookup(".tile-button").queryAll()).isEmpty();
        kiosk.close();
        try (KioskStore store = KioskStore.open(dir.resolve("data"))) {
            assertThat(store.pending(10)).singleElement().satisfies(event -> {
                assertThat(event.type()).isEqualTo(EventType.CHECKED_IN);
                assertThat(((CheckedIn) event.payload()).residentId()).isEqualTo("r-lixiaojun");
            });
        }
    }

    @Test
    void the_page_buttons_show_the_others_and_come_round_again_and_next_person_shows_the_tiles(FxRobot robot)
            throws Exception {
        robot.clickOn(button(robot, "报平安"));
        settle(kiosk);
        List<String> first = tileNames(robot);

        robot.clickOn(button(robot, "下一页"));
        settle(kiosk);
        List<String> second = tileNames(robot);
        assertThat(second).isNotEmpty().doesNotContainAnyElementsOf(first);
        for (int i = 0; i < 5 && !tileNames(robot).equals(first); i++) {
            robot.clickOn(button(robot, "下一页"));
            settle(kiosk);
        }
        assertThat(tileNames(robot)).isEqualTo(first);

        robot.clickOn(tile(robot, first.get(0)));
        settle(kiosk);
        robot.clickOn(button(robot, "下一位报平安"));
        settle(kiosk);
        // The first page again, without who just checked in: they went to the end.
        assertThat(tileNames(robot)).doesNotContain(first.get(0)).containsAll(first.subList(1, first.size()));
    }

    @Test
    void the_page_buttons_and_the_tiles_keep_their_places_on_every_page(FxRobot robot) throws Exception {
        robot.clickOn(button(robot, "报平安"));
        settle(kiosk);
        List<Bounds> first = places(robot);

        robot.clickOn(button(robot, "下一页"));
        settle(kiosk);

        // Seven residents, five a page: the last page has two tiles, in the first two places.
        assertThat(tileNames(robot)).hasSize(2);
        List<Bounds> second = places(robot);
        assertThat(second.subList(0, 4)).isEqualTo(first.subList(0, 4));
    }

    @Test
    void a_tile_without_a_photo_shows_the_whole_name_and_who_checked_in_today_says_so_and_comes_last(
            FxRobot robot) throws Exception {
        robot.clickOn(button(robot, "报平安"));
        settle(kiosk);
        assertThat(robot.lookup(".tile-button").queryAllAs(Button.class)).allSatisfy(tile -> {
            assertThat(tile.getStyleClass()).contains("name-tile");
            assertThat(tile.getGraphic()).isNull();
        });

        robot.clickOn(tile(robot, "陈秀兰"));
        settle(kiosk);
        robot.clickOn(button(robot, "下一位报平安"));
        settle(kiosk);

        assertThat(tileNames(robot)).doesNotContain("陈秀兰");
        robot.clickOn(button(robot, "下一页"));
        settle(kiosk);
        List<String> last = tileNames(robot);
        assertThat(last.get(last.size() - 1)).isEqualTo("陈秀兰");
        assertThat(tile(robot, "陈秀兰").getStyleClass()).contains("checked-in-today");
        assertThat(shownTexts(robot)).containsOnlyOnce("今天已报");
    }

    @Test
    void not_me_takes_a_check_in_back_and_shows_the_tiles_again(FxRobot robot) throws Exception {
        robot.clickOn(button(robot, "报平安"));
        settle(kiosk);
        robot.clickOn(tile(robot, "李小军"));
        settle(kiosk);
        assertThat(shownTexts(robot)).contains("谢谢，已报平安。", "李小军", "不是我", "下一位报平安");

        robot.clickOn(button(robot, "不是我"));
        settle(kiosk);

        assertThat(shownTexts(robot)).contains("请点您的照片").doesNotContain("谢谢，已报平安。", "今天已报");
        kiosk.close();
        try (KioskStore store = KioskStore.open(dir.resolve("data"))) {
            assertThat(store.pending(10)).extracting(event -> event.type())
                    .containsExactly(EventType.CHECKED_IN, EventType.CHECK_IN_UNDONE);
        }
    }

    @Test
    void five_wrong_pins_lock_the_pad(FxRobot robot) throws Exception {
        robot.clickOn(button(robot, "村干部"));
        settle(kiosk);
        assertThat(kiosk.model().state().screen()).isEqualTo(Screen.CADRE_PIN);
        assertThat(shownTexts(robot)).contains("请输入村干部密码。");

        for (int attempt = 0; attempt < 5; attempt++) {
            enterPin(robot, "1111");
        }

        assertThat(shownTexts(robot)).contains("输错次数太多，请5分钟后再试");
        robot.clickOn(button(robot, "2"));
        settle(kiosk);
        assertThat(kiosk.model().state().cadre().digits()).isZero();
    }

    @Test
    void the_right_pin_opens_the_cadre_menu_and_a_visit_is_recorded_with_a_preset_note(FxRobot robot)
            throws Exception {
        robot.clickOn(button(robot, "村干部"));
        settle(kiosk);
        enterPin(robot, TestRoster.CADRE_PIN);

        assertThat(kiosk.model().state().screen()).isEqualTo(Screen.CADRE);
        assertThat(shownTexts(robot)).contains("李建华，您好", "走访登记", "退出");
        robot.clickOn(button(robot, "走访登记"));
        settle(kiosk);
        robot.clickOn(tile(robot, "陈秀兰"));
        settle(kiosk);
        assertThat(shownTexts(robot)).contains("走访陈秀兰：请选择备注", "身体良好", "已送药", "需要关注", "不写备注");
        robot.clickOn(button(robot, "身体良好"));
        settle(kiosk);

        assertThat(shownTexts(robot)).contains("李建华走访陈秀兰，已记录", "再记一次", "回到菜单");
        robot.clickOn(button(robot, "返回"));
        settle(kiosk);
        assertThat(kiosk.model().state().screen()).isEqualTo(Screen.HOME);
        assertThat(kiosk.model().state().cadre().signedIn()).isFalse();
        kiosk.close();
        try (KioskStore store = KioskStore.open(dir.resolve("data"))) {
            assertThat(store.pending(10)).singleElement().satisfies(event -> assertThat(event.payload())
                    .isEqualTo(new VisitCheckedIn("李建华", "r-chenxiula", "身体良好")));
        }
    }

    @Test
    void the_cadre_button_is_on_the_home_screen_only(FxRobot robot) throws Exception {
        assertThat(shownTexts(robot)).contains("村干部");

        robot.clickOn(button(robot, "报平安"));
        settle(kiosk);

        assertThat(shownTexts(robot)).doesNotContain("村干部");
    }

    private void enterPin(FxRobot robot, String pin) throws Exception {
        for (char digit : pin.toCharArray()) {
            robot.clickOn(button(robot, String.valueOf(digit)));
        }
        robot.clickOn(button(robot, "确定"));
        settle(kiosk);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !kiosk.model().state().cadre().checking());
        settle(kiosk);
    }


    private static Button tile(FxRobot robot, String name) {
        List<Button> matches = robot.lookup(".tile-button").queryAllAs(Button.class).stream()
                .filter(button -> name.equals(button.getText()) && visibleInTree(button)).toList();
        assertThat(matches).as("a tile of %s", name).hasSize(1);
        return matches.get(0);
    }

    /** Where the page buttons are, then where each tile is. */
    private static List<Bounds> places(FxRobot robot) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            List<Bounds> out = new java.util.ArrayList<>();
            out.add(button(robot, "上一页").localToScene(button(robot, "上一页").getLayoutBounds()));
            out.add(button(robot, "下一页").localToScene(button(robot, "下一页").getLayoutBounds()));
            robot.lookup(".tile-button").queryAllAs(Button.class).stream().filter(OnScreen::visibleInTree)
                    .forEach(tile -> out.add(tile.localToScene(tile.getLayoutBounds())));
            return out;
        }).get(5, TimeUnit.SECONDS);
    }

    private static List<String> tileNames(FxRobot robot) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> robot.lookup(".tile-button").queryAllAs(Button.class).stream()
                .filter(OnScreen::visibleInTree).map(Button::getText).toList()).get(5, TimeUnit.SECONDS);
    }



}
