package org.courtyard.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.courtyard.kiosk.ui.OnScreen.settle;
import static org.courtyard.kiosk.ui.OnScreen.visibleInTree;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.courtyard.kiosk.Kiosk;
import org.courtyard.kiosk.TestRoster;
import org.courtyard.kiosk.core.Screen;
import org.courtyard.kiosk.store.KioskStore;
import org.courtyard.protocol.CheckedIn;
import org.courtyard.protocol.NameOrder;
import org.courtyard.protocol.ResidentCard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A village of 200 (eleven 村民小组 of 9 to 30 people, 8 in none) on the official 7-inch screen,
 * 800x480, tapped as people do. Every one of the 200 is on screen two taps after 报平安 (their group,
 * then the part their name falls in or one page button), so their own tile is the third tap; and
 * residents who go by their group and name check in one after another in at most three taps.
 */
@ExtendWith(ApplicationExtension.class)
class CheckInReachTest {

    @TempDir
    Path dir;

    private Kiosk kiosk;

    @Start
    void start(Stage stage) {
        TestRoster.seed(dir.resolve("data"), TestRoster.village());
        kiosk = TestKiosks.create(dir);
        KioskWindow.show(stage, kiosk, Clock.systemUTC(), false, 800, 480);
    }

    @AfterEach
    void close() {
        kiosk.close();
    }

    @Test
    void every_one_of_200_residents_is_on_screen_within_two_taps_so_checks_in_with_the_third(FxRobot robot)
            throws Exception {
        robot.clickOn(OnScreen.button(robot, "报平安"));
        settle(kiosk);
        // Every screen two taps deep, and which tiles each shows: group, then part or page button.
        Map<String, List<String>> seen = new TreeMap<>();
        List<String> groups = choices(robot).stream().map(Button::getText).toList();
        assertThat(groups).hasSize(12).startsWith("一组", "二组").endsWith("十一组", "其他人");
        for (String group : groups) {
            tap(robot, choice(robot, group));
            List<String> parts = choices(robot).stream().map(Button::getText).toList();
            if (parts.isEmpty()) {
                see(robot, seen, group);
                if (pageButtons(robot)) {
                    tap(robot, OnScreen.button(robot, "下一页"));
                    see(robot, seen, group + ", 下一页");
                    tap(robot, OnScreen.button(robot, "上一页"));
                    tap(robot, OnScreen.button(robot, "上一页"));
                    see(robot, seen, group + ", 上一页");
                }
            } else {
                for (String part : parts) {
                    tap(robot, choice(robot, part));
                    assertThat(pageButtons(robot)).as("page buttons on %s %s", group, part).isFalse();
                    see(robot, seen, group + ", " + part);
                    tap(robot, OnScreen.button(robot, "返回"));
                }
            }
            tap(robot, OnScreen.button(robot, "返回"));
        }

        Map<String, String> where = new TreeMap<>();
        seen.forEach((path, names) -> names.forEach(name -> where.putIfAbsent(name, path)));
        assertThat(where.keySet()).as("residents on screen two taps after 报平安")
                .containsExactlyInAnyOrderElementsOf(TestRoster.village().stream().map(ResidentCard::name).toList());
    }

    @Test
    void residents_find_themselves_by_their_group_and_name_and_check_in_one_after_another(FxRobot robot)
            throws Exception {
        robot.clickOn(OnScreen.button(robot, "报平安"));
        settle(kiosk);
        // Every 25th, from every part of the village, one after another: those checked in move to
        // the end of their list.
        List<ResidentCard> some = new ArrayList<>();
        for (int i = 0; i < TestRoster.village().size(); i += 25) {
            some.add(TestRoster.village().get(i));
        }
        for (ResidentCard resident : some) {
            List<String> taps = checkIn(robot, resident);
            assertThat(taps).as("the taps of %s", resident.name()).hasSizeLessThanOrEqualTo(3);
            robot.clickOn(OnScreen.button(robot, "下一位报平安"));
            settle(kiosk);
        }

        kiosk.close();
        try (KioskStore store = KioskStore.open(dir.resolve("data"))) {
            assertThat(store.pending(1000)).extracting(event -> ((CheckedIn) event.payload()).residentId())
                    .containsExactlyElementsOf(some.stream().map(ResidentCard::id).toList());
        }
    }

    @Test
    void back_goes_one_step_back_from_a_group_to_the_groups_and_from_there_home(FxRobot robot) throws Exception {
        robot.clickOn(OnScreen.button(robot, "报平安"));
        settle(kiosk);
        robot.clickOn(OnScreen.button(robot, "三组"));
        settle(kiosk);
        assertThat(OnScreen.shownTexts(robot)).contains("三组：请点您的姓");

        robot.clickOn(robot.lookup(".choice-button").queryAllAs(Button.class).iterator().next());
        settle(kiosk);
        assertThat(robot.lookup(".tile-button").queryAll()).isNotEmpty();
        robot.clickOn(OnScreen.button(robot, "返回"));
        settle(kiosk);
        assertThat(OnScreen.shownTexts(robot)).contains("三组：请点您的姓");
        robot.clickOn(OnScreen.button(robot, "返回"));
        settle(kiosk);
        assertThat(OnScreen.shownTexts(robot)).contains("您是哪个组的？");
        robot.clickOn(OnScreen.button(robot, "返回"));
        settle(kiosk);
        assertThat(kiosk.model().state().screen()).isEqualTo(Screen.HOME);
    }

    /**
     * Checks {@code resident} in from the first step as they would, and returns the taps on the way:
     * their group (or 其他人); then, if parts by name show, the one whose names take in theirs; then
     * their tile, on the first page, or one 下一页 or one 上一页 away (a 下一页 that did not show
     * them is undone, and not part of the way).
     */
    private List<String> checkIn(FxRobot robot, ResidentCard resident) throws Exception {
        List<String> taps = new ArrayList<>();
        Button group = choice(robot, resident.group() == null ? "其他人" : resident.group());
        taps.add(group.getText());
        tap(robot, group);
        List<Button> parts = choices(robot);
        if (!parts.isEmpty()) {
            Button part = parts.stream().filter(p -> holds(p.getText(), resident.name())).findFirst()
                    .orElseThrow(() -> new AssertionError("no part takes in " + resident.name()));
            taps.add(part.getText());
            tap(robot, part);
        }
        if (tile(robot, resident.name()).isEmpty()) {
            tap(robot, OnScreen.button(robot, "下一页"));
            if (tile(robot, resident.name()).isPresent()) {
                taps.add("下一页");
            } else {
                tap(robot, OnScreen.button(robot, "上一页"));
                tap(robot, OnScreen.button(robot, "上一页"));
                taps.add("上一页");
            }
        }
        Button tile = tile(robot, resident.name())
                .orElseThrow(() -> new AssertionError(resident.name() + " is not one page button away"));
        taps.add(tile.getText());
        tap(robot, tile);
        assertThat(kiosk.model().state().checkIn().thanked().id()).isEqualTo(resident.id());
        return taps;
    }

    private static void see(FxRobot robot, Map<String, List<String>> seen, String path) throws Exception {
        seen.put(path, WaitForAsyncUtils.asyncFx(() -> robot.lookup(".tile-button").queryAllAs(Button.class).stream()
                .filter(OnScreen::visibleInTree).map(Button::getText).toList()).get(5, TimeUnit.SECONDS));
    }

    private static boolean pageButtons(FxRobot robot) {
        return robot.lookup(".kiosk-button").queryAllAs(Button.class).stream()
                .anyMatch(button -> "下一页".equals(button.getText()) && visibleInTree(button));
    }

    /** Whether a part's label "陈—李小" (or "李") takes in {@code name}, comparing as long a start. */
    private static boolean holds(String label, String name) {
        String[] ends = label.split("—");
        String from = ends[0];
        String to = ends[ends.length - 1];
        return NameOrder.NAMES.compare(start(name, from), from) >= 0 && NameOrder.NAMES.compare(start(name, to), to) <= 0;
    }

    private static String start(String name, String as) {
        return name.substring(0, Math.min(name.length(), as.length()));
    }

    private void tap(FxRobot robot, Button button) throws Exception {
        robot.clickOn(button);
        settle(kiosk);
    }

    private static Button choice(FxRobot robot, String text) {
        return choices(robot).stream().filter(button -> button.getText().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no choice " + text + " on the screen"));
    }

    private static List<Button> choices(FxRobot robot) {
        return robot.lookup(".choice-button").queryAllAs(Button.class).stream().filter(OnScreen::visibleInTree).toList();
    }

    private static Optional<Button> tile(FxRobot robot, String name) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> robot.lookup(".tile-button").queryAllAs(Button.class).stream()
                .filter(button -> name.equals(button.getText()) && visibleInTree(button)).findFirst())
                .get(5, TimeUnit.SECONDS);
    }
}
