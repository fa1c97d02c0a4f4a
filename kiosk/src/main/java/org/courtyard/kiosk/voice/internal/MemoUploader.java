package org.courtyard.kiosk.voice.internal;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.courtyard.kiosk.net.HubConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends voice memos to the hub, one at a time on its own thread:
 * {@code PUT /api/v1/help-requests/{id}/memo?transcript=…} over the kiosk's {@link HubConnection}, the WAV as
 * the body (docs/api.md). A memo goes once its request is DELIVERED; {@link #kick()} is called when
 * that happens and when a memo is saved. Failures are retried like the outbox: after 1 s, doubling
 * to at most {@code maxBackoff}. An answer that will not change on a retry (400, 403, 413, 415) marks
 * the memo failed, with the hub's reason, instead of retrying for ever.
 */
public final class MemoUploader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MemoUploader.class);
    private static final Duration IDLE_CHECK = Duration.ofSeconds(30);
    /** The hub takes at most this much transcript (it travels in the query string). */
    static final int MAX_TRANSCRIPT_CHARS = 500;

    private final MemoQueue queue;
    private final HubConnection hub;
    private final Clock clock;
    private final Duration maxBackoff;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private boolean kicked;
    private boolean closed;
    private Thread thread;

    public MemoUploader(MemoQueue queue, HubConnection hub, Clock clock, Duration maxBackoff) {
        this.queue = queue;
        this.hub = hub;
        this.clock = clock;
        this.maxBackoff = maxBackoff;
    }

    /** Starts the upload thread; the first look at the queue happens at once. */
    public void start() {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the memo uploader has been closed");
            }
            if (thread != null) {
                return;
            }
            kicked = true;
            thread = new Thread(this::run, "voice-memo-upload");
            thread.setDaemon(true);
            thread.start();
        } finally {
            lock.unlock();
        }
    }

    /** Looks at the queue now (a memo was saved, or a request was delivered). */
    public void kick() {
        lock.lock();
        try {
            kicked = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (awaitWork()) {
            try {
                Optional<MemoQueue.Memo> due;
                while ((due = queue.nextDue(clock.instant())).isPresent() && !isClosed()) {
                    upload(due.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("Voice memo upload failed unexpectedly; looking again later", e);
            }
        }
    }

    private void upload(MemoQueue.Memo memo) throws InterruptedException {
        byte[] wav;
        try {
            wav = java.nio.file.Files.readAllBytes(queue.fileOf(memo));
        } catch (NoSuchFileException e) {
            queue.failed(memo, "the memo file " + queue.fileOf(memo) + " is gone");
            LOG.error("Voice memo of help request {} lost its file {}", memo.requestId(), queue.fileOf(memo));
            return;
        } catch (IOException e) {
            retry(memo, "cannot read " + queue.fileOf(memo) + ": " + e.getMessage());
            return;
        }
        String transcript = memo.transcript() == null || memo.transcript().length() <= MAX_TRANSCRIPT_CHARS
                ? memo.transcript() : memo.transcript().substring(0, MAX_TRANSCRIPT_CHARS);
        String query = transcript == null ? ""
                : "?transcript=" + URLEncoder.encode(transcript, StandardCharsets.UTF_8).replace("+", "%20");
        HttpRequest request = hub.request("api/v1/help-requests/" + memo.requestId() + "/memo" + query,
                        Duration.ofSeconds(30))
                .header("Content-Type", "audio/wav")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(wav))
                .build();
        HttpResponse<String> response;
        try {
            response = hub.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            retry(memo, "hub unreachable: " + e.getMessage());
            return;
        }
        int status = response.statusCode();
        if (status == 200 || status == 201) {
            queue.uploaded(memo);
            LOG.info("Voice memo of help request {} uploaded ({} bytes)", memo.requestId(), wav.length);
        } else if (status == 400 || status == 403 || status == 413 || status == 415) {
            queue.failed(memo, "hub answered " + status + ": " + response.body());
            LOG.warn("The hub refused the voice memo of help request {} for good ({}): {}", memo.requestId(), status,
                    response.body());
        } else {
            retry(memo, "hub answered " + status + ": " + response.body());
        }
    }

    private void retry(MemoQueue.Memo memo, String error) {
        long millis = 1_000L << Math.min(memo.attempts(), 16);
        Duration wait = Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
        queue.retryLater(memo, error, clock.instant().plus(wait));
        LOG.info("Voice memo of help request {} not uploaded ({}); retrying in {} s", memo.requestId(), error,
                wait.toSeconds());
    }

    /** Waits for a kick, the next retry time or the idle check; false once closed. */
    private boolean awaitWork() {
        Instant next = queue.nextAttempt().orElse(null);
        lock.lock();
        try {
            long nanos = next == null ? IDLE_CHECK.toNanos()
                    : Math.max(0, Math.min(IDLE_CHECK.toNanos(), Duration.between(clock.instant(), next).toNanos()));
            while (!closed && !kicked && nanos > 0) {
                nanos = wake.awaitNanos(nanos);
            }
            kicked = false;
            return !closed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    private boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Stops the thread, waiting briefly for an upload in progress; closing twice is safe. */
    @Override
    public void close() {
        Thread running;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            wake.signalAll();
            running = thread;
        } finally {
            lock.unlock();
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
