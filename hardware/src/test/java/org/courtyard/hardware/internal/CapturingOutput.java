package org.courtyard.hardware.internal;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import javax.sound.sampled.AudioFormat;

/**
 * A test sound card that keeps every byte written, without pacing. It can record a probe (the
 * relay pin, say) at each write, fail at a chosen write, or block each write until aborted, the way
 * a real line blocks while its buffer is full.
 */
final class CapturingOutput implements AudioOutput {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final List<Boolean> probeAtWrite = new ArrayList<>();
    private BooleanSupplier probe = () -> false;
    private int failAtWrite = -1;
    private boolean blockUntilAborted;
    private AudioFormat acceptedFormat;
    private volatile int writes;
    private volatile boolean closed;
    private volatile boolean aborted;

    CapturingOutput probing(BooleanSupplier probe) {
        this.probe = probe;
        return this;
    }

    CapturingOutput failingAtWrite(int write) {
        this.failAtWrite = write;
        return this;
    }

    CapturingOutput blockingUntilAborted() {
        this.blockUntilAborted = true;
        return this;
    }

    /** Pretends the device takes only {@code format}. */
    CapturingOutput accepting(AudioFormat format) {
        this.acceptedFormat = format;
        return this;
    }

    synchronized byte[] bytes() {
        return bytes.toByteArray();
    }

    synchronized List<Boolean> probeAtWrite() {
        return new ArrayList<>(probeAtWrite);
    }

    int writes() {
        return writes;
    }

    boolean closed() {
        return closed;
    }

    boolean aborted() {
        return aborted;
    }

    @Override
    public boolean present() {
        return true;
    }

    @Override
    public String description() {
        return "test sink";
    }

    @Override
    public AudioSink open(AudioFormat format) {
        closed = false;
        aborted = false;
        return new Sink(acceptedFormat == null ? format : acceptedFormat);
    }

    private final class Sink implements AudioSink {

        private final AudioFormat format;
        private final CountDownLatch abort = new CountDownLatch(1);

        Sink(AudioFormat format) {
            this.format = format;
        }

        @Override
        public AudioFormat format() {
            return format;
        }

        @Override
        public void write(byte[] pcm, int offset, int length) throws AudioDeviceException {
            synchronized (CapturingOutput.this) {
                probeAtWrite.add(probe.getAsBoolean());
                if (writes == failAtWrite) {
                    writes++;
                    throw new AudioDeviceException("test sink unplugged");
                }
                bytes.write(pcm, offset, length);
                writes++;
            }
            if (blockUntilAborted) {
                try {
                    abort.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void drain() {
            // Nothing is buffered: every byte was taken by write.
        }

        @Override
        public void abort() {
            aborted = true;
            abort.countDown();
        }

        @Override
        public void close() {
            closed = true;
            abort.countDown();
        }
    }
}
