package org.courtyard.kiosk.speech;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.courtyard.hardware.AudioClip;
import org.courtyard.hardware.Loudspeaker;
import org.courtyard.hardware.Route;
import org.courtyard.hardware.Tones;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speaks prompts and sounds alerts, one at a time, on its own thread so that the model never
 * waits for audio. A new prompt replaces prompts still waiting: the elder should hear the latest
 * state, not a backlog.
 */
public final class Feedback implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Feedback.class);

    private final Loudspeaker loudspeaker;
    private final Prompts prompts;
    private final LinkedBlockingDeque<Runnable> queue = new LinkedBlockingDeque<>();
    private final ExecutorService audio;
    /** Plays queued or running; the quiet waiters run when it drops to zero. Guarded by {@code this}. */
    private final AtomicInteger outstanding = new AtomicInteger();
    private final List<Runnable> quietWaiters = new ArrayList<>();

    public Feedback(Loudspeaker loudspeaker, Prompts prompts) {
        this.loudspeaker = loudspeaker;
        this.prompts = prompts;
        this.audio = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, queue, runnable -> {
            Thread thread = new Thread(runnable, "kiosk-audio");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Speaks the clips of {@code keys}, in order, on the kiosk's own speaker, dropping prompts not
     * yet spoken.
     */
    public void say(String... keys) {
        say(Optional.empty(), keys);
    }

    /**
     * As {@link #say(String...)}, with {@code lead} spoken first when present: a home unit's
     * resident's name before its thanks (张桂英，谢谢您…).
     */
    public void say(Optional<AudioClip> lead, String... keys) {
        int dropped = 0;
        for (Runnable waiting : queue.toArray(new Runnable[0])) {
            // Only prompts: an alarm queued just before (the help flow sounds it, then speaks) must sound.
            if (waiting instanceof Queued queued && queued.prompt() && queue.remove(waiting)) {
                dropped++;
            }
        }
        outstanding.addAndGet(-dropped);
        lead.ifPresent(clip -> submit(true, () -> loudspeaker.play(clip, Route.INDOOR, false)));
        for (String key : keys) {
            submit(true, () -> prompts.clip(key).ifPresentOrElse(
                    clip -> loudspeaker.play(clip, Route.INDOOR, false),
                    () -> LOG.warn("No spoken clip for prompt '{}'", key)));
        }
    }

    /**
     * Sounds the help alarm over the courtyard loudspeaker, so people nearby come at once. A later
     * {@link #say} does not drop it.
     */
    public void alertCourtyard() {
        submit(false, () -> loudspeaker.play(Tones.alarm(), Route.OUTDOOR, false));
    }

    /**
     * Runs {@code action} once the kiosk has nothing left to say: at once if it is quiet now, else
     * on the audio thread right after the last prompt queued by then or later has ended. Voice
     * listening starts through this, so that the microphone does not hear the kiosk's own voice.
     * Keep {@code action} short: it delays the next prompt. After {@link #close()} it never runs.
     */
    public void whenQuiet(Runnable action) {
        synchronized (this) {
            if (outstanding.get() > 0) {
                quietWaiters.add(action);
                return;
            }
        }
        if (!audio.isShutdown()) {
            action.run();
        }
    }

    /** Whether a prompt or alert is playing or waiting to play. */
    public boolean busy() {
        return outstanding.get() > 0;
    }

    /** A play waiting on the audio thread; {@code prompt} ones are dropped by a newer {@link #say}. */
    private record Queued(boolean prompt, Runnable play) implements Runnable {
        @Override
        public void run() {
            play.run();
        }
    }

    private void submit(boolean prompt, Runnable work) {
        outstanding.incrementAndGet();
        try {
            audio.execute(new Queued(prompt, () -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.error("Audio feedback failed", e);
                } finally {
                    finished();
                }
            }));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            outstanding.decrementAndGet();
            LOG.debug("Feedback closed; not playing", e);
        }
    }

    private void finished() {
        List<Runnable> ready;
        synchronized (this) {
            if (outstanding.decrementAndGet() > 0 || quietWaiters.isEmpty()) {
                return;
            }
            ready = new ArrayList<>(quietWaiters);
            quietWaiters.clear();
        }
        for (Runnable waiter : ready) {
            try {
                waiter.run();
            } catch (RuntimeException e) {
                LOG.error("An action waiting for the kiosk to stop speaking failed", e);
            }
        }
    }

    /** Stops at once: interrupts a play in progress and drops what waits. Closing twice is safe. */
    @Override
    public void close() {
        synchronized (this) {
            quietWaiters.clear();
        }
        queue.clear();
        audio.shutdownNow();
        loudspeaker.interrupt();
        try {
            audio.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
