package org.courtyard.hub.store;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Scheduled backups: every {@code every} into {@code dir}, keeping the newest {@code keep}.
 *
 * @param dir where backups go ({@code backup.dir}); not inside the data directory
 * @param every time between backups ({@code backup.every-hours}, default 24)
 * @param keep backups kept; older ones are deleted after each new one ({@code backup.keep}, default 14)
 */
public record BackupSettings(Path dir, Duration every, int keep) {

    public static final Duration DEFAULT_EVERY = Duration.ofHours(24);
    public static final int DEFAULT_KEEP = 14;

    public BackupSettings {
        if (dir == null) {
            throw new IllegalArgumentException("backup.dir is required for backups");
        }
        if (every == null || every.isZero() || every.isNegative()) {
            throw new IllegalArgumentException("backup.every-hours must be positive");
        }
        if (keep < 1) {
            throw new IllegalArgumentException("backup.keep must be at least 1, was " + keep);
        }
    }
}
