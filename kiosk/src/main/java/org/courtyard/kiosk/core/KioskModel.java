package org.courtyard.kiosk.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk's state and the one ordered queue through which it changes. Touch screen, physical
 * button, voice, sync and timers all submit work here, so the GPIO threads, the sync threads and
 * the JavaFX thread never race. Listeners are called on the queue's thread after every change, in
 * order; a JavaFX view hands the snapshot on with {@code Platform.runLater}.
 */
public final class KioskModel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KioskModel.class);

    private final ExecutorService queue = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kiosk-model");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Consumer<KioskState>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Thread modelThread;
    private volatile KioskState state;

    public KioskModel(KioskState initial) {
        this.state = initial;
        queue.execute(() -> modelThread = Thread.currentThread());
    }

    /** The latest snapshot; safe from any thread. */
    public KioskState state() {
        return state;
    }

    /** Adds a listener and calls it at once, on the model thread, with the current state. */
    public void addListener(Consumer<KioskState> listener) {
        execute(() -> {
            listeners.add(listener);
            notify(listener, state);
        });
    }

    /** Runs {@code work} on the model thread, after everything submitted before it. */
    public void execute(Runnable work) {
        pending.incrementAndGet();
        try {
            queue.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.error("Kiosk model work failed", e);
                } finally {
                    pending.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            pending.decrementAndGet();
            LOG.debug("Kiosk model closed; dropping work", e);
        }
    }

    /** Changes the state; only on the model thread. */
    public void update(UnaryOperator<KioskState> change) {
        if (Thread.currentThread() != modelThread) {
            throw new IllegalStateException("the kiosk state changes only on the kiosk-model thread");
        }
        KioskState next = change.apply(state);
        if (next.equals(state)) {
            return;
        }
        state = next;
        for (Consumer<KioskState> listener : listeners) {
            notify(listener, next);
        }
    }

    private static void notify(Consumer<KioskState> listener, KioskState snapshot) {
        try {
            listener.accept(snapshot);
        } catch (RuntimeException e) {
            LOG.error("Kiosk state listener failed", e);
        }
    }

    /**
     * Waits until the queue is empty, including work that queued work submitted in turn (a voice
     * command that raises a help request). For tests and orderly shutdown: an observable point to
     * wait on, instead of sleeping.
     */
    public void awaitIdle(Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("the kiosk model did not become idle within " + timeout);
            }
            try {
                queue.submit(() -> { }).get(left, TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw new IllegalStateException("the kiosk model queue failed", e.getCause());
            }
        } while (pending.get() > 0);
    }

    /** Stops the queue after the work already submitted; closing twice is safe. */
    @Override
    public void close() {
        queue.shutdown();
        try {
            if (!queue.awaitTermination(5, TimeUnit.SECONDS)) {
                queue.shutdownNow();
            }
        } catch (InterruptedException e) {
            queue.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
