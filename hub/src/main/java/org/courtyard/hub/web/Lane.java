package org.courtyard.hub.web;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.courtyard.hub.core.Refusal;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the requests under one path prefix on a thread pool of their own, so they cannot take the
 * threads everything else needs: the hub gives {@code /api/v1/sync} its own lane, and a flood of
 * kiosk syncs then waits in that lane while the staff page is served on Jetty's threads. A request
 * that finds all {@code threads} busy and {@code queue} requests waiting is answered at once with
 * 503 {@code unavailable} and {@code Retry-After}; kiosks treat that as "try again later".
 *
 * <p>Why not Jetty's {@code QoSHandler}: it counts a request until its response completes, and a
 * sync held open by long-poll (no thread, up to 25 s) would hold a permit all that time, so the
 * limit would have to exceed the number of kiosks and would protect nothing. Here a thread is
 * counted only while it runs the handler; a long-poll that detaches frees its thread at once.
 *
 * <p>A request that reaches a thread after waiting longer than {@link #MAX_QUEUE_WAIT} is answered
 * 503 the same way instead of being handled: its kiosk gives up on a sync after 10 s (plus the
 * long-poll's wait) and sends it again, so handling it late would be work for nobody, taken from
 * the requests behind it. This is what keeps a burst (a township's kiosks all returning after a
 * power cut) from turning into time-outs: the queue never holds more than a few seconds of work.
 *
 * <p>Requests still waiting when the hub stops are answered 503.
 */
public final class Lane extends Handler.Wrapper {

    private static final Logger LOG = LoggerFactory.getLogger(Lane.class);
    /** Seconds a refused client should wait before trying again. */
    static final int RETRY_AFTER_SECONDS = 5;
    /** The longest a request waits for a thread before it is refused rather than handled. */
    static final Duration MAX_QUEUE_WAIT = Duration.ofSeconds(5);

    private final String prefix;
    private final int threads;
    private final int queue;
    private final LongSupplier nanoTime;
    private ThreadPoolExecutor executor;

    /**
     * @param prefix the path and everything under it, e.g. {@code /api/v1/sync}
     * @param threads most requests of the lane handled at once
     * @param queue most requests of the lane waiting for a thread; 0 for none
     */
    public Lane(String prefix, int threads, int queue, Handler next) {
        this(prefix, threads, queue, next, System::nanoTime);
    }

    /** As above, with the clock that times the wait in the queue. */
    Lane(String prefix, int threads, int queue, Handler next, LongSupplier nanoTime) {
        super(next);
        if (!prefix.startsWith("/")) {
            throw new IllegalArgumentException("lane prefix must start with '/': " + prefix);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("a lane needs at least one thread, was " + threads);
        }
        if (queue < 0) {
            throw new IllegalArgumentException("a lane's queue must not be negative, was " + queue);
        }
        this.prefix = prefix;
        this.threads = threads;
        this.queue = queue;
        this.nanoTime = nanoTime;
    }

    /** Requests of the lane being handled now. */
    public int active() {
        ThreadPoolExecutor current = executor;
        return current == null ? 0 : current.getActiveCount();
    }

    /** Requests of the lane waiting for a thread now. */
    public int waiting() {
        ThreadPoolExecutor current = executor;
        return current == null ? 0 : current.getQueue().size();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (!path.equals(prefix) && !path.startsWith(prefix + "/")) {
            return super.handle(request, response, callback);
        }
        Task task = new Task(request, response, callback);
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("lane {} is full ({} running, {} waiting); refusing a request", prefix, threads, queue, e);
            task.refuse("the hub is busy; try again in " + RETRY_AFTER_SECONDS + " seconds");
        }
        return true;
    }

    @Override
    protected void doStart() throws Exception {
        AtomicInteger number = new AtomicInteger();
        String name = "courtyard-lane" + prefix.replace('/', '-');
        executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue), runnable -> {
                    Thread thread = new Thread(runnable, name + "-" + number.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        ThreadPoolExecutor current = executor;
        current.shutdown();
        List<Runnable> waiting = current.shutdownNow();
        for (Runnable runnable : waiting) {
            ((Task) runnable).refuse("the hub is stopping");
        }
        super.doStop();
    }

    private final class Task implements Runnable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final long queuedAt;

        Task(Request request, Response response, Callback callback) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.queuedAt = nanoTime.getAsLong();
        }

        @Override
        public void run() {
            long waited = nanoTime.getAsLong() - queuedAt;
            if (waited > MAX_QUEUE_WAIT.toNanos()) {
                LOG.debug("lane {}: a request waited {} ms for a thread; refusing it", prefix, waited / 1_000_000);
                refuse("the hub is busy; try again in " + RETRY_AFTER_SECONDS + " seconds");
                return;
            }
            try {
                if (!Lane.super.handle(request, response, callback)) {
                    JsonResponses.error(response, callback, Refusal.notFound("not found: "
                            + Request.getPathInContext(request)));
                }
            } catch (Exception e) {
                LOG.error("{} {} failed in lane {}", request.getMethod(), Request.getPathInContext(request), prefix, e);
                callback.failed(e);
            }
        }

        /** Answers 503 without reading the request body, so the connection is closed after it. */
        void refuse(String message) {
            response.getHeaders().put("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            JsonResponses.error(response, callback, new Refusal(Refusal.Kind.UNAVAILABLE, "unavailable", message));
        }
    }
}
