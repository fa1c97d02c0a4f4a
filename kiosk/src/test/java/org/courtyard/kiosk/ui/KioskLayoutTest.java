package org.courtyard.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import org.courtyard.kiosk.Kiosk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The screen rules of DESIGN.md on every page at the sizes a courtyard may have: 800x480 (the
 * official 7" Pi display) up to 1920x1080, landscape and portrait. Buttons at least 20 mm
 * (76 px at 96 dpi), text at least 32 px, no text cut off, nothing outside the window, no
 * scrolling.
 */
class KioskLayoutTest {

    @TempDir
    Path dir;

    private Kiosk kiosk;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void kiosk() {
        kiosk = TestKiosks.create(dir);
    }

    @AfterEach
    void close() {
        kiosk.close();
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"800,480", "480,800", "1024,600", "1280,720", "1920,1080", "1080,1920"})
    void every_button_is_at_least_20_mm_in_both_directions(double width, double height) throws Exception {
        List<String> problems = check(width, height, scene -> {
            List<String> out = new ArrayList<>();
            for (Button button : Pages.visible(scene, Button.class)) {
                if (button.getWidth() < KioskView.MIN_TARGET_PX || button.getHeight() < KioskView.MIN_TARGET_PX) {
                    out.add(Pages.describe(button) + " is " + button.getWidth() + "x" + button.getHeight());
                }
            }
            return out;
        });
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"800,480", "480,800", "1024,600", "1280,720", "1920,1080", "1080,1920"})
    void every_text_an_elder_sees_is_at_least_32_px(double width, double height) throws Exception {
        List<String> problems = check(width, height, scene -> {
            List<String> out = new ArrayList<>();
            for (Text text : Pages.visible(scene, Text.class)) {
                if (!Pages.inSimStrip(text) && text.getFont().getSize() < KioskView.MIN_TEXT_PX) {
                    out.add("'" + text.getText() + "' is " + text.getFont().getSize() + " px");
                }
            }
            return out;
        });
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"800,480", "480,800", "1024,600", "1280,720", "1920,1080", "1080,1920"})
    void no_text_is_cut_off_and_nothing_leaves_the_window(double width, double height) throws Exception {
        List<String> problems = check(width, height, scene -> {
            List<String> out = new ArrayList<>();
            for (Labeled labeled : Pages.visible(scene, Labeled.class)) {
                if (labeled.getText() == null || labeled.getText().isEmpty()) {
                    continue;
                }
                // The labeled's own text, not one inside its graphic (a tile's initial is a Label too).
                Text shown = labeled.getChildrenUnmodifiable().stream().filter(Text.class::isInstance)
                        .map(Text.class::cast).findFirst().orElse(null);
                if (shown == null || !labeled.getText().equals(shown.getText())) {
                    out.add(Pages.describe(labeled) + " shows '" + (shown == null ? null : shown.getText()) + "'");
                }
                Bounds bounds = labeled.localToScene(labeled.getLayoutBounds());
                if (bounds.getMinX() < -0.5 || bounds.getMinY() < -0.5 || bounds.getMaxX() > width + 0.5
                        || bounds.getMaxY() > height + 0.5) {
                    out.add(Pages.describe(labeled) + " lies at " + bounds + ", outside " + width + "x" + height);
                }
            }
            List<Button> buttons = Pages.visible(scene, Button.class);
            for (int i = 0; i < buttons.size(); i++) {
                for (int j = i + 1; j < buttons.size(); j++) {
                    Bounds a = buttons.get(i).localToScene(buttons.get(i).getLayoutBounds());
                    Bounds b = buttons.get(j).localToScene(buttons.get(j).getLayoutBounds());
                    if (a.intersects(b.getMinX() + 1, b.getMinY() + 1, b.getWidth() - 2, b.getHeight() - 2)) {
                        out.add(Pages.describe(buttons.get(i)) + " overlaps " + Pages.describe(buttons.get(j)));
                    }
                }
            }
            if (!Pages.visible(scene, ScrollPane.class).isEmpty()) {
                out.add("a scroll pane");
            }
            return out;
        });
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"800,480", "480,800", "1024,600", "1280,720", "1920,1080", "1080,1920"})
    void help_takes_at_least_40_percent_of_the_window_and_stands_apart_from_the_rest(double width, double height)
            throws Exception {
        // While a request is open (the home-band pages) the band above the buttons is help's state:
        // 求助中 and the band together take the share, and 求助中 is still the largest button.
        List<String> problems = check(width, height, page -> page.startsWith("home"), scene -> {
            List<String> out = new ArrayList<>();
            List<Button> buttons = Pages.visible(scene, Button.class).stream()
                    .filter(button -> button.getStyleClass().contains("home-button")).toList();
            Button help = buttons.stream().filter(b -> b.getStyleClass().contains("home-help")).findFirst()
                    .orElseThrow();
            Bounds h = help.localToScene(help.getLayoutBounds());
            double bandArea = Pages.visible(scene, Region.class).stream()
                    .filter(region -> region.getStyleClass().contains("help-band"))
                    .mapToDouble(band -> band.getWidth() * band.getHeight()).sum();
            double share = (h.getWidth() * h.getHeight() + bandArea) / (width * height);
            if (share < HomePage.HELP_SHARE) {
                out.add(String.format(java.util.Locale.ROOT, "求助%s takes %.1f%% of the window",
                        bandArea > 0 ? " with its band" : "", share * 100));
            }
            for (Button other : buttons) {
                if (other != help && other.getWidth() * other.getHeight() >= h.getWidth() * h.getHeight()) {
                    out.add(Pages.describe(other) + " is as large as 求助");
                }
            }
            // Apart: the gap from 求助 to the nearest other button is at least twice the gap between
            // two others.
            List<Bounds> others = buttons.stream().filter(b -> b != help)
                    .map(b -> b.localToScene(b.getLayoutBounds())).toList();
            double fromHelp = others.stream().mapToDouble(o -> distance(h, o)).min().orElseThrow();
            double between = Double.MAX_VALUE;
            for (int i = 0; i < others.size(); i++) {
                for (int j = i + 1; j < others.size(); j++) {
                    between = Math.min(between, distance(others.get(i), others.get(j)));
                }
            }
            if (fromHelp < 2 * between) {
                out.add("求助 is " + fromHelp + " px from the others, which are " + between + " px apart");
            }
            return out;
        });
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"800,480", "480,800", "1920,1080"})
    void talk_shows_only_while_the_voice_works_and_device_problems_only_in_cadre_mode(double width, double height)
            throws Exception {
        List<String> shown = check(width, height, page -> List.of("home", "home-voice-on", "cadre-menu").contains(page),
                scene -> List.of(String.join("|", Pages.visible(scene, Labeled.class).stream()
                        .map(Labeled::getText).filter(text -> text != null && !text.isEmpty()).toList())));

        assertThat(shown).hasSize(3);
        // The base state has a broken microphone and the voice off.
        assertThat(shown).anySatisfy(page -> assertThat(page).startsWith("home: ")
                .doesNotContain("说话", "话筒", "不能用"));
        assertThat(shown).anySatisfy(page -> assertThat(page).startsWith("home-voice-on: ").contains("|说话"));
        assertThat(shown).anySatisfy(page -> assertThat(page).startsWith("cadre-menu: ")
                .contains("话筒不能用，请联系镇里检修。"));
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"800,480", "480,800", "1024,600", "1920,1080", "1080,1920"})
    void announcement_text_is_at_least_40_px(double width, double height) throws Exception {
        List<String> problems = check(width, height, page -> page.startsWith("announcements"), scene -> {
            List<String> out = new ArrayList<>();
            List<Labeled> texts = Pages.visible(scene, Labeled.class).stream()
                    .filter(l -> l.getStyleClass().contains("announcement-title")
                            || l.getStyleClass().contains("announcement-body"))
                    .toList();
            for (Labeled text : texts) {
                if (text.getFont().getSize() < AnnouncementsPage.MIN_TEXT_PX) {
                    out.add(Pages.describe(text) + " is " + text.getFont().getSize() + " px");
                }
            }
            return out;
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void every_text_uses_the_first_installed_chinese_font_of_the_list() throws Exception {
        List<String> installed = WaitForAsyncUtils.asyncFx(Font::getFamilies).get(10, TimeUnit.SECONDS);
        List<String> families = WaitForAsyncUtils.asyncFx(() -> {
            KioskView view = new KioskView(new KioskViewModel(kiosk, Clock.systemUTC()));
            Scene scene = view.createScene(800, 480);
            Pages.layOut(scene);
            List<String> out = new ArrayList<>();
            out.add(view.fontFamily());
            Pages.visible(scene, Text.class).forEach(text -> out.add(text.getFont().getFamily()));
            return out;
        }).get(10, TimeUnit.SECONDS);

        String chosen = families.get(0);
        assertThat(installed).contains(chosen);
        KioskView.FONT_FAMILIES.stream().filter(installed::contains).findFirst()
                .ifPresent(best -> assertThat(chosen).isEqualTo(best));
        assertThat(families.subList(1, families.size())).isNotEmpty().allSatisfy(
                family -> assertThat(family).isEqualTo(chosen));
    }

    /** The gap between two rectangles that do not overlap (0 when they touch or overlap). */
    private static double distance(Bounds a, Bounds b) {
        double dx = Math.max(0, Math.max(a.getMinX() - b.getMaxX(), b.getMinX() - a.getMaxX()));
        double dy = Math.max(0, Math.max(a.getMinY() - b.getMaxY(), b.getMinY() - a.getMaxY()));
        return Math.hypot(dx, dy);
    }

    private interface SceneCheck {
        List<String> problems(Scene scene);
    }

    /**
     * Runs {@code check} on every page at the size, one page per JavaFX task (so the time allowed
     * does not shrink as pages are added); the problems, each prefixed by its page.
     */
    private List<String> check(double width, double height, SceneCheck check) throws Exception {
        return check(width, height, page -> true, check);
    }

    /** Runs {@code check} on the pages whose name {@code pages} accepts, one page per JavaFX task. */
    private List<String> check(double width, double height, java.util.function.Predicate<String> pages,
            SceneCheck check) throws Exception {
        List<String> out = new ArrayList<>();
        for (Pages.Page page : WaitForAsyncUtils.asyncFx(() -> Pages.all(kiosk)).get(30, TimeUnit.SECONDS)) {
            if (!pages.test(page.name())) {
                continue;
            }
            out.addAll(WaitForAsyncUtils.asyncFx(() -> check.problems(Pages.render(kiosk, page, width, height))
                    .stream().map(problem -> page.name() + ": " + problem).toList()).get(30, TimeUnit.SECONDS));
        }
        return out;
    }
}
