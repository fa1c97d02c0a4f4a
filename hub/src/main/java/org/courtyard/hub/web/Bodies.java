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
     * The whole body of {@code request}: at most {@code maxBytes} (else 413 {@code too_large}),
     * arrived within {@code timeout} of this call (else 408 {@code request_timeout}).
     *
     * <p>The surprise: a client that sends one byte every few seconds never trips Jetty's idle
     * timeout, and would hold this thread for as long as it likes; the deadline is for the whole
     * body. The thread waits without spinning.
     *
     * <p>A body that turns out too large is read on, and dropped, for up to another
     * {@code maxBytes} (within the deadline): a connection closed with unread bytes in it is reset,
     * and the reset could take the 413 with it before the client read it. A body declared larger
     * than that is refused unread. Either way the error answer says {@code Connection: close}.
     */
    public static byte[] read(Request request, int maxBytes, Duration timeout) {
        long declared = request.getLength();
        if (declared > 2L * maxBytes) {
            throw tooLarge(maxBytes);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) Math.min(declared, maxBytes) : 1024);
        long dropped = -1;
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                awaitMore(request, deadline, timeout);
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
                if (dropped < 0 && out.size() + (long) length > maxBytes) {
                    dropped = 0;
                }
                if (dropped >= 0) {
                    dropped += length;
                    if (chunk.isLast() || dropped > maxBytes) {
                        throw tooLarge(maxBytes);
                    }
                    continue;
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

    private static void awaitMore(Request request, long deadline, Duration timeout) {
        CompletableFuture<Void> more = new CompletableFuture<>();
        request.demand(() -> more.complete(null));
        long left = deadline - System.nanoTime();
        try {
            more.get(Math.max(0, left), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw slow(timeout, e);
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
