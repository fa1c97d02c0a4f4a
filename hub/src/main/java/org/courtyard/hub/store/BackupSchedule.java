package org.courtyard.hub.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running hub's own backups: one every {@link BackupSettings#every()} into
 * {@link BackupSettings#dir()}, then the oldest deleted until {@link BackupSettings#keep()}
 * remain. The first comes one interval after the newest backup already there (at least a minute
 * after start), so restarts neither skip nor double a backup. A failed backup is logged and tried
 * again at the next interval. Closing twice is safe; a backup in progress then finishes on its own.
 */
public final class BackupSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackupSchedule.class);
    private static final Duration FIRST_AFTER_AT_LEAST = Duration.ofMinutes(1);

    private final Path dataDir;
    private final BackupSettings settings;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;

    public BackupSchedule(Path dataDir, BackupSettings settings, Clock clock) {
        this.dataDir = dataDir;
        this.settings = settings;
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "courtyard-backup");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Schedules the backups; removes what an interrupted backup left in the backup folder. */
    public void start() {
        removeLeftovers();
        List<Path> existing = Backup.list(settings.dir());
        Duration first = settings.every();
        if (!existing.isEmpty()) {
            Instant newest = Backup.madeAt(existing.get(existing.size() - 1).getFileName().toString()).orElseThrow();
            first = Duration.between(clock.instant(), newest.plus(settings.every()));
        }
        if (first.compareTo(FIRST_AFTER_AT_LEAST) < 0) {
            first = FIRST_AFTER_AT_LEAST;
        }
        scheduler.scheduleWithFixedDelay(this::backupSafely, first.toMillis(), settings.every().toMillis(),
                TimeUnit.MILLISECONDS);
        LOG.info("backups every {} h into {}, keeping {}; the next in {} min", settings.every().toHours(),
                settings.dir(), settings.keep(), first.toMinutes());
    }

    /**
     * Makes a backup now (named by the hub's clock) and rotates.
     *
     * @return the backup
     * @throws IllegalArgumentException if a backup of the same second exists
     */
    public synchronized Backup.Written backupNow() {
        Path target = settings.dir().resolve(Backup.fileName(clock.instant()));
        Backup.Written written = Backup.create(dataDir, target, clock);
        List<Path> deleted = Backup.rotate(settings.dir(), settings.keep());
        LOG.info("backup {} written ({} bytes, {} files); {} old backup(s) deleted", written.file(), written.bytes(),
                written.manifest().files(), deleted.size());
        return written;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    private void backupSafely() {
        try {
            backupNow();
        } catch (RuntimeException e) {
            LOG.error("the backup into {} failed; trying again in {} h", settings.dir(), settings.every().toHours(), e);
        }
    }

    private void removeLeftovers() {
        if (!Files.isDirectory(settings.dir())) {
            return;
        }
        try (Stream<Path> files = Files.list(settings.dir())) {
            for (Path path : files.toList()) {
                String name = path.getFileName().toString();
                if (name.startsWith("hub-backup-") && name.endsWith(".tmp")) {
                    Files.delete(path);
                    LOG.info("removed {}, left by an interrupted backup", path);
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot clean up the backup folder {}: {}", settings.dir(), e.getMessage());
        }
    }
}
