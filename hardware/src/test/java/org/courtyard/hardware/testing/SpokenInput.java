package org.courtyard.hardware.testing;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.courtyard.hardware.Microphone;
import org.courtyard.hardware.internal.AudioInput;

/**
 * A microphone for tests: what the test {@link #speak speaks} (PCM in {@link Microphone#FORMAT}) is
 * what the capture yields, and a read blocks in between, as a live microphone does. Closing the
 * capture ends a blocked read.
 */
public final class SpokenInput implements AudioInput {

    private final LinkedBlockingQueue<byte[]> spoken = new LinkedBlockingQueue<>();

    @Override
    public boolean present() {
        return true;
    }

    @Override
    public String description() {
        return "test microphone";
    }

    /** Makes {@code pcm} (16 kHz mono 16-bit) the next thing the microphone hears. */
    public void speak(byte[] pcm) {
        spoken.add(pcm.clone());
    }

    @Override
    public AudioInputStream open() {
        return new AudioInputStream(new Live(), Microphone.FORMAT, AudioSystem.NOT_SPECIFIED);
    }

    private final class Live extends InputStream {

        private byte[] current = new byte[0];
        private int at;
        private volatile boolean closed;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                while (at >= current.length) {
                    if (closed) {
                        return -1;
                    }
                    byte[] next = spoken.poll(20, TimeUnit.MILLISECONDS);
                    if (next != null) {
                        current = next;
                        at = 0;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while listening");
            }
            int n = Math.min(length, current.length - at);
            System.arraycopy(current, at, buffer, offset, n);
            at += n;
            return n;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
