package org.courtyard.kiosk.announce;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import org.courtyard.hardware.AudioClip;
import org.courtyard.hardware.Wav;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk's copies of announcement audio, {@code DATA/audio/<sha256>.wav}, so scheduled plays need
 * no network. A download in progress is {@code <sha256>.part} beside it. A file is checked against
 * its name before every play: one that no longer matches (a failing SD card) is deleted, and the
 * caller fetches it again.
 */
public final class AudioLibrary {

    private static final Logger LOG = LoggerFactory.getLogger(AudioLibrary.class);

    private final Path dir;

    public AudioLibrary(Path dataDir) {
        this(dataDir, "audio");
    }

    /** A library in another folder of the data directory (family messages keep theirs in {@code messages}). */
    public AudioLibrary(Path dataDir, String folder) {
        this.dir = dataDir.resolve(folder);
    }

    /** The complete, checked file of this checksum (which may not exist). */
    public Path file(String sha256) {
        return dir.resolve(sha256 + ".wav");
    }

    /** Where a download of this checksum collects its bytes until it is complete and checked. */
    public Path partial(String sha256) {
        return dir.resolve(sha256 + ".part");
    }

    public Path dir() {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    /** Whether the complete file is here (not whether it is still intact: {@link #clip} checks that). */
    public boolean has(String sha256) {
        return Files.isRegularFile(file(sha256));
    }

    /**
     * The audio as a clip, after checking the file against its checksum.
     *
     * @throws Corrupt if the file no longer matches; it has been deleted
     * @throws IOException if it cannot be read
     * @throws IllegalArgumentException if it matches but is no audio the loudspeaker can play
     */
    public AudioClip clip(String sha256, String name) throws IOException, Corrupt {
        byte[] data = Files.readAllBytes(file(sha256));
        String actual = sha256(data);
        if (!actual.equals(sha256)) {
            Files.deleteIfExists(file(sha256));
            LOG.warn("audio {} was damaged on this kiosk (its checksum is now {}); deleted, to be fetched again",
                    sha256, actual);
            throw new Corrupt(sha256);
        }
        return Wav.read(name, data);
    }

    /**
     * Checks a finished download against its checksum and, if it matches, makes it the complete file.
     *
     * @return false if it does not match; the partial file has then been deleted
     */
    public boolean complete(String sha256) throws IOException {
        Path partial = partial(sha256);
        String actual = sha256(partial);
        if (!actual.equals(sha256)) {
            Files.deleteIfExists(partial);
            LOG.warn("downloaded audio does not match its checksum {} (got {}); deleted, to be fetched again",
                    sha256, actual);
            return false;
        }
        try {
            Files.move(partial, file(sha256), StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, file(sha256), StandardCopyOption.REPLACE_EXISTING);
        }
        return true;
    }

    /** Deletes complete and partial files whose checksum is not in {@code keep}; returns how many. */
    public int keepOnly(Set<String> keep) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                int dot = name.indexOf('.');
                String sha = dot < 0 ? name : name.substring(0, dot);
                if (!keep.contains(sha) && (name.endsWith(".wav") || name.endsWith(".part"))) {
                    Files.deleteIfExists(file);
                    deleted++;
                }
            }
        } catch (IOException e) {
            LOG.warn("cleaning up {} failed: {}", dir, e.getMessage());
        }
        return deleted;
    }

    public static String sha256(Path file) throws IOException {
        MessageDigest digest = digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    public static String sha256(byte[] data) {
        return HexFormat.of().formatHex(digest().digest(data));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** A stored file no longer matches its checksum; it has been deleted. */
    public static final class Corrupt extends Exception {

        private static final long serialVersionUID = 1L;

        Corrupt(String sha256) {
            super("audio " + sha256 + " was damaged on this kiosk and has been deleted; it will be fetched again");
        }
    }
}
