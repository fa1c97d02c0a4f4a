package org.courtyard.kiosk.ui;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** A stand-in portrait for tiles with a photo: a drawn face on a plain background, as a JPEG file. */
final class TestPhotos {

    private TestPhotos() {
    }

    /** Writes the portrait into {@code dir}/photos (once) and returns its file. */
    static Path face(Path dir) {
        Path file = dir.resolve("photos").resolve("test-face.jpg");
        if (Files.exists(file)) {
            return file;
        }
        BufferedImage image = new BufferedImage(300, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(0xB0C4DE));
        g.fillRect(0, 0, 300, 300);
        g.setColor(new Color(0x37474F));
        g.fillOval(40, 200, 220, 200);
        g.setColor(new Color(0xE0B890));
        g.fillOval(90, 50, 120, 150);
        g.setColor(new Color(0x424242));
        g.fillArc(85, 40, 130, 80, 0, 180);
        g.fillOval(120, 110, 12, 12);
        g.fillOval(168, 110, 12, 12);
        g.drawArc(125, 140, 50, 30, 200, 140);
        g.dispose();
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(image, "jpg", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
