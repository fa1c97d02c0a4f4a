package org.courtyard.hub.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.courtyard.hub.core.HealthReason;

/**
 * Whether the hub can keep storing what it is sent: free space on the data directory's disk and
 * the writer's latest failure. Each problem is a {@link HealthReason} for {@code /healthz}.
 */
public final class StorageHealth {

    /** Free space on the data directory's disk is below {@code store.min-free-mb}. */
    public static final String DISK_LOW = "disk_low";
    /** The latest write failed for a storage reason (full disk, I/O error) and none has committed since. */
    public static final String WRITER_FAILING = "writer_failing";

    private static final long MEGABYTE = 1024 * 1024;

    private final Database database;
    private final Path dataDir;
    private final long minFreeBytes;

    /** @param minFreeBytes below this much free space the disk counts as low; 0 never */
    public StorageHealth(Database database, Path dataDir, long minFreeBytes) {
        this.database = database;
        this.dataDir = dataDir;
        this.minFreeBytes = minFreeBytes;
    }

    /** The problems now; empty when all is well. Reads the free space each time (a cheap statfs). */
    public List<HealthReason> reasons() {
        List<HealthReason> reasons = new ArrayList<>();
        try {
            long free = Files.getFileStore(dataDir).getUsableSpace();
            if (free < minFreeBytes) {
                reasons.add(new HealthReason(DISK_LOW, "the data directory's disk has " + megabytes(free)
                        + " free, less than store.min-free-mb (" + megabytes(minFreeBytes) + ")"));
            }
        } catch (IOException e) {
            reasons.add(new HealthReason(DISK_LOW, "the free space of the data directory's disk cannot be read: "
                    + e.getMessage()));
        }
        database.writerFailure().ifPresent(failure -> reasons.add(new HealthReason(WRITER_FAILING, failure.diskFull()
                ? "the latest write failed because the disk is full; nothing has been stored since"
                : "the latest write failed: " + failure.message())));
        return reasons;
    }

    private static String megabytes(long bytes) {
        return bytes >= 10 * MEGABYTE || bytes == 0 ? bytes / MEGABYTE + " MB"
                : String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (double) MEGABYTE);
    }
}
