package org.courtyard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.courtyard.protocol.CheckedIn;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.Heartbeat;
import org.courtyard.protocol.Protocol;
import org.courtyard.protocol.ProtocolJson;
import org.courtyard.protocol.SyncRequest;
import org.courtyard.protocol.SyncResponse;

/**
 * Hub sync throughput with many simulated kiosks: a hub process on this machine and, in this
 * process, one client per kiosk sending sync batches back to back (each batch a heartbeat and
 * check-ins, every one committed with synchronous=FULL before the answer).
 *
 * <p>Run: {@code ./courtyard bench sync-throughput [KIOSKS] [SYNCS_PER_KIOSK] [EVENTS_PER_SYNC]}
 * (defaults 100, 20, 20). Prints events/s and the p50/p99 latency of one sync, and beside them
 * SQLite's own insert rate on the same disk in the same run ({@link SqliteCeiling}).
 */
public final class SyncThroughputBenchmark {

    private static final int VILLAGES = 4;

    private SyncThroughputBenchmark() {
    }

    private static String village(int index) {
        return "村" + (index % VILLAGES);
    }

    public static void main(String[] args) throws Exception {
        int kiosks = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int syncs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int perSync = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Path dir = Files.createTempDirectory("courtyard-bench");
        try (JavaProcess hub = Courtyard.hub(dir.resolve("hub"), Courtyard.NO_CONNECTION_CAP)) {
            HubApi staff = Courtyard.api(hub).login("admin", Courtyard.ADMIN_PASSWORD);
            List<JsonNode> registered = new ArrayList<>();
            for (int i = 0; i < kiosks; i++) {
                registered.add(staff.createKiosk("小院" + i, village(i)));
            }
            // The hub refuses a check-in of someone not in the kiosk's village, so each village gets
            // the residents its kiosks check in.
            List<List<String>> residents = new ArrayList<>();
            for (int v = 0; v < VILLAGES; v++) {
                List<String> ids = new ArrayList<>();
                for (int r = 1; r < perSync; r++) {
                    ObjectNode resident = ProtocolJson.mapper().createObjectNode().put("name", "居民" + r)
                            .put("village", village(v)).put("type", "ELDER").put("checkInEveryDays", 1);
                    ids.add(staff.call("POST", "/api/v1/residents", resident, 201).get("id").asText());
                }
                residents.add(ids);
            }
            ExecutorService httpThreads = Executors.newFixedThreadPool(4);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(httpThreads).build();
            URI sync = staff.base().resolve("/api/v1/sync");
            long[] latencies = new long[kiosks * syncs];
            AtomicInteger next = new AtomicInteger();
            AtomicInteger errors = new AtomicInteger();
            AtomicInteger accepted = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(kiosks);
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int k = 0; k < kiosks; k++) {
                JsonNode kiosk = registered.get(k);
                List<String> villagers = residents.get(k % VILLAGES);
                running.add(clients.submit(() -> {
                    String cursor = null;
                    for (int s = 0; s < syncs; s++) {
                        List<Event> events = new ArrayList<>();
                        events.add(Event.of(new Heartbeat("bench", s, 0, "off", "ok"), Instant.now(), true));
                        for (int e = 1; e < perSync; e++) {
                            events.add(Event.of(new CheckedIn(villagers.get(e - 1)), Instant.now(), true));
                        }
                        byte[] body = ProtocolJson.writeBytes(new SyncRequest(Protocol.VERSION,
                                kiosk.get("id").asText(), cursor, events));
                        HttpRequest request = HttpRequest.newBuilder(sync).timeout(Duration.ofSeconds(60))
                                .header("Authorization", "Bearer " + kiosk.get("token").asText())
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                            latencies[next.getAndIncrement()] = System.nanoTime() - t0;
                            if (response.statusCode() != 200) {
                                errors.incrementAndGet();
                                continue;
                            }
                            SyncResponse answer = ProtocolJson.read(response.body(), SyncResponse.class);
                            accepted.addAndGet(answer.accepted().size());
                            refused.addAndGet(answer.rejected().size());
                            cursor = answer.cursor();
                        } catch (java.io.IOException e) {
                            latencies[next.getAndIncrement()] = System.nanoTime() - t0;
                            errors.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            clients.shutdown();
            // Non-daemon threads: left running they would keep `./courtyard bench` from ending.
            httpThreads.shutdown();
            System.out.printf("sync throughput: %d kiosks x %d syncs x %d events: %d events accepted in %.1f s "
                    + "= %.0f events/s, %d events refused, %d errors%n", kiosks, syncs, perSync, accepted.get(),
                    seconds, accepted.get() / seconds, refused.get(), errors.get());
            System.out.println(Bench.summary("sync latency", java.util.Arrays.copyOf(latencies, next.get())));
            // SQLite alone on the same disk, same run: a commit per batch of perSync rows (what a
            // writer without group commit could reach at best), and a commit per 100 batches.
            int rows = accepted.get() > 0 ? accepted.get() : kiosks * syncs * perSync;
            System.out.printf("sqlite ceiling (one thread, prepared insert, WAL, synchronous=FULL): %.0f rows/s"
                    + " committing every %d rows, %.0f rows/s committing every %d rows%n",
                    SqliteCeiling.insertsPerSecond(dir, rows, perSync), perSync,
                    SqliteCeiling.insertsPerSecond(dir, rows, perSync * 100), perSync * 100);
        }
    }
}
