package org.courtyard.kiosk.checkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.courtyard.kiosk.Kiosk;
import org.courtyard.kiosk.TestKiosks;
import org.courtyard.kiosk.TestRoster;
import org.courtyard.kiosk.core.ResidentTile;
import org.courtyard.protocol.ProtocolJson;
import org.courtyard.protocol.ResidentCard;
import org.courtyard.protocol.ResidentType;
import org.courtyard.protocol.SyncResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kiosk's side of the roster: a stand-in hub on port 0 answers syncs with a roster and serves
 * photos, as the real hub's API does (the hub's own tests and the end-to-end test cover the real one).
 */
class RosterSyncTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private HttpServer hub;
    private Kiosk kiosk;
    private final List<JsonNode> syncs = new CopyOnWriteArrayList<>();
    private final List<String> photoTokens = new CopyOnWriteArrayList<>();
    private final AtomicInteger answers = new AtomicInteger();

    @AfterEach
    void stop() {
        if (kiosk != null) {
            kiosk.close();
        }
        if (hub != null) {
            hub.stop(0);
        }
    }

    @Test
    void the_roster_is_stored_photos_are_fetched_by_checksum_and_a_null_roster_keeps_it() throws Exception {
        byte[] photo = "a photo of 张桂英".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String sha = sha256(photo);
        // 李小军's announced checksum is not what the hub serves: that photo must not be kept.
        List<ResidentCard> residents = List.of(new ResidentCard("r-zhangguiy", "张桂英", ResidentType.ELDER, sha),
                new ResidentCard("r-lixiaojun", "李小军", ResidentType.CHILD, sha256(new byte[] {1})));
        startHub(residents, photo);

        kiosk = Kiosk.create(TestKiosks.config(dir, "http://127.0.0.1:" + hub.getAddress().getPort()),
                Clock.systemUTC());
        kiosk.start();

        await().atMost(WAIT).untilAsserted(() -> assertThat(kiosk.model().state().checkIn().residents())
                .extracting(ResidentTile::name).containsExactly("李小军", "张桂英"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(tile("r-zhangguiy").photo()).isNotNull());
        Path cached = tile("r-zhangguiy").photo();
        assertThat(cached.getFileName().toString()).isEqualTo(sha + ".jpg");
        assertThat(Files.readAllBytes(cached)).isEqualTo(photo);
        assertThat(tile("r-lixiaojun").photo()).isNull();
        assertThat(photoTokens).isNotEmpty().allSatisfy(token -> assertThat(token).isEqualTo("Bearer test-token"));
        // Later answers say "unchanged" (null); the kiosk keeps the roster and sends the new cursor.
        await().atMost(WAIT).until(() -> syncs.stream().anyMatch(sync -> sync.get("cursor").asText().equals("7.3")));
        await().atMost(WAIT).until(() -> answers.get() >= 3);
        assertThat(kiosk.model().state().checkIn().residents()).hasSize(2);
    }

    private ResidentTile tile(String id) {
        return kiosk.model().state().checkIn().residents().stream().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow();
    }

    private void startHub(List<ResidentCard> residents, byte[] photo) throws IOException {
        hub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hub.createContext("/api/v1/sync", exchange -> {
            JsonNode request = ProtocolJson.mapper().readTree(exchange.getRequestBody());
            syncs.add(request);
            boolean first = answers.getAndIncrement() == 0;
            SyncResponse answer = new SyncResponse(List.of(), List.of(), "7.3", List.of(), List.of(), Instant.now(),
                    first ? residents : null, first ? TestRoster.cadres() : null, null);
            send(exchange, 200, "application/json", ProtocolJson.writeBytes(answer));
        });
        hub.createContext("/api/v1/residents/", exchange -> {
            photoTokens.add(exchange.getRequestHeaders().getFirst("Authorization"));
            send(exchange, 200, "image/jpeg", photo);
        });
        hub.start();
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
