package org.courtyard.hub.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Files beside the database named by their SHA-256 (voice memos, family messages): a file's name is
 * its checksum, so the same content is stored once and a file never changes once it is there.
 */
public final class ChecksumFiles {

    private ChecksumFiles() {
    }

    /** The SHA-256 of {@code data}, 64 lowercase hex digits. */
    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    /**
     * Writes {@code data} as {@code file} so that a power cut leaves either no file or the whole
     * one: a temporary file in the same folder, flushed to disk, then renamed. A file of that name
     * and size is taken to be there already (the name is the content's checksum).
     */
    public static void writeDurably(Path file, byte[] data) throws IOException {
        if (Files.isRegularFile(file) && Files.size(file) == data.length) {
            return;
        }
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + "." + UUID.randomUUID() + ".part");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(data));
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
