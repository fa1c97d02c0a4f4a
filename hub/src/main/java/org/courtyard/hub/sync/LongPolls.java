package org.courtyard.hub.sync;

import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.courtyard.hub.auth.KioskIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kiosks waiting for news. A waiter is answered once: by {@link #wake} or {@link #wakeVillages}
 * (a feature committed news for the kiosk: a help update, an announcement, a roster change) or
 * {@link Waiter#release} with its answer, which reads the news; by its timeout or {@link #close()}
 * with its "unchanged" answer, which reads nothing (nothing woke it, so nothing came for it). Either
 * runs on the executor. No thread waits with it: one timer thread serves every timeout.
 *
 * <p>Why two answers: with 10,000 kiosks some 400 long-polls run out every second. When each
 * timeout read every part's news it queued, for the executor's threads and the database's few
 * readers, in front of the answers that carry a staff transition, and those waited seconds.
 */
public final class LongPolls implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LongPolls.class);

    /** A parked request; it is answered at most once, by {@link #release} or when it runs out. */
    public final class Waiter {
        private final KioskIdentity kiosk;
        private final Runnable answer;
        private final Runnable unchanged;
        private final AtomicBoolean released = new AtomicBoolean();
        private volatile ScheduledFuture<?> timeout;

        private Waiter(KioskIdentity kiosk, Runnable answer, Runnable unchanged) {
            this.kiosk = kiosk;
            this.answer = answer;
            this.unchanged = unchanged;
        }

        /** Answers now with the news, unless already answered. */
        public void release() {
            finish(answer);
        }

        /** Answers "unchanged" (its wait ran out, or the hub stops), unless already answered. */
        private void runOut() {
            finish(unchanged);
        }

        private void finish(Runnable reply) {
            if (!released.compareAndSet(false, true)) {
                return;
            }
            Set<Waiter> set = waiting.get(kiosk.kioskId());
            if (set != null) {
                set.remove(this);
            }
            ScheduledFuture<?> scheduled = timeout;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
            try {
                executor.execute(reply);
            } catch (RejectedExecutionException e) {
                LOG.debug("executor refused a long-poll answer (stopping?); answering on this thread", e);
                reply.run();
            }
        }
    }

    private final ConcurrentHashMap<String, Set<Waiter>> waiting = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private final Executor executor;
    private volatile boolean closed;

    /** @param executor runs the answers (they read the database and write the response) */
    public LongPolls(Executor executor) {
        this.executor = executor;
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "courtyard-long-poll-timer");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        this.timer = scheduler;
    }

    /**
     * Parks a request of {@code kiosk} for at most {@code wait}: woken, it runs {@code answer} (the
     * news); run out, {@code unchanged} (no news, the cursor it came with; reads nothing). The
     * caller should look for news once more after parking and {@link Waiter#release} if there is
     * some, so a change that committed just before parking is not missed.
     */
    public Waiter park(KioskIdentity kiosk, Duration wait, Runnable answer, Runnable unchanged) {
        Waiter waiter = new Waiter(kiosk, answer, unchanged);
        waiting.computeIfAbsent(kiosk.kioskId(), id -> ConcurrentHashMap.newKeySet()).add(waiter);
        if (closed) {
            waiter.runOut();
            return waiter;
        }
        try {
            waiter.timeout = timer.schedule(waiter::runOut, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("long-poll timer stopped; answering at once", e);
            waiter.runOut();
        }
        return waiter;
    }

    /** How many kiosks' answers are held now. */
    public int waiting() {
        return waiting.values().stream().mapToInt(Set::size).sum();
    }

    /**
     * Answers the held syncs of these kiosks now, so they fetch what just changed for them (an
     * announcement, a help update); kiosks not waiting are not affected. Call after the change
     * committed.
     */
    public void wake(Collection<String> kioskIds) {
        for (String kioskId : kioskIds) {
            Set<Waiter> set = waiting.get(kioskId);
            if (set != null) {
                for (Waiter waiter : Set.copyOf(set)) {
                    waiter.release();
                }
            }
        }
    }

    /**
     * Answers the held syncs of every kiosk in these villages now (their roster changed); call
     * after the change committed.
     */
    public void wakeVillages(Collection<String> villages) {
        for (Set<Waiter> set : waiting.values()) {
            for (Waiter waiter : Set.copyOf(set)) {
                if (villages.contains(waiter.kiosk.village())) {
                    waiter.release();
                }
            }
        }
    }

    /** Answers every held request now ("unchanged") and stops the timer; safe twice. */
    @Override
    public void close() {
        closed = true;
        for (Set<Waiter> set : waiting.values()) {
            for (Waiter waiter : Set.copyOf(set)) {
                waiter.runOut();
            }
        }
        timer.shutdownNow();
    }
}
