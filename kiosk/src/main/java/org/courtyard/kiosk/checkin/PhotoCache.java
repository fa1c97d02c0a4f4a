package org.courtyard.kiosk.checkin;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.courtyard.kiosk.net.HubConnection;
import org.courtyard.protocol.ResidentCard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The residents' photos on the kiosk: {@code DATA/photos/SHA256.jpg}, downloaded from the hub
 * over the kiosk's {@link HubConnection} and kept by checksum, so an unchanged photo is fetched once and a changed
 * one (a new checksum) replaces it. A download whose bytes do not have the announced checksum is
 * thrown away. Files no resident uses any more are deleted.
 *
 * <p>Downloads run on one background thread, never on the model's queue; after each photo that
 * arrives, {@code arrived} runs (the check-in screen then shows the photo instead of the initial).
 * A failed download (hub unreachable) is tried again a minute later.
 */
public final class PhotoCache implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PhotoCache.class);
    private static final Duration RETRY = Duration.ofMinutes(1);
    private static final int MAX_PHOTO_BYTES = 8 * 1024 * 1024;

    private final HubConnection hub;
    private final Path dir;
    private final Runnable arrived;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kiosk-photos");
        thread.setDaemon(true);
        return thread;
    });
    private volatile List<ResidentCard> wanted = List.of();
    private volatile boolean retryScheduled;

    /** @param arrived run on the download thread after a new photo is stored; must be quick */
    public PhotoCache(HubConnection hub, Path dir, Runnable arrived) {
        this.hub = hub;
        this.dir = dir;
        this.arrived = arrived;
    }

    /** The cached photo with this checksum, if it is here. */
    public Optional<Path> file(String sha256) {
        if (sha256 == null) {
            return Optional.empty();
        }
        Path file = dir.resolve(sha256 + ".jpg");
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** Makes the cache hold exactly the photos of {@code residents}: fetches the missing, deletes the rest. */
    public void want(List<ResidentCard> residents) {
        wanted = List.copyOf(residents);
        submit(this::syncFiles, 0);
    }

    private void submit(Runnable work, long delayMillis) {
        try {
            worker.schedule(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.error("Updating the photo cache failed", e);
                }
            }, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Photo cache closed; not fetching", e);
        }
    }

    private void syncFiles() {
        retryScheduled = false;
        List<ResidentCard> residents = wanted;
        Set<String> keep = new HashSet<>();
        boolean failed = false;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            LOG.error("Cannot create the photo folder {}: {}", dir, e.getMessage());
            return;
        }
        for (ResidentCard resident : residents) {
            if (resident.photoSha256() == null) {
                continue;
            }
            keep.add(resident.photoSha256() + ".jpg");
            if (file(resident.photoSha256()).isPresent()) {
                continue;
            }
            try {
                download(resident);
                arrived.run();
            } catch (IOException e) {
                failed = true;
                LOG.info("Photo of {} not fetched ({}); trying again in a minute", resident.id(), e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        removeAllBut(keep);
        if (failed && !retryScheduled) {
            retryScheduled = true;
            submit(this::syncFiles, RETRY.toMillis());
        }
    }

    private void download(ResidentCard resident) throws IOException, InterruptedException {
        HttpRequest request = hub.request("api/v1/residents/" + resident.id() + "/photo", Duration.ofSeconds(30))
                .GET().build();
        HttpResponse<byte[]> response = hub.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("hub answered " + response.statusCode());
        }
        byte[] bytes = response.body();
        if (bytes.length > MAX_PHOTO_BYTES) {
            throw new IOException("photo of " + bytes.length + " bytes is larger than " + MAX_PHOTO_BYTES);
        }
        String sha = sha256(bytes);
        if (!sha.equals(resident.photoSha256())) {
            throw new IOException("photo has checksum " + sha + ", not the announced " + resident.photoSha256()
                    + " (changed meanwhile?)");
        }
        Path temp = Files.createTempFile(dir, "photo-", ".tmp");
        try {
            Files.write(temp, bytes);
            Files.move(temp, dir.resolve(sha + ".jpg"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private void removeAllBut(Set<String> keep) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                if (!keep.contains(file.getFileName().toString())) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            LOG.warn("Cleaning the photo folder failed: {}", e.getMessage());
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** Stops fetching; a download in progress is interrupted. Closing twice is safe. */
    @Override
    public void close() {
        worker.shutdownNow();
    }
}
