package org.courtyard.kiosk.announce;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.courtyard.kiosk.net.HubConnection;
import org.courtyard.protocol.AudioRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches announcement audio from the hub into the {@link AudioLibrary}, one file at a time on its
 * own thread, so that a poor link never holds up sync or the screen.
 *
 * <p>Resumable: the bytes received so far stay in {@code <sha256>.part}; the next attempt asks for
 * the rest with {@code Range: bytes=N-} and {@code If-Range: "<sha256>"}, and appends the hub's 206
 * answer. A 200 answer (the hub has other audio under that id now, or ignores ranges) starts the file
 * again. A finished file is checked against its SHA-256 before it may be played; one that does not
 * match is deleted and fetched again from the start. Failures are retried after 2 s, doubling up to
 * a minute; a download that stalls for {@value #STALL_SECONDS} s is cut and resumed.
 */
public final class AudioDownloads implements AutoCloseable {

    /** What the downloads tell the kiosk; called on the download thread. */
    public interface Listener {

        /** The audio is complete and checked in the library. */
        void downloaded(String sha256);

        /** A request was sent for the bytes from {@code from} on (0: the whole file). */
        default void requesting(String sha256, long from) {
        }

        /** {@code have} of {@code total} bytes are in the partial file now. */
        default void progress(String sha256, long have, long total) {
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(AudioDownloads.class);
    private static final long STALL_SECONDS = 60;
    private static final Duration MIN_BACKOFF = Duration.ofSeconds(2);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    private static final int BUFFER = 64 * 1024;

    private final HubConnection hub;
    private final AudioLibrary library;
    private final Function<String, String> pathOf;
    private final String name;
    private final Listener listener;
    private final ScheduledExecutorService watchdog;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, Wanted> wanted = new LinkedHashMap<>();
    private boolean running;
    private boolean closed;
    private Thread thread;

    /** One file to fetch: through which announcement's (or message's) URL, and when to try next. */
    private static final class Wanted {
        final AudioRef audio;
        String announcementId;
        int failures;
        long retryAtNanos;

        Wanted(String announcementId, AudioRef audio) {
            this.announcementId = announcementId;
            this.audio = audio;
        }
    }

    /** Announcement audio, from {@code GET /api/v1/announcements/{id}/audio}. */
    public AudioDownloads(HubConnection hub, AudioLibrary library, Listener listener) {
        this(hub, library, "announce", id -> "api/v1/announcements/" + id + "/audio", listener);
    }

    /**
     * Audio of another kind, fetched the same way: family messages, say.
     *
     * @param name names the threads ({@code NAME-downloads})
     * @param pathOf the hub path (relative, no leading '/') of the audio of the thing with this id
     */
    public AudioDownloads(HubConnection hub, AudioLibrary library, String name, Function<String, String> pathOf,
            Listener listener) {
        this.hub = Objects.requireNonNull(hub, "hub");
        this.library = library;
        this.name = name;
        this.pathOf = pathOf;
        this.listener = listener;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread created = new Thread(runnable, name + "-download-watchdog");
            created.setDaemon(true);
            return created;
        });
    }

    /** Starts the download thread. */
    public void start() {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the audio downloads have been closed");
            }
            if (running) {
                return;
            }
            running = true;
        } finally {
            lock.unlock();
        }
        thread = new Thread(this::loop, name + "-downloads");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Fetches {@code audio} through announcement {@code announcementId}'s download, unless it is
     * already in the library or wanted. A failed file is tried again at once.
     */
    public void want(String announcementId, AudioRef audio) {
        if (library.has(audio.sha256())) {
            return;
        }
        lock.lock();
        try {
            Wanted entry = wanted.computeIfAbsent(audio.sha256(), sha -> new Wanted(announcementId, audio));
            entry.announcementId = announcementId;
            entry.retryAtNanos = 0;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Stops wanting every file but these (withdrawn or replaced audio); a download in progress ends at its next retry. */
    public void keepOnly(Set<String> sha256s) {
        lock.lock();
        try {
            wanted.keySet().retainAll(sha256s);
        } finally {
            lock.unlock();
        }
    }

    /** Whether a file is still waiting to be fetched (or being fetched). */
    public boolean pending(String sha256) {
        lock.lock();
        try {
            return wanted.containsKey(sha256);
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        while (true) {
            Wanted next = awaitNext();
            if (next == null) {
                return;
            }
            String sha = next.audio.sha256();
            try {
                boolean complete = fetch(next);
                lock.lock();
                try {
                    if (complete) {
                        wanted.remove(sha);
                    } else {
                        // The checksum did not match: fetch again from the start, soon but not in a tight loop.
                        fail(next);
                    }
                } finally {
                    lock.unlock();
                }
                if (complete) {
                    LOG.info("audio {} downloaded", sha);
                    listener.downloaded(sha);
                }
            } catch (Refused e) {
                LOG.warn("the hub refuses audio {} of announcement {}: {}; not fetching it", sha,
                        next.announcementId, e.getMessage());
                lock.lock();
                try {
                    wanted.remove(sha);
                } finally {
                    lock.unlock();
                }
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted() && !isRunning()) {
                    return;
                }
                LOG.info("downloading audio {} failed ({}); will resume", sha, e.getMessage());
                lock.lock();
                try {
                    fail(next);
                } finally {
                    lock.unlock();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("downloading audio {} failed unexpectedly; will retry", sha, e);
                lock.lock();
                try {
                    fail(next);
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    private boolean isRunning() {
        lock.lock();
        try {
            return running;
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: try again later, backing off. */
    private void fail(Wanted entry) {
        entry.failures++;
        long backoff = Math.min(MAX_BACKOFF.toNanos(), MIN_BACKOFF.toNanos() << Math.min(entry.failures - 1, 10));
        entry.retryAtNanos = System.nanoTime() + backoff;
    }

    /** The next file whose turn it is, waiting as needed; null once closed. */
    private Wanted awaitNext() {
        lock.lock();
        try {
            while (running) {
                long now = System.nanoTime();
                long soonest = Long.MAX_VALUE;
                for (Wanted entry : wanted.values()) {
                    if (entry.retryAtNanos - now <= 0) {
                        return entry;
                    }
                    soonest = Math.min(soonest, entry.retryAtNanos - now);
                }
                if (soonest == Long.MAX_VALUE) {
                    changed.await();
                } else {
                    changed.awaitNanos(soonest);
                }
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * One attempt: asks for what the partial file lacks and appends it.
     *
     * @return true if the file is complete and checked; false if it did not match its checksum
     *     (the partial file is then gone)
     */
    private boolean fetch(Wanted entry) throws IOException, InterruptedException, Refused {
        AudioRef audio = entry.audio;
        String sha = audio.sha256();
        library.dir();
        Path partial = library.partial(sha);
        long have = Files.isRegularFile(partial) ? Files.size(partial) : 0;
        if (have > audio.bytes()) {
            Files.delete(partial);
            have = 0;
        }
        if (have < audio.bytes()) {
            have = receive(entry.announcementId, audio, partial, have);
        }
        if (have != audio.bytes()) {
            throw new IOException("the download ended after " + have + " of " + audio.bytes() + " bytes");
        }
        return library.complete(sha);
    }

    /** Requests the bytes from {@code have} on and appends them; returns the partial file's new size. */
    private long receive(String announcementId, AudioRef audio, Path partial, long have)
            throws IOException, InterruptedException, Refused {
        String sha = audio.sha256();
        HttpRequest.Builder request = hub.request(pathOf.apply(announcementId), Duration.ofSeconds(30)).GET();
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-").header("If-Range", "\"" + sha + "\"");
        }
        listener.requesting(sha, have);
        HttpResponse<InputStream> response = hub.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        int status = response.statusCode();
        try (InputStream body = response.body()) {
            boolean append;
            if (status == 206) {
                String range = response.headers().firstValue("Content-Range").orElse("");
                if (!range.startsWith("bytes " + have + "-")) {
                    throw new IOException("the hub sent the range '" + range + "', not the bytes from " + have);
                }
                append = true;
            } else if (status == 200) {
                append = false;
                have = 0;
            } else if (status == 416) {
                Files.deleteIfExists(partial);
                throw new IOException("the hub has no bytes after " + have + "; starting again");
            } else if (status == 401 || status == 403 || status == 404) {
                throw new Refused(status + " " + new String(body.readNBytes(500), java.nio.charset.StandardCharsets.UTF_8));
            } else {
                throw new IOException("the hub answered " + status);
            }
            return copy(body, partial, append, have, audio);
        }
    }

    private long copy(InputStream body, Path partial, boolean append, long have, AudioRef audio)
            throws IOException {
        AtomicLong lastProgress = new AtomicLong(System.nanoTime());
        ScheduledFuture<?> stallCheck = watchdog.scheduleWithFixedDelay(() -> {
            if (System.nanoTime() - lastProgress.get() > TimeUnit.SECONDS.toNanos(STALL_SECONDS)) {
                LOG.info("the download of audio {} stalled; cutting it to resume", audio.sha256());
                closeQuietly(body);
            }
        }, STALL_SECONDS, 5, TimeUnit.SECONDS);
        long size = have;
        try (OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buffer = new byte[BUFFER];
            int read;
            while (size < audio.bytes() && (read = body.read(buffer, 0, (int) Math.min(buffer.length,
                    audio.bytes() - size))) != -1) {
                out.write(buffer, 0, read);
                size += read;
                lastProgress.set(System.nanoTime());
                listener.progress(audio.sha256(), size, audio.bytes());
                if (Thread.currentThread().isInterrupted()) {
                    throw new java.io.InterruptedIOException("the download was stopped after " + size + " bytes");
                }
            }
        } finally {
            stallCheck.cancel(false);
        }
        return size;
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            LOG.debug("closing a stalled download failed", e);
        }
    }

    /**
     * Stops the thread, cutting a download in progress (its bytes stay for the next start). Closing
     * twice is safe.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            running = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        watchdog.shutdownNow();
        Thread current = thread;
        if (current != null) {
            current.interrupt();
            try {
                current.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The hub will not give this audio to this kiosk (withdrawn, not for it, bad token). */
    private static final class Refused extends Exception {

        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }
}
