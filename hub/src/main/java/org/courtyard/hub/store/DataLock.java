package org.courtyard.hub.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The claim on a data directory: an OS lock on {@code DIR/hub.lock}, held by a running hub and by
 * a restore, so that neither starts while the other works there. The file holds the holder's
 * process id, for the message a second claimant gets. The OS drops the lock when the process
 * ends, however it ends, so a killed hub leaves no stale lock. Closing twice is safe.
 */
public final class DataLock implements AutoCloseable {

    /** The lock file inside the data directory; backups leave it out. */
    public static final String FILE = "hub.lock";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean closed;

    private DataLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Claims {@code dir} (which must exist).
     *
     * @throws IllegalStateException if another hub or restore holds it; the message names the
     *     directory and the holder's process id
     * @throws java.io.UncheckedIOException if the lock file cannot be written
     */
    public static DataLock acquire(Path dir) {
        Path file = dir.resolve(FILE);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot create the lock file " + file + ": " + e.getMessage(), e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            closeAfterFailure(channel, e);
            throw new java.io.UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            IllegalStateException busy = new IllegalStateException("the data directory " + dir
                    + " is in use by another hub or restore" + holder(file) + "; stop it first");
            closeAfterFailure(channel, busy);
            throw busy;
        }
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
            channel.force(false);
        } catch (IOException e) {
            closeAfterFailure(channel, e);
            throw new java.io.UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return new DataLock(file, channel, lock);
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot release " + file + ": " + e.getMessage(), e);
        }
    }

    private static String holder(Path file) {
        try {
            String pid = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return pid.isEmpty() ? "" : " (process " + pid + ")";
        } catch (IOException e) {
            return " (its process id is unreadable: " + e.getMessage() + ")";
        }
    }

    private static void closeAfterFailure(FileChannel channel, Exception primary) {
        try {
            channel.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }
}
