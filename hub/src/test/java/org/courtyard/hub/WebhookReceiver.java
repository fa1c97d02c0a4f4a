package org.courtyard.hub;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local webhook receiver on port 0 that fails its first {@code failures} calls with 500 and
 * answers the others as a group robot does ({@code {"errcode":0,"errmsg":"ok"}}), so it stands in for a
 * JSON receiver and for a robot that takes everything. {@link FakeRobot} behaves like a real robot.
 */
final class WebhookReceiver implements AutoCloseable {

    final List<String> bodies = new CopyOnWriteArrayList<>();
    final AtomicInteger calls = new AtomicInteger();
    private final HttpServer server;

    WebhookReceiver(int failures) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                int call = calls.incrementAndGet();
                if (call <= failures) {
                    exchange.sendResponseHeaders(500, -1);
                } else {
                    bodies.add(body);
                    byte[] ok = "{\"errcode\":0,\"errmsg\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
                    exchange.sendResponseHeaders(200, ok.length);
                    exchange.getResponseBody().write(ok);
                }
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook?key=secret-key");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
