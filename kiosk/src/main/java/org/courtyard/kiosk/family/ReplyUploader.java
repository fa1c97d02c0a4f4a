package org.courtyard.kiosk.family;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.courtyard.kiosk.net.HubConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the replies recorded at the kiosk, oldest first, on its own thread:
 * {@code PUT /api/v1/family-messages/{id}?replyTo=MESSAGE} over the kiosk's {@link HubConnection},
 * the WAV as the body. The id is made when the reply is recorded, so a retry after a lost answer is
 * stored once (the hub answers 200). Failures are retried after 1 s, doubling to
 * {@code maxBackoff}; an answer a retry would not change (400, 403, 404, 413, 415) keeps the reply
 * with the hub's reason instead of retrying for ever. A sent reply's file is deleted.
 */
final class ReplyUploader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplyUploader.class);
    private static final Duration IDLE_CHECK = Duration.ofSeconds(30);

    private final FamilyStore store;
    private final HubConnection hub;
    private final Duration maxBackoff;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private boolean kicked;
    private boolean closed;
    private Thread thread;

    ReplyUploader(FamilyStore store, HubConnection hub, Duration maxBackoff) {
        this.store = store;
        this.hub = hub;
        this.maxBackoff = maxBackoff;
    }

    void start() {
        lock.lock();
        try {
            if (closed || thread != null) {
                return;
            }
            thread = new Thread(this::loop, "kiosk-replies");
            thread.setDaemon(true);
            thread.start();
        } finally {
            lock.unlock();
        }
    }

    /** A reply was kept: look at the queue now. */
    void kick() {
        lock.lock();
        try {
            kicked = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        Duration backoff = Duration.ofSeconds(1);
        while (true) {
            Optional<FamilyStore.Reply> next = store.nextReply();
            Duration wait = IDLE_CHECK;
            if (next.isPresent()) {
                try {
                    send(next.get());
                    backoff = Duration.ofSeconds(1);
                    continue;
                } catch (IOException e) {
                    LOG.info("reply {} not sent ({}); trying again in {} s", next.get().id(), e.getMessage(),
                            backoff.toSeconds());
                    wait = backoff;
                    backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            lock.lock();
            try {
                if (!kicked && !closed) {
                    wake.await(wait.toMillis(), TimeUnit.MILLISECONDS);
                }
                kicked = false;
                if (closed) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
        }
    }

    private void send(FamilyStore.Reply reply) throws IOException, InterruptedException {
        Path file = Path.of(reply.file());
        if (!Files.isRegularFile(file)) {
            store.replyFailed(reply.id(), "the recording " + file + " is missing");
            return;
        }
        HttpRequest request = hub.request("api/v1/family-messages/" + reply.id() + "?replyTo=" + reply.replyTo(),
                Duration.ofSeconds(60)).header("Content-Type", "audio/wav")
                .PUT(HttpRequest.BodyPublishers.ofFile(file)).build();
        HttpResponse<String> response = hub.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status == 200 || status == 201) {
            store.replySent(reply.id());
            Files.deleteIfExists(file);
            LOG.info("reply {} to message {} sent", reply.id(), reply.replyTo());
        } else if (status == 400 || status == 403 || status == 404 || status == 413 || status == 415) {
            store.replyFailed(reply.id(), status + " " + response.body());
            LOG.warn("the hub refuses reply {}: {} {}", reply.id(), status, response.body());
        } else {
            throw new IOException("the hub answered " + status);
        }
    }

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
