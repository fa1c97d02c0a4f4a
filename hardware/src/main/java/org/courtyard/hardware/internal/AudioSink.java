package org.courtyard.hardware.internal;

import javax.sound.sampled.AudioFormat;

/**
 * One open output line. {@link #write} blocks the way a sound card does, roughly until the bytes
 * fit into its buffer; {@link #abort()} may be called from another thread and makes a blocked
 * {@code write} or {@code drain} return promptly.
 */
public interface AudioSink extends AutoCloseable {

    /** The signed 16-bit little-endian format this sink expects. */
    AudioFormat format();

    void write(byte[] pcm, int offset, int length) throws AudioDeviceException;

    /** Blocks until everything written has been heard. */
    void drain() throws AudioDeviceException;

    /** Stops at once and discards what is queued; safe from any thread, at any time. */
    void abort();

    /** Releases the line; closing twice is safe. */
    @Override
    void close();
}
