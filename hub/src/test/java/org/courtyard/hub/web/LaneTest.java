package org.courtyard.hub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sync lane's queue, over real HTTP on port 0: one thread, one place to wait, and a clock the
 * test moves, so "waited too long" needs no real waiting.
 */
class LaneTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final AtomicLong nanos = new AtomicLong();
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final HttpClient client = HttpClient.newHttpClient();
    private Server server;
    private Lane lane;
    private URI base;

    @BeforeEach
    void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        lane = new Lane("/api/v1/sync", 1, 1, new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                if (Request.getPathInContext(request).endsWith("/hold")) {
                    entered.countDown();
                    release.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                }
                response.setStatus(200);
                Content.Sink.write(response, true, "handled", callback);
                return true;
            }
        }, nanos::get);
        server.setHandler(lane);
        server.start();
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        server.stop();
    }

    @Test
    void a_request_that_waited_longer_than_a_kiosk_would_is_refused_503_with_retry_after_not_handled()
            throws Exception {
        CompletableFuture<HttpResponse<String>> first = send("/api/v1/sync/hold");
        assertThat(entered.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        CompletableFuture<HttpResponse<String>> second = send("/api/v1/sync");
        await().atMost(PATIENCE).until(() -> lane.waiting() == 1);

        nanos.addAndGet(Lane.MAX_QUEUE_WAIT.plusMillis(1).toNanos());
        release.countDown();

        assertThat(first.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).body()).isEqualTo("handled");
        HttpResponse<String> refused = second.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(refused.body()).contains("\"code\":\"unavailable\"").doesNotContain("handled");
    }

    @Test
    void a_request_that_waited_less_is_handled() throws Exception {
        CompletableFuture<HttpResponse<String>> first = send("/api/v1/sync/hold");
        assertThat(entered.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        CompletableFuture<HttpResponse<String>> second = send("/api/v1/sync");
        await().atMost(PATIENCE).until(() -> lane.waiting() == 1);

        nanos.addAndGet(Lane.MAX_QUEUE_WAIT.toNanos());
        release.countDown();

        assertThat(first.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).body()).isEqualTo("handled");
        HttpResponse<String> handled = second.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(handled.statusCode()).isEqualTo(200);
        assertThat(handled.body()).isEqualTo("handled");
    }

    @Test
    void a_request_finding_every_thread_busy_and_the_queue_full_is_refused_at_once() throws Exception {
        CompletableFuture<HttpResponse<String>> first = send("/api/v1/sync/hold");
        assertThat(entered.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        CompletableFuture<HttpResponse<String>> second = send("/api/v1/sync");
        await().atMost(PATIENCE).until(() -> lane.waiting() == 1);

        HttpResponse<String> third = send("/api/v1/sync").get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        assertThat(third.statusCode()).isEqualTo(503);
        assertThat(third.headers().firstValue("Retry-After")).hasValue("5");
        release.countDown();
        assertThat(second.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(first.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    private CompletableFuture<HttpResponse<String>> send(String path) {
        return client.sendAsync(HttpRequest.newBuilder(base.resolve(path)).timeout(PATIENCE)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
