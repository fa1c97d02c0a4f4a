package org.courtyard.kiosk.voice;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.courtyard.hardware.AudioClip;
import org.courtyard.hardware.Microphone;
import org.courtyard.hardware.internal.AudioDeviceException;
import org.courtyard.hardware.internal.AudioInput;
import org.courtyard.hardware.internal.CaptureMicrophone;

/**
 * A microphone device for tests, in the way the hardware module's own tests feed one: each capture
 * plays the next queued recording through the real {@link CaptureMicrophone}, so the voice code
 * gets real frames from the real frame stream. A recording queued with {@link #hold} then stays
 * open, delivering nothing, until the capture is closed, like a line nobody speaks into.
 */
public final class ScriptedInput implements AudioInput {

    private record Take(AudioClip clip, boolean hold) {
    }

    private final BlockingQueue<Take> takes = new LinkedBlockingQueue<>();
    private final AtomicInteger opened = new AtomicInteger();

    /** The real microphone over this input. */
    public CaptureMicrophone microphone() {
        return new CaptureMicrophone(this);
    }

    /** The next capture plays {@code clip} and then ends. */
    public ScriptedInput then(AudioClip clip) {
        takes.add(new Take(clip, false));
        return this;
    }

    /** The next capture plays {@code clip} and then waits, silent, until it is closed. */
    public ScriptedInput hold(AudioClip clip) {
        takes.add(new Take(clip, true));
        return this;
    }

    /** How many captures were opened. */
    public int opened() {
        return opened.get();
    }

    @Override
    public boolean present() {
        return true;
    }

    @Override
    public String description() {
        return "scripted test input";
    }

    @Override
    public AudioInputStream open() throws AudioDeviceException {
        Take take = takes.poll();
        if (take == null) {
            throw new AudioDeviceException("scripted test input has no more recordings");
        }
        opened.incrementAndGet();
        InputStream audio = new ByteArrayInputStream(take.clip().pcm());
        if (take.hold()) {
            audio = new SequenceInputStream(audio, new Blocking());
        }
        return new AudioInputStream(audio, Microphone.FORMAT, AudioSystem.NOT_SPECIFIED);
    }

    /** Blocks every read until closed, then ends. */
    private static final class Blocking extends InputStream {

        private final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public int read() throws IOException {
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            return -1;
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }
}
