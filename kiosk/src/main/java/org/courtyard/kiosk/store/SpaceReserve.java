package org.courtyard.kiosk.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Disk space held back for help requests: a file of {@link #BYTES} real (written, not sparse)
 * bytes beside the database. When the SD card is full, deleting it frees room for the help
 * request being written; {@link #restore} makes it again once there is room.
 *
 * <p>Used under the store's lock, so no other write of the store takes the freed space first.
 */
final class SpaceReserve {

    private static final Logger LOG = LoggerFactory.getLogger(SpaceReserve.class);

    /** Many help requests' worth, with the WAL growth they cause; a speck of any SD card. */
    static final int BYTES = 4 * 1024 * 1024;
    static final String FILE = "help-reserve.bin";

    private final Path file;

    SpaceReserve(Path dataDir) {
        this.file = dataDir.resolve(FILE);
    }

    /** Whether the reserve is in place. */
    boolean held() {
        try {
            return Files.size(file) == BYTES;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Makes the reserve if it is missing and the disk has room for it and as much again, so that
     * making it never fills the disk itself. A failure leaves no partial file.
     */
    void restore() {
        if (held()) {
            return;
        }
        try {
            if (Files.getFileStore(file.getParent()).getUsableSpace() < 2L * BYTES) {
                return;
            }
            byte[] block = new byte[64 * 1024];
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                for (int written = 0; written < BYTES; written += block.length) {
                    out.write(block);
                }
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            LOG.info("{} bytes of disk space are reserved for help requests in {}", BYTES, file);
        } catch (IOException e) {
            LOG.warn("Cannot reserve disk space for help requests ({}); trying again later", e.getMessage());
            release();
        }
    }

    /** Deletes the reserve; true if there was one to free. */
    boolean release() {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.error("Cannot delete the disk space reserve {}", file, e);
            return false;
        }
    }
}
