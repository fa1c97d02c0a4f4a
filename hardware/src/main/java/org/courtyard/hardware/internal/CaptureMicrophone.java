package org.courtyard.hardware.internal;

import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sound.sampled.AudioInputStream;
import org.courtyard.hardware.DeviceHealth;
import org.courtyard.hardware.Microphone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The microphone: captures from an {@link AudioInput} and hands out {@link Microphone#FORMAT}
 * frames of {@value #CHUNK_MILLIS} ms, converting rate and channels if the device cannot capture
 * 16 kHz mono itself.
 */
public final class CaptureMicrophone implements Microphone, AutoCloseable {

    static final int CHUNK_MILLIS = 100;
    static final int CHUNK_BYTES = (int) FORMAT.getSampleRate() * CHUNK_MILLIS / 1000 * FORMAT.getFrameSize();

    private static final Logger log = LoggerFactory.getLogger(CaptureMicrophone.class);

    private final AudioInput input;
    private final AtomicBoolean capturing = new AtomicBoolean();
    private volatile Capture current;
    private volatile String lastFailure;

    public CaptureMicrophone(AudioInput input) {
        this.input = Objects.requireNonNull(input, "input");
    }

    @Override
    public boolean available() {
        return input.present();
    }

    @Override
    public FrameStream open() {
        if (!input.present()) {
            throw new IllegalStateException(input.description());
        }
        if (!capturing.compareAndSet(false, true)) {
            throw new IllegalStateException("the microphone is already capturing; close the open stream first");
        }
        AudioInputStream raw;
        try {
            raw = input.open();
        } catch (AudioDeviceException e) {
            capturing.set(false);
            lastFailure = e.getMessage();
            throw new IllegalStateException("cannot capture from " + input.description() + ": " + e.getMessage(), e);
        }
        AudioInputStream converted;
        try {
            converted = Pcm.convert(raw, FORMAT.getSampleRate(), FORMAT.getChannels());
        } catch (IllegalArgumentException e) {
            closeQuietly(raw);
            capturing.set(false);
            lastFailure = e.getMessage();
            throw new IllegalStateException(input.description() + " captures in a format that cannot be converted to "
                    + FORMAT + ": " + e.getMessage(), e);
        }
        lastFailure = null;
        Capture capture = new Capture(raw, converted);
        current = capture;
        return capture;
    }

    public DeviceHealth health() {
        String failure = lastFailure;
        if (!input.present()) {
            return new DeviceHealth("microphone", false, true, input.description());
        }
        return new DeviceHealth("microphone", true, failure == null,
                failure == null ? "captures from " + input.description() : failure);
    }

    /** Closes an open capture. Closing twice is safe; the microphone may be opened again. */
    @Override
    public void close() {
        Capture capture = current;
        if (capture != null) {
            capture.close();
        }
    }

    private static void closeQuietly(AudioInputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            log.debug("closing the audio input failed", e);
        }
    }

    private final class Capture implements FrameStream {

        private final AudioInputStream raw;
        private final AudioInputStream converted;
        private final AtomicBoolean closed = new AtomicBoolean();

        Capture(AudioInputStream raw, AudioInputStream converted) {
            this.raw = raw;
            this.converted = converted;
        }

        @Override
        public byte[] next() throws InterruptedException {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for microphone frames");
            }
            byte[] chunk = new byte[CHUNK_BYTES];
            int filled = 0;
            while (filled < chunk.length && !closed.get()) {
                int read;
                try {
                    read = converted.read(chunk, filled, chunk.length - filled);
                } catch (IOException | RuntimeException e) {
                    if (!closed.get()) {
                        lastFailure = "capture from " + input.description() + " failed: " + e.getMessage();
                        log.warn("capture from {} failed", input.description(), e);
                    } else {
                        log.debug("capture ended by close", e);
                    }
                    break;
                }
                if (read <= 0) {
                    break;
                }
                filled += read;
            }
            filled -= filled % FORMAT.getFrameSize();
            if (filled == 0 || closed.get()) {
                return null;
            }
            return filled == chunk.length ? chunk : Arrays.copyOf(chunk, filled);
        }

        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            closeQuietly(raw);
            if (current == this) {
                current = null;
            }
            capturing.set(false);
        }
    }
}
