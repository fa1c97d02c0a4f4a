package org.courtyard.kiosk.net;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A stand-in hub at the TLS level, on a free loopback port: it counts the connections whose
 * handshake the client broke off, and for those that got through records the request line and the
 * {@code Authorization} header, answering {@code 404} with a JSON error. So a test can show that a
 * kiosk caller <em>tried</em> and was stopped by its own certificate check before it sent anything,
 * which an HTTP server (that only sees requests) cannot.
 */
final class TlsRecorder implements AutoCloseable {

    /** A request that got through TLS. */
    record Request(String line, String authorization) {
    }

    private final SSLServerSocket socket;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicInteger refusedHandshakes = new AtomicInteger();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    TlsRecorder(SSLContext serverContext) throws IOException {
        socket = (SSLServerSocket) serverContext.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    URI uri() {
        return URI.create("https://127.0.0.1:" + socket.getLocalPort());
    }

    int refusedHandshakes() {
        return refusedHandshakes.get();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                SSLSocket client = (SSLSocket) socket.accept();
                threads.execute(() -> serve(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(SSLSocket client) {
        try (client) {
            try {
                client.startHandshake();
            } catch (SSLException | SocketException e) {
                // the client's alert, or its reset when it closed before the alert was read
                refusedHandshakes.incrementAndGet();
                return;
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            String line = in.readLine();
            String authorization = null;
            for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
                if (header.regionMatches(true, 0, "Authorization:", 0, 14)) {
                    authorization = header.substring(14).strip();
                }
            }
            requests.add(new Request(line, authorization));
            byte[] body = "{\"error\":{\"code\":\"not_found\",\"message\":\"stand-in\"}}"
                    .getBytes(StandardCharsets.UTF_8);
            OutputStream out = client.getOutputStream();
            out.write(("HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
        } catch (SocketException e) {
            // the client went away
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        threads.shutdownNow();
    }
}
