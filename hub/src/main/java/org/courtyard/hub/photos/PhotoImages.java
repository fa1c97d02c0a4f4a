package org.courtyard.hub.photos;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Turns an uploaded JPEG or PNG into the photo the hub keeps: at most {@value #MAX_SIDE} pixels on
 * its longer side, re-encoded as a baseline JPEG.
 *
 * <p>Why re-encode rather than store the upload: a phone photo is 3 to 5 MB, and every kiosk of
 * the village downloads every photo over a rural link to show it at a few hundred pixels; and a
 * phone photo's metadata may hold where it was taken (the elder's home). Re-encoding drops all
 * metadata. A picture with more than {@value #MAX_PIXELS} pixels is refused before it is decoded,
 * so a small file that declares a huge picture cannot exhaust memory.
 */
public final class PhotoImages {

    /** Longest side of a stored photo, in pixels. */
    public static final int MAX_SIDE = 640;
    /** Largest picture (width x height) accepted for decoding. */
    public static final long MAX_PIXELS = 50_000_000L;

    private static final float JPEG_QUALITY = 0.85f;

    /** What the hub stores: JPEG bytes and their size in pixels. */
    public record Photo(byte[] jpeg, int width, int height) {
    }

    private PhotoImages() {
    }

    /**
     * Keeps a stored photo's JPEG in {@code dir} as {@code SHA256.jpg} (created if missing), written
     * whole under a temporary name and moved into place, once per content; returns the SHA-256.
     */
    public static String keep(Path dir, byte[] jpeg) throws IOException {
        String sha256 = sha256(jpeg);
        Path file = dir.resolve(sha256 + ".jpg");
        Files.createDirectories(dir);
        if (!Files.isRegularFile(file)) {
            Path temp = Files.createTempFile(dir, "upload-", ".tmp");
            Files.write(temp, jpeg);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return sha256;
    }

    /** The SHA-256 of {@code bytes} in lower-case hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** True if {@code bytes} start like a file of {@code mediaType} ({@code image/jpeg} or {@code image/png}). */
    public static boolean looksLike(byte[] bytes, String mediaType) {
        return switch (mediaType) {
            case "image/jpeg" -> bytes.length > 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8
                    && (bytes[2] & 0xff) == 0xff;
            case "image/png" -> bytes.length > 8 && (bytes[0] & 0xff) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N'
                    && bytes[3] == 'G' && bytes[4] == 0x0d && bytes[5] == 0x0a && bytes[6] == 0x1a && bytes[7] == 0x0a;
            default -> false;
        };
    }

    /**
     * Decodes, scales down and re-encodes {@code bytes}.
     *
     * @throws IllegalArgumentException if the bytes are not a picture Java can read, or too large a one
     */
    public static Photo normalise(byte[] bytes) {
        BufferedImage decoded = decode(bytes);
        int width = decoded.getWidth();
        int height = decoded.getHeight();
        double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(width, height));
        int targetWidth = Math.max(1, (int) Math.round(width * scale));
        int targetHeight = Math.max(1, (int) Math.round(height * scale));
        BufferedImage target = new BufferedImage(targetWidth, targetHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = target.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            // Transparent parts of a PNG become white, as on a printed photo.
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, targetWidth, targetHeight);
            graphics.drawImage(decoded, 0, 0, targetWidth, targetHeight, null);
        } finally {
            graphics.dispose();
        }
        return new Photo(encode(target), targetWidth, targetHeight);
    }

    private static BufferedImage decode(byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IllegalArgumentException("the body is not a picture this hub can read (JPEG or PNG)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width * height > MAX_PIXELS) {
                    throw new IllegalArgumentException("the picture has " + width + " x " + height
                            + " pixels; at most " + MAX_PIXELS + " are accepted");
                }
                ImageReadParam param = reader.getDefaultReadParam();
                // Decode a big photo at a fraction of its size: only MAX_SIDE pixels are kept anyway.
                int step = (int) Math.max(1, Math.max(width, height) / (MAX_SIDE * 2L));
                param.setSourceSubsampling(step, step, 0, 0);
                BufferedImage image = reader.read(0, param);
                if (image == null) {
                    throw new IllegalArgumentException("the picture could not be decoded");
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("the picture could not be decoded: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw e;
            }
            // ImageIO throws runtime exceptions of its own for some broken files.
            throw new IllegalArgumentException("the picture could not be decoded: " + e, e);
        }
    }

    private static byte[] encode(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a JPEG in memory failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
