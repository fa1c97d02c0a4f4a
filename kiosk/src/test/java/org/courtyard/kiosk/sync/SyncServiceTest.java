package org.courtyard.kiosk.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.courtyard.kiosk.core.LinkState;
import org.courtyard.kiosk.net.HubConnection;
import org.courtyard.kiosk.net.HubTls;
import org.courtyard.kiosk.store.KioskStore;
import org.courtyard.protocol.CheckedIn;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.EventType;
import org.courtyard.protocol.ProtocolJson;
import org.courtyard.protocol.SyncResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The extension points of sync, as a new feature uses them: a part of the answer it registers is
 * handed every answer before the cursor is saved (a part that fails keeps the cursor, so the hub
 * sends its news again), and what it
 * records for accepted events of its type happens in the transaction that empties the outbox. A
 * stand-in hub on port 0 answers as scripted; the real hub is in the e2e tests.
 */
class SyncServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final Queue<SyncResponse> answers = new ConcurrentLinkedQueue<>();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    /** While set, the stand-in hub takes connections and drops them unanswered, as a hub that is down. */
    private final AtomicBoolean down = new AtomicBoolean();
    private final List<Long> arrivals = new CopyOnWriteArrayList<>();
    /** How many requests still to refuse as a busy hub does: 503 with {@code Retry-After: 1}. */
    private final AtomicInteger busy = new AtomicInteger();
    private HttpServer hub;
    private HubClient client;
    private KioskStore store;
    private SyncService sync;

    @BeforeEach
    void start() throws IOException {
        hub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hub.createContext("/healthz", exchange -> {
            if (down.get()) {
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        hub.createContext("/api/v1/sync", exchange -> {
            if (down.get()) {
                exchange.close();
                return;
            }
            JsonNode request = ProtocolJson.mapper().readTree(exchange.getRequestBody());
            arrivals.add(System.nanoTime());
            if (busy.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                byte[] refusal = "{\"error\":{\"code\":\"unavailable\",\"message\":\"the hub is busy\"}}"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.getResponseHeaders().add("Retry-After", "1");
                exchange.sendResponseHeaders(503, refusal.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(refusal);
                }
                return;
            }
            requests.add(request);
            SyncResponse answer = answers.poll();
            if (answer == null) {
                answer = answer(request.get("cursor").asText(), List.of());
            }
            byte[] body = ProtocolJson.writeBytes(answer);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        hub.start();
        store = KioskStore.open(dir);
        HubConnection connection = HubConnection.of(URI.create("http://127.0.0.1:" + hub.getAddress().getPort()),
                "k-token", HubTls.defaults());
        client = new HubClient(connection, Duration.ofSeconds(5));
        sync = new SyncService(store, client, "k-test", Clock.systemUTC(),
                (link, detail) -> { }, new SyncService.Settings(Duration.ofSeconds(30), 0, Duration.ofMillis(50),
                        Duration.ofMillis(200), Duration.ofHours(1)), null);
    }

    @AfterEach
    void stop() {
        sync.close();
        store.close();
        hub.stop(0);
    }

    @Test
    void a_registered_part_takes_each_answer_before_its_cursor_and_a_failing_part_keeps_the_cursor() {
        answers.add(answer("c-1", List.of()));
        answers.add(answer("c-2", List.of()));
        List<String> taken = new CopyOnWriteArrayList<>();
        AtomicBoolean failOnce = new AtomicBoolean(true);
        sync.addAnswerPart(answer -> {
            taken.add(answer.cursor());
            if (answer.cursor().equals("c-2") && failOnce.getAndSet(false)) {
                throw new IllegalStateException("disk full");
            }
            return null;
        });

        sync.start();

        // The part failed on c-2: the cursor stays c-1, so the hub is asked from c-1 again and sends
        // what the part missed.
        await().atMost(WAIT).until(() -> requests.stream().filter(r -> r.get("cursor").asText().equals("c-1"))
                .count() >= 2);
        assertThat(taken).startsWith("c-1", "c-2");
        assertThat(store.setting("sync.cursor")).contains("c-1");
    }

    @Test
    void a_busy_hub_is_asked_again_only_after_its_retry_after_although_the_kiosks_own_backoff_is_shorter() {
        busy.set(1);

        sync.start();

        await().atMost(WAIT).until(() -> sync.link() == LinkState.ONLINE);
        assertThat(arrivals).hasSizeGreaterThanOrEqualTo(2);
        assertThat(Duration.ofNanos(arrivals.get(1) - arrivals.get(0)))
                .as("the kiosk's own backoff here is 50 ms; the hub said Retry-After: 1")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void what_a_feature_records_for_its_accepted_events_happens_with_the_outbox_and_then_it_is_told()
            throws Exception {
        store.migrate("test-notes", List.of("CREATE TABLE visit_note (event_id VARCHAR(36) PRIMARY KEY)"));
        Event checkIn = Event.of(new CheckedIn("r-1"), Instant.now(), true);
        store.append(checkIn);
        answers.add(answer("c-1", List.of(checkIn.id())));
        List<UUID> told = new CopyOnWriteArrayList<>();
        sync.onAccepted(EventType.CHECKED_IN, (connection, ids) -> {
            try (var insert = connection.prepareStatement("INSERT INTO visit_note (event_id) VALUES (?)")) {
                for (UUID id : ids) {
                    insert.setString(1, id.toString());
                    insert.executeUpdate();
                }
            }
            return () -> told.addAll(ids);
        });
        sync.onAccepted(EventType.HELP_REQUESTED, (connection, ids) -> {
            throw new AssertionError("no help request was accepted");
        });

        sync.start();

        await().atMost(WAIT).until(() -> !told.isEmpty());
        assertThat(told).containsExactly(checkIn.id());
        assertThat(store.outboxSize()).isZero();
        String noted = store.read(connection -> {
            try (var select = connection.createStatement(); ResultSet rows = select.executeQuery(
                    "SELECT event_id FROM visit_note")) {
                rows.next();
                return rows.getString(1);
            }
        });
        assertThat(noted).isEqualTo(checkIn.id().toString());
    }

    @Test
    void while_the_hub_is_down_a_cheap_probe_sends_the_outbox_within_seconds_of_its_return_not_after_the_backoff()
            throws Exception {
        down.set(true);
        Event checkIn = Event.of(new CheckedIn("r-1"), Instant.now(), true);
        store.append(checkIn);
        answers.add(answer("c-1", List.of(checkIn.id())));
        List<LinkState> links = new CopyOnWriteArrayList<>();
        // A backoff of five minutes: only the probe (every 200 ms here, 3 s by default) can be this quick.
        try (SyncService patient = new SyncService(store, client, "k-test", Clock.systemUTC(),
                (link, detail) -> links.add(link), new SyncService.Settings(Duration.ofSeconds(30), 0,
                        Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofMillis(200)),
                null)) {
            patient.start();
            await().atMost(WAIT).until(() -> links.contains(LinkState.OFFLINE));
            assertThat(store.outboxSize()).isEqualTo(1);

            down.set(false);

            await().atMost(Duration.ofSeconds(5)).until(() -> store.outboxSize() == 0);
            await().atMost(WAIT).until(() -> links.get(links.size() - 1) == LinkState.ONLINE);
        }
    }

    @Test
    void a_busy_hubs_retry_after_stands_while_a_request_waits_unsent_the_probe_does_not_cut_it_short()
            throws Exception {
        busy.set(1);
        Event checkIn = Event.of(new CheckedIn("r-1"), Instant.now(), true);
        store.append(checkIn);
        answers.add(answer("c-1", List.of(checkIn.id())));
        // The probe every 100 ms would find the hub answering at once; the hub said Retry-After: 1.
        try (SyncService probing = new SyncService(store, client, "k-test", Clock.systemUTC(), (link, detail) -> { },
                new SyncService.Settings(Duration.ofSeconds(30), 0, Duration.ofMillis(50), Duration.ofMillis(200),
                        Duration.ofHours(1), Duration.ofMillis(100)), null)) {
            probing.start();

            await().atMost(WAIT).until(() -> store.outboxSize() == 0);
        }
        assertThat(arrivals).hasSizeGreaterThanOrEqualTo(2);
        assertThat(Duration.ofNanos(arrivals.get(1) - arrivals.get(0)))
                .as("a hub that answered 503 with Retry-After: 1 is not asked again sooner, probe or not")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    private static SyncResponse answer(String cursor, List<UUID> accepted) {
        return new SyncResponse(accepted, List.of(), cursor, List.of(), List.of(), Instant.now(), null, null, null);
    }
}
