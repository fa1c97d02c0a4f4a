package org.courtyard.hub.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.courtyard.hub.core.Refusal;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads request bodies with a size cap and a deadline, for routes (they run on Jetty's threads and
 * may block). Features with their own uploads should read through here too, with their own cap.
 */
public final class Bodies {

    private Bodies() {
    }

    /**
     * How much of a body the hub still reads, and drops, after it has decided to refuse it (too
     * large, the wrong type, no login): a connection closed with unread bytes in it is reset, and on
     * Linux the reset takes the answer with it before the client has read it. 8 MiB past what was
     * read covers a body of a few MB sent to any route; a body declared larger than this is not
     * read at all (its answer goes out from the headers alone), and one that streams on past it is
     * cut off: either way its connection is closed, and a client still sending may miss the answer. Reading costs no memory: the bytes are dropped as they come.
     */
    public static final long MAX_DRAIN_BYTES = 8L * 1024 * 1024;

    /**
     * The whole body of {@code request}: at most {@code maxBytes} (else 413 {@code too_large}),
     * arrived within {@code timeout} of this call (else 408 {@code request_timeout}).
     *
     * <p>The surprise: a client that sends one byte every few seconds never trips Jetty's idle
     * timeout, and would hold this thread for as long as it likes; the deadline is for the whole
     * body. The thread waits without spinning.
     *
     * <p>A body declared larger than {@code maxBytes} is refused before a byte of it is read, one
     * that turns out larger as soon as it passes the limit. What is left of it is the router's to
     * drop ({@link #drain}) before the 413 goes out, so that the client sees the answer.
     */
    public static byte[] read(Request request, int maxBytes, Duration timeout) {
        long declared = request.getLength();
        if (declared > maxBytes) {
            throw tooLarge(maxBytes);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 1024);
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                if (!awaitMore(request, deadline)) {
                    throw slow(timeout, null);
                }
                continue;
            }
            try {
                if (Content.Chunk.isFailure(chunk)) {
                    if (chunk.isLast()) {
                        throw Refusal.badRequest("could not read the request body", chunk.getFailure());
                    }
                    // A transient failure is Jetty's idle timeout: the client stopped sending.
                    throw slow(timeout, chunk.getFailure());
                }
                ByteBuffer buffer = chunk.getByteBuffer();
                int length = buffer.remaining();
                if (out.size() + (long) length > maxBytes) {
                    throw tooLarge(maxBytes);
                }
                byte[] bytes = new byte[length];
                buffer.get(bytes);
                out.write(bytes, 0, length);
                if (chunk.isLast()) {
                    return out.toByteArray();
                }
            } finally {
                chunk.release();
            }
        }
    }

    /**
     * Reads what is left of {@code request}'s body and drops it: at most {@code maxBytes} more,
     * within {@code timeout}. A body read to its end already costs one read.
     *
     * @return true if the body was read to its end, so that the connection can be closed without
     *     a reset (or kept); false if it was larger, too slow, or broken off (an input stream
     *     closed before its end fails the body), and the connection should be closed
     */
    public static boolean drain(Request request, long maxBytes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long dropped = 0;
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                if (!awaitMore(request, deadline)) {
                    return false;
                }
                continue;
            }
            try {
                if (Content.Chunk.isFailure(chunk)) {
                    return false;
                }
                dropped += chunk.remaining();
                if (dropped > maxBytes) {
                    return false;
                }
                if (chunk.isLast()) {
                    return true;
                }
            } finally {
                chunk.release();
            }
        }
    }

    /** Waits until more of the body can be read; false once {@code deadline} has passed. */
    private static boolean awaitMore(Request request, long deadline) {
        CompletableFuture<Void> more = new CompletableFuture<>();
        request.demand(() -> more.complete(null));
        long left = deadline - System.nanoTime();
        try {
            more.get(Math.max(0, left), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refusal(Refusal.Kind.UNAVAILABLE, "unavailable", "the hub is stopping", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a demand callback cannot fail", e);
        }
    }

    static Refusal tooLarge(int maxBytes) {
        return Refusal.tooLarge("the body is larger than the limit of " + maxBytes + " bytes");
    }

    private static Refusal slow(Duration timeout, Throwable cause) {
        return new Refusal(Refusal.Kind.TOO_SLOW, "request_timeout", "the body did not arrive within " + timeout.toSeconds()
                + " seconds", cause);
    }
}
