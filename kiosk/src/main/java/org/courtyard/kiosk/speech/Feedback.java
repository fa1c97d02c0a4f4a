package org.courtyard.kiosk.speech;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
        queue.clear();
        for (String key : keys) {
            submit(() -> prompts.clip(key).ifPresentOrElse(
                    clip -> loudspeaker.play(clip, Route.INDOOR, false),
                    () -> LOG.warn("No spoken clip for prompt '{}'", key)));
        }
    }

    /** Sounds the help alarm over the courtyard loudspeaker, so people nearby come at once. */
    public void alertCourtyard() {
        submit(() -> loudspeaker.play(Tones.alarm(), Route.OUTDOOR, false));
    }

    private void submit(Runnable work) {
        try {
            audio.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.error("Audio feedback failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("Feedback closed; not playing", e);
        }
    }

    /** Stops at once: interrupts a play in progress and drops what waits. Closing twice is safe. */
    @Override
    public void close() {
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
