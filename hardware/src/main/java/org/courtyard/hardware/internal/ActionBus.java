package org.courtyard.hardware.internal;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.courtyard.hardware.HardwareAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one ordered executor of a kiosk's hardware: action lines and button listeners run here, one
 * at a time and in the order they were submitted, never on a GPIO or timer thread. A listener that
 * throws is logged and does not stop the others.
 */
public final class ActionBus implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ActionBus.class);

    private final List<Consumer<HardwareAction>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService executor;
    private volatile Thread thread;

    public ActionBus() {
        executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread created = new Thread(runnable, "courtyard-hardware-events");
            created.setDaemon(true);
            thread = created;
            return created;
        });
    }

    public void addListener(Consumer<HardwareAction> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Reports {@code line} to every action listener, in order with everything else on the bus. */
    public void emit(String line) {
        HardwareAction action = new HardwareAction(line);
        log.debug("hardware: {}", action);
        run(() -> {
            for (Consumer<HardwareAction> listener : listeners) {
                try {
                    listener.accept(action);
                } catch (RuntimeException e) {
                    log.warn("hardware action listener failed on '{}'", action, e);
                }
            }
        });
    }

    /** Runs {@code task} on the bus thread after everything submitted before it. */
    public void run(Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.warn("hardware listener failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("hardware event dropped after close", e);
        }
    }

    /**
     * Delivers what is already queued (waiting up to two seconds), then stops the thread. Later
     * events are dropped. Closing twice is safe. Called from a listener (on the bus thread itself),
     * it does not wait: the queue drains after that listener returns.
     */
    @Override
    public void close() {
        executor.shutdown();
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                log.warn("hardware listeners still busy after 2 s; stopping them");
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
