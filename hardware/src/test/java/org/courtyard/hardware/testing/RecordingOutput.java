package org.courtyard.hardware.testing;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import javax.sound.sampled.AudioFormat;
import org.courtyard.hardware.internal.AudioOutput;
import org.courtyard.hardware.internal.AudioSink;

/**
 * A sound card for tests that keeps every byte of every play, as fast as it is written. It can be
 * {@link #hold() held}: writes then block, the way a real line blocks while its buffer is full,
 * until {@link #release()} or until the play is interrupted (which aborts its sink). That keeps a
 * play "in progress" for as long as a test needs, without timing.
 */
public final class RecordingOutput implements AudioOutput {

    private final List<ByteArrayOutputStream> plays = new ArrayList<>();
    private final List<AudioFormat> formats = new ArrayList<>();
    private boolean held;
    private int blockedWrites;

    @Override
    public boolean present() {
        return true;
    }

    @Override
    public String description() {
        return "recording test sound card";
    }

    /** From now on writes block until {@link #release()} or an interruption of their play. */
    public synchronized void hold() {
        held = true;
    }

    public synchronized void release() {
        held = false;
        notifyAll();
    }

    /** How many writes are blocked by {@link #hold()} right now. */
    public synchronized int blockedWrites() {
        return blockedWrites;
    }

    /** The bytes of every play so far (one entry per opened sink), in order. */
    public synchronized List<byte[]> plays() {
        List<byte[]> out = new ArrayList<>();
        for (ByteArrayOutputStream play : plays) {
            out.add(play.toByteArray());
        }
        return out;
    }

    /** The format of each play's sink, in order. */
    public synchronized List<AudioFormat> formats() {
        return new ArrayList<>(formats);
    }

    @Override
    public synchronized AudioSink open(AudioFormat format) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        plays.add(bytes);
        formats.add(format);
        return new Sink(format, bytes);
    }

    private final class Sink implements AudioSink {

        private final AudioFormat format;
        private final ByteArrayOutputStream bytes;
        private boolean aborted;

        Sink(AudioFormat format, ByteArrayOutputStream bytes) {
            this.format = format;
            this.bytes = bytes;
        }

        @Override
        public AudioFormat format() {
            return format;
        }

        @Override
        public void write(byte[] pcm, int offset, int length) {
            synchronized (RecordingOutput.this) {
                blockedWrites++;
                try {
                    while (held && !aborted) {
                        RecordingOutput.this.wait();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } finally {
                    blockedWrites--;
                }
                if (!aborted) {
                    bytes.write(pcm, offset, length);
                }
            }
        }

        @Override
        public void drain() {
            // Nothing is buffered: write took every byte.
        }

        @Override
        public void abort() {
            synchronized (RecordingOutput.this) {
                aborted = true;
                RecordingOutput.this.notifyAll();
            }
        }

        @Override
        public void close() {
            abort();
        }
    }
}
