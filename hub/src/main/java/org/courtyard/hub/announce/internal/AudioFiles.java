package org.courtyard.hub.announce.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Announcement audio as files beside the database, named by checksum: {@code DATA/audio/<sha256>.wav}.
 * A file never changes once it is there, so its checksum is also its HTTP ETag. Uploads are written
 * to a temporary file in the same folder first and moved into place, so a half-written file is
 * never served.
 */
public final class AudioFiles {

    private static final String SUFFIX = ".wav";

    private final Path dir;

    public AudioFiles(Path dataDir) {
        this.dir = dataDir.resolve("audio");
    }

    /** The folder, which may not exist yet. */
    public Path location() {
        return dir;
    }

    /** The folder, created if missing. */
    public Path dir() throws IOException {
        return Files.createDirectories(dir);
    }

    /** The stored file with this checksum, if there is one. */
    public Optional<Path> find(String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            return Optional.empty();
        }
        Path file = dir.resolve(sha256 + SUFFIX);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** A new empty temporary file in the audio folder, for an upload or a conversion. */
    public Path newTemporary(String suffix) throws IOException {
        return Files.createTempFile(dir(), "upload-", suffix);
    }

    /**
     * Copies {@code in} into {@code target}, at most {@code limit} bytes.
     *
     * @return the number of bytes copied
     * @throws TooLarge once more than {@code limit} bytes arrive; what was copied stays in {@code target}
     */
    public static long copyAtMost(InputStream in, Path target, long limit) throws IOException, TooLarge {
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(target)) {
            int read;
            while ((read = in.read(buffer)) != -1) {
                total += read;
                if (total > limit) {
                    throw new TooLarge(limit);
                }
                out.write(buffer, 0, read);
            }
        }
        return total;
    }

    /**
     * Moves a checked WAV into place under its checksum and returns the checksum. If the same audio
     * is already stored, {@code wav} is deleted and the stored file kept.
     */
    public String keep(Path wav) throws IOException {
        String sha256 = sha256(wav);
        Path target = dir().resolve(sha256 + SUFFIX);
        if (Files.isRegularFile(target)) {
            Files.delete(wav);
            return sha256;
        }
        try {
            Files.move(wav, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(wav, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return sha256;
    }

    /** SHA-256 of a file, 64 lowercase hex digits. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** More bytes arrived than the upload limit allows. */
    public static final class TooLarge extends Exception {

        private static final long serialVersionUID = 1L;

        private final long limit;

        TooLarge(long limit) {
            super("more than " + limit + " bytes");
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }
}
