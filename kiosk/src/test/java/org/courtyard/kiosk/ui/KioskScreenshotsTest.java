package org.courtyard.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.courtyard.kiosk.Kiosk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Pictures of the screens for people to look at, not an assertion about them. Runs only when
 * the system property {@code courtyard.screenshots} names a folder:
 * <pre>./mvnw -B -pl protocol,hardware,kiosk verify -Dtest=KioskScreenshotsTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dcourtyard.screenshots=/tmp/shots</pre>
 * It writes {@code PAGE-WIDTHxHEIGHT.png} for every page (home and help among them) at 800x480,
 * 480x800 and 1920x1080.
 */
class KioskScreenshotsTest {

    static final String FOLDER_PROPERTY = "courtyard.screenshots";

    @TempDir
    Path dir;

    @Test
    void saves_every_page_at_800x480_480x800_and_1920x1080() throws Exception {
        String folder = System.getProperty(FOLDER_PROPERTY);
        assumeTrue(folder != null && !folder.isBlank(), "set -D" + FOLDER_PROPERTY + "=DIR to save screenshots");
        Path out = Files.createDirectories(Path.of(folder));
        FxToolkit.registerPrimaryStage();
        List<Path> written = new ArrayList<>();
        try (Kiosk kiosk = TestKiosks.create(dir)) {
            for (int[] size : new int[][] {{800, 480}, {480, 800}, {1920, 1080}}) {
                for (Pages.Page page : Pages.all(kiosk)) {
                    WritableImage image = WaitForAsyncUtils.asyncFx(() -> {
                        Scene scene = Pages.render(kiosk, page, size[0], size[1]);
                        return scene.snapshot(null);
                    }).get(30, TimeUnit.SECONDS);
                    Path file = out.resolve(page.name() + "-" + size[0] + "x" + size[1] + ".png");
                    ImageIO.write(toBufferedImage(image), "png", file.toFile());
                    written.add(file);
                }
            }
        }
        assertThat(written).allSatisfy(file -> assertThat(Files.size(file)).isPositive());
    }

    private static BufferedImage toBufferedImage(WritableImage image) {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        return out;
    }
}
