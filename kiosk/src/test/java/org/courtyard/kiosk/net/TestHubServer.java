package org.courtyard.kiosk.net;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import org.courtyard.protocol.ProtocolJson;
import org.courtyard.protocol.SyncResponse;

/**
 * A stand-in for the hub on a free loopback port, over HTTPS (with a given TLS context) or plain
 * HTTP: answers every sync with an empty answer, and {@code POST /api/v1/enrol} with what the test
 * set. Records every request that got through TLS, so a test can show nothing was sent.
 */
public final class TestHubServer implements AutoCloseable {

    /** One request as received: method, path, Authorization header and body. */
    public record Received(String method, String path, String authorization, String body) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int enrolStatus = 200;
    private volatile String enrolBody = "{\"kioskId\":\"k-7mq2xw9a\",\"token\":\"enrolled-token\","
            + "\"village\":\"大村\",\"name\":\"村委会活动室\"}";

    private TestHubServer(HttpServer server) {
        this.server = server;
        server.setExecutor(threads);
        server.createContext("/api/v1/sync", exchange -> answer(exchange, 200, ProtocolJson.write(
                new SyncResponse(List.of(), List.of(), "0", List.of(), List.of(), Instant.now(), null, null, null))));
        server.createContext("/api/v1/enrol", exchange -> answer(exchange, enrolStatus, enrolBody));
        server.start();
    }

    /** An HTTPS hub presenting the certificate of {@code context}. */
    public static TestHubServer https(SSLContext context) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        return new TestHubServer(server);
    }

    /** A plain-HTTP hub on loopback. */
    public static TestHubServer http() throws IOException {
        return new TestHubServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    }

    /** {@code https://127.0.0.1:PORT} or {@code http://…}. */
    public URI uri() {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The same server by the name {@code localhost}, which its certificate does not name. */
    public URI uriByName() {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return URI.create(scheme + "://localhost:" + server.getAddress().getPort());
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** What {@code POST /api/v1/enrol} answers from now on. */
    public void enrolAnswer(int status, Object body) {
        this.enrolStatus = status;
        this.enrolBody = body instanceof String text ? text : ProtocolJson.write(body);
    }

    public static Map<String, Object> error(String code, String message) {
        return Map.of("error", Map.of("code", code, "message", message));
    }

    private void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] request = exchange.getRequestBody().readAllBytes();
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Authorization"), new String(request, StandardCharsets.UTF_8)));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
