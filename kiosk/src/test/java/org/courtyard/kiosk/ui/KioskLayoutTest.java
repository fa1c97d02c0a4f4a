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

    private interface SceneCheck {
        List<String> problems(Scene scene);
    }

    /**
     * Runs {@code check} on every page at the size, one page per JavaFX task (so the time allowed
     * does not shrink as pages are added); the problems, each prefixed by its page.
     */
    private List<String> check(double width, double height, SceneCheck check) throws Exception {
        List<String> out = new ArrayList<>();
        for (Pages.Page page : WaitForAsyncUtils.asyncFx(() -> Pages.all(kiosk)).get(30, TimeUnit.SECONDS)) {
            out.addAll(WaitForAsyncUtils.asyncFx(() -> check.problems(Pages.render(kiosk, page, width, height))
                    .stream().map(problem -> page.name() + ": " + problem).toList()).get(30, TimeUnit.SECONDS));
        }
        return out;
    }
}
