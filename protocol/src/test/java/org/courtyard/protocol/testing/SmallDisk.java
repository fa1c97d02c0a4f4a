package org.courtyard.protocol.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real, small filesystem for a data directory: a size-limited tmpfs mounted on a folder, so
 * that SQLite and file writes meet a full disk as they would on a full SD card or server disk
 * ({@code ENOSPC}, {@code SQLITE_FULL}). {@link #fill()} takes every free byte with a filler file,
 * {@link #free()} deletes it again.
 *
 * <p>Mounting needs root (CI runs as root); elsewhere {@link #mount} skips the calling test with
 * the reason. {@link #close} unmounts; a folder it cannot unmount is detached lazily, so a test
 * never leaves a mount behind.
 */
public final class SmallDisk implements AutoCloseable {

    private static final String FILLER = ".filler";
    private static volatile String unavailable;

    private final Path dir;
    private boolean closed;

    private SmallDisk(Path dir) {
        this.dir = dir;
    }

    /**
     * Mounts a tmpfs of {@code megabytes} on {@code dir} (which must exist and be empty).
     *
     * @throws org.opentest4j.TestAbortedException when this machine cannot mount one (not root)
     */
    public static SmallDisk mount(Path dir, int megabytes) {
        assumeTrue(unavailable == null, () -> "disk-full test skipped: " + unavailable);
        try {
            run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m,mode=0755", "tmpfs", dir.toString());
        } catch (IOException e) {
            unavailable = "cannot mount a small tmpfs for the data directory (needs root, as in CI): "
                    + e.getMessage();
            assumeTrue(false, "disk-full test skipped: " + unavailable);
        }
        return new SmallDisk(dir);
    }

    public Path path() {
        return dir;
    }

    /** Free bytes left on the filesystem. */
    public long freeBytes() {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the free space of " + dir, e);
        }
    }

    /** Takes every free byte with a filler file; the filesystem is then full. */
    public void fill() {
        byte[] block = new byte[64 * 1024];
        Path filler = dir.resolve(FILLER);
        try (OutputStream out = Files.newOutputStream(filler, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            // ENOSPC: full, as wanted (a short write took the last partial block first).
        }
    }

    /** Deletes the filler: the space {@link #fill()} took is free again. */
    public void free() {
        try {
            Files.deleteIfExists(dir.resolve(FILLER));
        } catch (IOException e) {
            throw new IllegalStateException("cannot delete the filler of " + dir, e);
        }
    }

    /** Unmounts; safe twice. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            run("umount", dir.toString());
        } catch (IOException e) {
            try {
                run("umount", "-l", dir.toString());
            } catch (IOException again) {
                throw new IllegalStateException("cannot unmount " + dir + ": " + again.getMessage(), again);
            }
        }
    }

    private static void run(String... command) throws IOException {
        List<String> line = new ArrayList<>(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", line) + " did not finish within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while running " + String.join(" ", line), e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", line) + " failed (exit " + process.exitValue() + "): " + output);
        }
    }
}
