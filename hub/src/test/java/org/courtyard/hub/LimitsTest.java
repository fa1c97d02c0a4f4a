package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.courtyard.hub.web.Exchange;
import org.courtyard.hub.web.Limits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request size limits and timeouts: oversize bodies and heads are refused, slow (slowloris) heads
 * and bodies are cut off, and a flood of syncs does not starve staff calls, while other clients
 * keep being served.
 */
class LimitsTest {

    /** Generous: these bound the test's time, they do not measure the hub's speed. */
    static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    TestHub hub;
    final List<Socket> sockets = new ArrayList<>();
    /** Slow senders and readers block; the common pool has one thread on a two-core machine. */
    final ExecutorService clients = Executors.newCachedThreadPool();

    @AfterEach
    void stop() throws IOException {
        clients.shutdownNow();
        for (Socket socket : sockets) {
            socket.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void an_oversize_json_body_is_413_on_every_route_that_reads_one_and_changes_nothing() {
        hub = new TestHub(dir);
        TestHub.Kiosk kiosk = hub.kiosk("活动室", "大村");
        UUID help = UUID.randomUUID();
        hub.sync(kiosk, null, TestHub.helpRequested(help, TestHub.START));
        byte[] oversize = oversizeJson();
        Map<String, String> routes = Map.of(
                "/api/v1/login", "",
                "/api/v1/users", hub.adminToken,
                "/api/v1/kiosks", hub.adminToken,
                "/api/v1/sync", kiosk.token(),
                "/api/v1/help-requests/" + help + "/transitions", hub.adminToken);

        for (Map.Entry<String, String> route : routes.entrySet()) {
            String token = route.getValue().isEmpty() ? null : route.getValue();
            TestHub.Answer declared = hub.postRaw(route.getKey(), token, "application/json", oversize);
            TestHub.Answer chunked = hub.send(HttpRequest.newBuilder(hub.uri(route.getKey()))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + route.getValue())
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(oversize)))
                    .build());

            assertThat(declared.status()).as(route.getKey()).isEqualTo(413);
            assertThat(declared.json().get("error").get("code").asText()).isEqualTo("too_large");
            assertThat(chunked.status()).as(route.getKey() + " without Content-Length").isEqualTo(413);
        }
        assertThat(hub.column("SELECT COUNT(*) FROM users")).containsExactly("1");
        assertThat(hub.column("SELECT COUNT(*) FROM kiosks")).containsExactly("1");
        assertThat(hub.column("SELECT status FROM help_requests")).containsExactly("NEW");
        assertThat(hub.get("/healthz", null).status()).isEqualTo(200);
    }

    /**
     * A body of 3 MB, three times the limit, sent whole over a plain socket as a client that writes
     * its request before it reads (Java's HttpClient, a kiosk) does: the hub reads it to its end,
     * dropping it, and the client reads the answer. A hub that answered without reading it would
     * close a connection with the bytes still coming, and the reset would lose the answer (the
     * write or the read below would fail). A 413 closes the connection after the answer; after a
     * 401 the body was read through, so the connection serves the client's next request.
     */
    @Test
    void a_body_of_3_mb_is_read_and_dropped_so_the_client_receives_the_413_or_401() throws Exception {
        hub = new TestHub(dir);
        TestHub.Kiosk kiosk = hub.kiosk("活动室", "大村");
        byte[] body = new byte[3 * 1024 * 1024];
        Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[body.length - 1] = '}';

        Socket declared = connect();
        String declaredAnswer = oversizeSync(declared, "Content-Length: " + body.length, kiosk.token(), body);
        Socket chunked = connect();
        String chunkedAnswer = oversizeSync(chunked, "Transfer-Encoding: chunked", kiosk.token(), body);
        Socket noLogin = connect();
        String noLoginAnswer = oversizeSync(noLogin, "Content-Length: " + body.length, null, body);

        assertThat(declaredAnswer).startsWith("HTTP/1.1 413").containsIgnoringCase("Connection: close")
                .endsWith("{\"error\":{\"code\":\"too_large\",\"message\":\"the body is larger than the limit of "
                        + Exchange.MAX_BODY_BYTES + " bytes\"}}");
        assertThat(declared.getInputStream().read()).as("closed after the 413").isEqualTo(-1);
        assertThat(chunkedAnswer).startsWith("HTTP/1.1 413").contains("\"code\":\"too_large\"");
        assertThat(chunked.getInputStream().read()).as("closed after the 413").isEqualTo(-1);
        assertThat(noLoginAnswer).startsWith("HTTP/1.1 401").contains("\"code\":\"unauthorized\"");
        assertThat(healthOn(noLogin)).as("the same connection, after the 401").startsWith("HTTP/1.1 200");

        // Java's HttpClient, as the kiosks and the fuzz harness use it: a photo (8 MiB limit) sent
        // to a route that takes JSON, refused 415 before its body is read.
        TestHub.Answer viaClient = hub.postRaw("/api/v1/sync", kiosk.token(), "application/json", body);
        TestHub.Answer wrongType = hub.postRaw("/api/v1/sync", kiosk.token(), "image/jpeg", body);
        assertThat(viaClient.status()).isEqualTo(413);
        assertThat(viaClient.json().path("error").path("code").asText()).isEqualTo("too_large");
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(hub.column("SELECT COUNT(*) FROM events")).containsExactly("0");
    }

    /** Sends a sync of {@code body} whole on {@code socket}, then reads one answer: its head and body. */
    private static String oversizeSync(Socket socket, String framing, String token, byte[] body) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/v1/sync HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + framing + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        if (framing.startsWith("Transfer-Encoding")) {
            int piece = 64 * 1024;
            for (int from = 0; from < body.length; from += piece) {
                int length = Math.min(piece, body.length - from);
                out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, from, length);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } else {
            out.write(body);
        }
        out.flush();
        String head = head(socket);
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        int bodyLength = length.find() ? Integer.parseInt(length.group(1)) : 0;
        return head + new String(socket.getInputStream().readNBytes(bodyLength), StandardCharsets.UTF_8);
    }

    @Test
    void a_request_head_over_8_kib_is_431_json() throws IOException {
        hub = new TestHub(dir);
        String huge = "x".repeat(Limits.MAX_REQUEST_HEADER_BYTES);

        String answer = exchangeRaw("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: " + huge
                + "\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 431");
        assertThat(answer).contains("{\"error\":{\"code\":\"headers_too_large\"");
    }

    @Test
    void slow_request_heads_are_cut_off_while_other_clients_are_served() throws Exception {
        Duration headerTimeout = Duration.ofSeconds(1);
        hub = new TestHub(dir, builder -> builder.limits(Limits.defaults().withHeaderTimeout(headerTimeout)));
        int attackers = 20;
        List<CompletableFuture<Duration>> cutOff = new ArrayList<>();
        for (int i = 0; i < attackers; i++) {
            cutOff.add(slowloris(Duration.ofMillis(200)));
        }

        for (int i = 0; i < 5; i++) {
            assertThat(hub.get("/healthz", null).status()).isEqualTo(200);
            assertThat(hub.get("/api/v1/me", hub.adminToken).status()).isEqualTo(200);
        }

        await().atMost(PATIENCE).until(() -> cutOff.stream().allMatch(CompletableFuture::isDone));
        for (CompletableFuture<Duration> attack : cutOff) {
            // Bytes kept coming every 200 ms, far inside the 60 s idle timeout: the head deadline closed it.
            assertThat(attack.get()).isBetween(headerTimeout, headerTimeout.multipliedBy(5));
        }
        assertThat(hub.get("/healthz", null).status()).isEqualTo(200);
    }

    @Test
    void a_connection_that_goes_quiet_is_closed_by_the_idle_timeout() throws Exception {
        hub = new TestHub(dir, builder -> builder.longPollMax(Duration.ofSeconds(1)).keepAliveEvery(Duration.ofSeconds(1))
                .limits(Limits.defaults().withIdleTimeout(Duration.ofSeconds(10))
                        .withHeaderTimeout(Duration.ofSeconds(300))));
        Socket socket = connect();
        socket.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
        long start = System.nanoTime();

        CompletableFuture<Integer> end = CompletableFuture.supplyAsync(() -> readToEnd(socket), clients);

        assertThat(hub.get("/healthz", null).status()).isEqualTo(200);
        assertThat(end.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(-1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(9));
    }

    @Test
    void a_slow_body_is_408_json_and_the_connection_closed_while_other_clients_are_served() throws Exception {
        hub = new TestHub(dir, builder -> builder.limits(Limits.defaults().withBodyTimeout(Duration.ofSeconds(1))));
        Socket socket = connect();
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 200\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> readAll(socket), clients);
        CompletableFuture<Boolean> drip = CompletableFuture.supplyAsync(() -> drip(out, "", Duration.ofMillis(200), 100),
                clients);

        assertThat(hub.get("/healthz", null).status()).isEqualTo(200);
        String response = answer.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        assertThat(response).startsWith("HTTP/1.1 408");
        assertThat(response).contains("{\"error\":{\"code\":\"request_timeout\"");
        assertThat(drip.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the hub closed the connection").isTrue();
        assertThat(hub.get("/healthz", null).status()).isEqualTo(200);
    }

    @Test
    void a_flood_of_syncs_does_not_starve_staff_calls() throws Exception {
        hub = new TestHub(dir, builder -> builder.limits(Limits.defaults().withSyncThreads(2).withSyncQueue(10)));
        TestHub.Kiosk kiosk = hub.kiosk("活动室", "大村");
        String staff = hub.user("wang", "STAFF", null);
        // A kiosk that is up to date (its first answer carried the roster), so its long-polls are held.
        String cursor = hub.sync(kiosk, null).json().get("cursor").asText();
        List<CompletableFuture<TestHub.Answer>> longPolls = new ArrayList<>();
        for (int batch = 1; batch <= 10; batch++) {
            for (int i = 0; i < 10; i++) {
                longPolls.add(hub.sendAsync(hub.postRequest("/api/v1/sync?wait=25", kiosk.token(),
                        TestHub.syncBody(kiosk, cursor))));
            }
            int parked = batch * 10;
            await().atMost(PATIENCE).until(() -> hub.hub.waitingSyncs() == parked);
        }
        // Kiosks on a bad link trickle their batches in: each holds a sync thread while its body arrives.
        List<CompletableFuture<Boolean>> trickles = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Socket socket = connect();
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/sync HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + kiosk.token() + "\r\nContent-Length: 1000\r\n\r\n{")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            trickles.add(CompletableFuture.supplyAsync(() -> drip(out, "", Duration.ofMillis(200), 1000), clients));
        }
        TestHub.Answer refused = await().atMost(PATIENCE).until(() -> push(kiosk), answer -> answer.status() == 503);

        TestHub.Answer list = hub.send(HttpRequest.newBuilder(hub.uri("/api/v1/help-requests"))
                .header("Authorization", "Bearer " + staff).timeout(PATIENCE).GET().build());
        TestHub.Answer page = hub.get("/", null);

        assertThat(list.status()).isEqualTo(200);
        assertThat(page.status()).isEqualTo(200);
        assertThat(hub.hub.waitingSyncs()).as("long-polls still held while staff were served").isEqualTo(100);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(refused.json().get("error").get("code").asText()).isEqualTo("unavailable");
        for (Socket socket : sockets) {
            socket.close();
        }
        TestHub.Answer accepted = await().atMost(PATIENCE).until(() -> push(kiosk), answer -> answer.status() == 200);
        String id = accepted.json().get("accepted").get(0).asText();
        assertThat(hub.column("SELECT id FROM help_requests")).contains(id);
        hub.close();
        for (CompletableFuture<TestHub.Answer> poll : longPolls) {
            assertThat(poll.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).status()).isEqualTo(200);
        }
    }

    private TestHub.Answer push(TestHub.Kiosk kiosk) {
        return hub.post("/api/v1/sync", kiosk.token(),
                TestHub.syncBody(kiosk, null, TestHub.helpRequested(UUID.randomUUID(), TestHub.START)));
    }

    @Test
    void live_streams_of_logged_in_staff_do_not_count_against_the_address_cap_but_idle_connections_do()
            throws Exception {
        int cap = 3;
        hub = new TestHub(dir, builder -> builder.limits(Limits.defaults().withMaxConnectionsPerAddress(cap)));
        String office = "127.0.0.3";
        List<String> staff = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            staff.add(hub.user("staff" + i, "STAFF", null));
        }
        // Three people with two tabs each: six streams, twice the cap, from the office's one address.
        for (int i = 0; i < 2 * cap; i++) {
            Socket stream = connectFrom(office);
            stream.getOutputStream().write(("GET /api/v1/stream HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                    + staff.get(i % staff.size()) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(head(stream)).as("stream %d", i + 1).startsWith("HTTP/1.1 200");
        }

        List<Socket> idle = new ArrayList<>();
        for (int i = 0; i < cap; i++) {
            Socket socket = connectFrom(office);
            assertThat(healthOn(socket)).as("idle connection %d of the cap", i + 1).startsWith("HTTP/1.1 200");
            idle.add(socket);
        }
        Socket extra = connectFrom(office);

        assertThat(CompletableFuture.supplyAsync(() -> readToEnd(extra), clients).get(PATIENCE.toSeconds(),
                TimeUnit.SECONDS)).as("an idle connection over the cap").isEqualTo(-1);
        assertThat(hub.hub.streamClients()).isEqualTo(2 * cap);
    }

    @Test
    void connections_over_the_cap_from_one_address_are_closed_while_other_addresses_are_served() throws Exception {
        int cap = 3;
        hub = new TestHub(dir, builder -> builder.limits(Limits.defaults().withMaxConnectionsPerAddress(cap)));
        // Not 127.0.0.1: the test's own HTTP client keeps connections to the hub open from there.
        String crowded = "127.0.0.3";
        List<Socket> held = new ArrayList<>();
        for (int i = 0; i < cap; i++) {
            Socket socket = connectFrom(crowded);
            // An answer on each proves the hub accepted and counted it; keep-alive keeps it open.
            assertThat(healthOn(socket)).as("connection %d of the cap", i + 1).startsWith("HTTP/1.1 200");
            held.add(socket);
        }

        Socket extra = connectFrom(crowded);
        CompletableFuture<Integer> extraEnd = CompletableFuture.supplyAsync(() -> readToEnd(extra), clients);

        assertThat(extraEnd.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the connection over the cap").isEqualTo(-1);
        assertThat(healthOn(connectFrom("127.0.0.2"))).as("another address").startsWith("HTTP/1.1 200");
        assertThat(hub.get("/healthz", null).status()).isEqualTo(200);
        for (Socket socket : held) {
            assertThat(healthOn(socket)).as("the connections within the cap still work").startsWith("HTTP/1.1 200");
        }

        // One closes: its place is free again (once the hub has seen the close).
        held.get(0).close();
        await().atMost(PATIENCE).until(() -> {
            try (Socket again = connectFrom(crowded)) {
                return healthOrClosed(again).startsWith("HTTP/1.1 200");
            }
        });
    }

    @Test
    void limits_come_from_the_config_file_and_are_checked_against_the_long_poll() {
        Properties properties = new Properties();
        properties.putAll(Map.of("http.idle-timeout-seconds", "90", "http.header-timeout-seconds", "5",
                "http.body-timeout-seconds", "45", "http.max-connections", "500",
                "http.max-connections-per-address", "40", "sync.threads", "4", "sync.queue", "50"));

        HubConfig config = HubConfig.builder(dir).apply(properties).build();

        assertThat(config.limits()).isEqualTo(new Limits(Duration.ofSeconds(90), Duration.ofSeconds(5),
                Duration.ofSeconds(45), 500, 40, 4, 50));
        assertThat(HubConfig.builder(dir).build().limits().maxConnectionsPerAddress()).isEqualTo(200);
        Properties negativeCap = new Properties();
        negativeCap.setProperty("http.max-connections-per-address", "-1");
        assertThatThrownBy(() -> HubConfig.builder(dir).apply(negativeCap))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http.max-connections-per-address");
        Properties tooShort = new Properties();
        tooShort.setProperty("http.idle-timeout-seconds", "20");
        assertThatThrownBy(() -> HubConfig.builder(dir).apply(tooShort).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http.idle-timeout-seconds");
        Properties zeroThreads = new Properties();
        zeroThreads.setProperty("sync.threads", "0");
        assertThatThrownBy(() -> HubConfig.builder(dir).apply(zeroThreads))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sync.threads");
    }

    /**
     * Opens a connection and sends a request head one byte per {@code pause}, forever; completes
     * with how long after connecting the hub closed the connection.
     */
    private CompletableFuture<Duration> slowloris(Duration pause) throws IOException {
        Socket socket = connect();
        OutputStream out = socket.getOutputStream();
        long start = System.nanoTime();
        CompletableFuture.supplyAsync(() -> drip(out, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ", pause,
                Integer.MAX_VALUE), clients);
        return CompletableFuture.supplyAsync(() -> {
            assertThat(readToEnd(socket)).isEqualTo(-1);
            return Duration.ofNanos(System.nanoTime() - start);
        }, clients);
    }

    /**
     * Writes {@code prefix} and then 'a's, one byte per {@code pause}, at most {@code max} bytes.
     *
     * @return true if the hub closed the connection first
     */
    private static boolean drip(OutputStream out, String prefix, Duration pause, int max) {
        byte[] head = prefix.getBytes(StandardCharsets.US_ASCII);
        try {
            for (int i = 0; i < max; i++) {
                out.write(i < head.length ? head[i] : 'a');
                out.flush();
                // The slowness is what is under test, not a way of waiting for something.
                Thread.sleep(pause.toMillis());
            }
            return false;
        } catch (IOException closedByTheHub) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", hub.hub.port());
        socket.setSoTimeout((int) PATIENCE.toMillis());
        sockets.add(socket);
        return socket;
    }

    /** A socket to the hub from {@code localAddress} (another loopback address, say), not 127.0.0.1. */
    private Socket connectFrom(String localAddress) throws IOException {
        Socket socket = new Socket("127.0.0.1", hub.hub.port(), java.net.InetAddress.getByName(localAddress), 0);
        socket.setSoTimeout((int) PATIENCE.toMillis());
        sockets.add(socket);
        return socket;
    }

    /** Sends a keep-alive {@code GET /healthz} on {@code socket} and reads one answer: its head and body. */
    private static String healthOn(Socket socket) throws IOException {
        socket.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        String head = head(socket);
        InputStream in = socket.getInputStream();
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        int bodyLength = length.find() ? Integer.parseInt(length.group(1)) : 0;
        return head + new String(in.readNBytes(bodyLength), StandardCharsets.UTF_8);
    }

    /** {@link #healthOn}, or "closed" if the hub closed or reset the connection. */
    private static String healthOrClosed(Socket socket) {
        try {
            return healthOn(socket);
        } catch (IOException closed) {
            return "closed";
        }
    }

    /** Reads an answer's head (up to the blank line) from {@code socket}, leaving its body unread. */
    private static String head(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b == -1) {
                throw new java.io.EOFException("the hub closed the connection; got '" + head + "'");
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /** Reads until the hub closes the connection; -1 then (a reset counts as closed too). */
    private static int readToEnd(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            while (in.read() != -1) {
                continue;
            }
            return -1;
        } catch (java.net.SocketException reset) {
            return -1;
        } catch (IOException e) {
            throw new AssertionError("the hub did not close the connection", e);
        }
    }

    private static String readAll(Socket socket) {
        try {
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("reading the answer failed", e);
        }
    }

    private String exchangeRaw(String request) throws IOException {
        Socket socket = connect();
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        return readAll(socket);
    }

    private static byte[] oversizeJson() {
        byte[] body = new byte[Exchange.MAX_BODY_BYTES + 1];
        Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[body.length - 1] = '}';
        return body;
    }

    static JsonNode json(String text) {
        try {
            return org.courtyard.protocol.ProtocolJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new AssertionError(text, e);
        }
    }
}
