package org.courtyard.hardware.internal;

import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sound.sampled.AudioFormat;

/**
 * A simulated sound card that makes no sound: it takes PCM at the speed a real device would play
 * it (so announcements last as long as they should, and interrupting one works the same) and counts
 * the bytes. Used by {@code sim} when there is no sound card.
 */
public final class SilentOutput implements AudioOutput {

    private final String description;
    private final AtomicLong bytesPlayed = new AtomicLong();

    public SilentOutput(String description) {
        this.description = Objects.requireNonNull(description, "description");
    }

    @Override
    public boolean present() {
        return false;
    }

    @Override
    public String description() {
        return description;
    }

    /** Bytes accepted by all sinks so far. */
    public long bytesPlayed() {
        return bytesPlayed.get();
    }

    @Override
    public AudioSink open(AudioFormat format) {
        return new PacingSink(format);
    }

    private final class PacingSink implements AudioSink {

        private final AudioFormat format;
        private final double nanosPerByte;
        private final CountDownLatch aborted = new CountDownLatch(1);
        private long startedAt = -1;
        private long written;

        PacingSink(AudioFormat format) {
            this.format = format;
            this.nanosPerByte = 1_000_000_000.0 / (format.getFrameRate() * format.getFrameSize());
        }

        @Override
        public AudioFormat format() {
            return format;
        }

        @Override
        public void write(byte[] pcm, int offset, int length) {
            if (aborted.getCount() == 0) {
                return;
            }
            if (startedAt < 0) {
                startedAt = System.nanoTime();
            }
            written += length;
            bytesPlayed.addAndGet(length);
            awaitPlayed();
        }

        @Override
        public void drain() {
            awaitPlayed();
        }

        /** Waits until the bytes written so far would have been heard, or until aborted. */
        private void awaitPlayed() {
            if (startedAt < 0) {
                return;
            }
            long due = startedAt + (long) (written * nanosPerByte);
            long wait = due - System.nanoTime();
            try {
                if (wait > 0) {
                    aborted.await(wait, TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                // The player sees the restored flag and ends the play as interrupted.
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void abort() {
            aborted.countDown();
        }

        @Override
        public void close() {
            aborted.countDown();
        }
    }
}
