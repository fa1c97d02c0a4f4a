package org.courtyard.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import org.courtyard.kiosk.Kiosk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Contrast of at least 7:1 (WCAG AAA) for every text on every page, measured on the colours the
 * styled screen really uses: each text's fill against the nearest background behind it.
 */
class KioskContrastTest {

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

    @Test
    void the_wcag_formula_gives_the_known_ratios() {
        assertThat(Wcag.contrast(Color.BLACK, Color.WHITE)).isCloseTo(21.0, within(0.001));
        assertThat(Wcag.contrast(Color.WHITE, Color.WHITE)).isCloseTo(1.0, within(0.001));
        // #777777 on white is the well-known 4.48:1, just under AA.
        assertThat(Wcag.contrast(Color.web("#777777"), Color.WHITE)).isCloseTo(4.48, within(0.01));
    }

    @Test
    void every_text_on_every_page_has_at_least_7_to_1_contrast_with_what_is_behind_it() throws Exception {
        List<String> measured = WaitForAsyncUtils.asyncFx(() -> {
            List<String> out = new ArrayList<>();
            for (Pages.Page page : Pages.all(kiosk)) {
                Scene scene = Pages.render(kiosk, page, 800, 480);
                for (Labeled labeled : Pages.visible(scene, Labeled.class)) {
                    if (labeled.getText() == null || labeled.getText().isEmpty()) {
                        continue;
                    }
                    Color text = opaque(labeled.getTextFill(), Pages.describe(labeled) + " text");
                    Color behind = background(labeled);
                    double ratio = Wcag.contrast(text, behind);
                    out.add(String.format(java.util.Locale.ROOT, "%s: %s %s on %s = %.2f", page.name(), Pages.describe(labeled), text,
                            behind, ratio));
                }
            }
            return out;
        }).get(30, TimeUnit.SECONDS);

        assertThat(measured).isNotEmpty();
        assertThat(measured).allSatisfy(line -> assertThat(ratioOf(line)).as(line).isGreaterThanOrEqualTo(7.0));
        // The four home colours are all on screen and all measured (说话 while the voice works).
        assertThat(String.join("\n", measured)).contains("'求助' 0xffffffff on 0xb00020ff", "'报平安' 0xffffffff on 0x1b5e20ff",
                "'听通知' 0xffffffff on 0x0d47a1ff", "'说话' 0x000000ff on 0xffb300ff");
    }

    private static double ratioOf(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf('=') + 1).trim());
    }

    /** The topmost opaque background fill of the node or its nearest ancestor that has one. */
    private static Color background(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n instanceof Region region && region.getBackground() != null) {
                List<BackgroundFill> fills = region.getBackground().getFills();
                for (int i = fills.size() - 1; i >= 0; i--) {
                    if (fills.get(i).getFill() instanceof Color color && color.getOpacity() == 1.0) {
                        return color;
                    }
                }
            }
        }
        throw new AssertionError("no opaque background behind " + node);
    }

    private static Color opaque(Paint paint, String what) {
        if (paint instanceof Color color && color.getOpacity() == 1.0) {
            return color;
        }
        throw new AssertionError(what + " is not an opaque colour: " + paint);
    }
}
