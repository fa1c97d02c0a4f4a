package org.courtyard.kiosk.voice.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.courtyard.kiosk.TestHelp;
import org.courtyard.kiosk.help.HelpStore;
import org.courtyard.kiosk.net.HubConnection;
import org.courtyard.kiosk.net.HubTls;
import org.courtyard.kiosk.store.KioskStore;
import org.courtyard.protocol.HelpSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memo upload queue against a small HTTP server on port 0 that answers as scripted: a memo
 * waits for its request to be delivered, is retried after a failure, and is given up on an answer
 * that a retry cannot change. (The real hub is in e2e's VoiceMemoEndToEndIT.)
 */
class MemoUploadTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    record Received(String path, String query, String contentType, String authorization, byte[] body) {
    }

    @TempDir
    Path dir;

    private final Queue<Integer> answers = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private KioskStore store;
    private MemoQueue queue;
    private MemoUploader uploader;
    private UUID request;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestBody().readAllBytes()));
            Integer status = answers.poll();
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status == null ? 200 : status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        store = KioskStore.open(dir);
        queue = new MemoQueue(store, dir.resolve("memos"), Clock.systemUTC(), new HelpStore(store)::delivered);
        request = TestHelp.saved(store, HelpSource.VOICE, "救命");
        uploader = new MemoUploader(queue, HubConnection.of(URI.create("http://127.0.0.1:"
                + server.getAddress().getPort()), "k-token", HubTls.defaults()), Clock.systemUTC(), Duration.ofSeconds(1));
    }

    @AfterEach
    void stop() {
        uploader.close();
        store.close();
        server.stop(0);
    }

    private void deliver() {
        TestHelp.deliver(store, request);
        uploader.kick();
    }

    @Test
    void a_memo_waits_for_its_request_to_be_delivered_then_goes_with_its_transcript() throws Exception {
        byte[] wav = "RIFF-memo".getBytes(StandardCharsets.US_ASCII);
        MemoQueue.Memo memo = queue.save(request, wav, 1_200, "我摔倒了");
        uploader.start();
        uploader.kick();

        assertThat(queue.nextDue(Instant.now())).isEmpty();
        deliver();

        await().atMost(WAIT).until(() -> queue.memo(request).orElseThrow().uploadedAt() != null);
        assertThat(received).singleElement().satisfies(put -> {
            assertThat(put.path()).isEqualTo("/api/v1/help-requests/" + request + "/memo");
            assertThat(URLDecoder.decode(put.query(), StandardCharsets.UTF_8)).isEqualTo("transcript=我摔倒了");
            assertThat(put.contentType()).isEqualTo("audio/wav");
            assertThat(put.authorization()).isEqualTo("Bearer k-token");
            assertThat(put.body()).isEqualTo(wav);
        });
        assertThat(Files.exists(queue.fileOf(memo))).as("the kiosk's copy is deleted once the hub has it").isFalse();
        assertThat(queue.waiting()).isZero();
    }

    @Test
    void a_failed_upload_is_retried() throws Exception {
        answers.add(503);
        answers.add(503);
        queue.save(request, new byte[] {1, 2, 3}, 100, null);
        uploader.start();

        deliver();

        await().atMost(WAIT).until(() -> queue.memo(request).orElseThrow().uploadedAt() != null);
        assertThat(received).hasSize(3).allSatisfy(put -> assertThat(put.query()).isNull());
        assertThat(queue.memo(request).orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    void an_answer_a_retry_cannot_change_stops_the_retries() throws Exception {
        answers.add(415);
        queue.save(request, new byte[] {1, 2, 3}, 100, "是");
        uploader.start();

        deliver();

        await().atMost(WAIT).until(() -> queue.memo(request).orElseThrow().failedAt() != null);
        assertThat(queue.memo(request).orElseThrow().lastError()).startsWith("hub answered 415");
        uploader.kick();
        uploader.close();
        assertThat(received).hasSize(1);
        assertThat(queue.waiting()).isZero();
    }
}
