package org.courtyard.hardware.internal;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.courtyard.hardware.Microphone;

/**
 * A live source a test feeds by hand, the way a microphone capture yields chunks as someone speaks:
 * {@link #next()} blocks until a chunk is offered or the stream is closed.
 */
final class QueuedFrames implements Microphone.FrameStream {

    private static final byte[] END = new byte[0];

    private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile int taken;

    void offer(byte[] chunk) {
        chunks.add(chunk);
    }

    /** Chunks handed out by {@link #next()} so far. */
    int taken() {
        return taken;
    }

    boolean closed() {
        return closed.get();
    }

    @Override
    public byte[] next() throws InterruptedException {
        if (closed.get()) {
            return null;
        }
        byte[] chunk = chunks.take();
        if (chunk == END) {
            return null;
        }
        taken++;
        return chunk;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            chunks.add(END);
        }
    }
}
