package org.courtyard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

/**
 * Hub sync throughput with many simulated kiosks: a hub process on this machine and, in this
 * process, one client per kiosk sending sync batches back to back (each batch a heartbeat and
 * check-ins, every one committed with synchronous=FULL before the answer).
 *
 * <p>Run: {@code ./courtyard bench sync-throughput [KIOSKS] [SYNCS_PER_KIOSK] [EVENTS_PER_SYNC]
 * [WARM_UP_SYNCS_PER_KIOSK]} (defaults 100, 100, 20, 30). Every kiosk first sends its warm-up
 * syncs (the hub's JVM compiles the sync path in those seconds), whose rate is printed apart; then
 * the measured syncs. Prints events/s, the p50/p99 latency of one sync and the CPU time per event
 * of the hub, its writer thread and this harness, and beside them SQLite's own insert rate on the
 * same disk in the same run ({@link SqliteCeiling}).
 */
public final class SyncThroughputBenchmark {

    private static final int VILLAGES = 4;
    private static final String NO_CURSOR = "\"cursor\":null";

    private SyncThroughputBenchmark() {
    }

    private static String village(int index) {
        return "村" + (index % VILLAGES);
    }

    public static void main(String[] args) throws Exception {
        int kiosks = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int syncs = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int perSync = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 30;
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
            ExecutorService clients = Executors.newFixedThreadPool(kiosks);
            Phase phase = new Phase(staff.base().resolve("/api/v1/sync"), http, clients, registered, residents, perSync,
                    hub.pid(), new String[kiosks]);
            try {
                // The hub's JVM starts cold: its first seconds compile the sync path. They are
                // measured apart, and the figure that counts is the one after them.
                Phase.Figures cold = phase.run(warmup);
                System.out.printf("warm-up: %d kiosks x %d syncs x %d events: %d events accepted in %.1f s"
                        + " = %.0f events/s, %d refused, %d errors%n", kiosks, warmup, perSync, cold.accepted(),
                        cold.seconds(), cold.accepted() / cold.seconds(), cold.refused(), cold.errors());
                Phase.Figures warm = phase.run(syncs);
                System.out.printf("sync throughput: %d kiosks x %d syncs x %d events: %d events accepted in %.1f s "
                        + "= %.0f events/s, %d events refused, %d errors%n", kiosks, syncs, perSync, warm.accepted(),
                        warm.seconds(), warm.accepted() / warm.seconds(), warm.refused(), warm.errors());
                System.out.println(Bench.summary("sync latency", warm.latencies()));
                // CPU per event: what the load of other work on the machine does not lengthen.
                double events = Math.max(1, warm.accepted());
                System.out.printf("CPU per accepted event in the measured part: hub %.0f µs (its database writer"
                        + " thread %.0f µs), this harness %.0f µs%n", warm.hubCpuMillis() * 1000 / events,
                        warm.writerCpuMillis() * 1000 / events, warm.harnessCpuMillis() * 1000 / events);
            } finally {
                clients.shutdown();
                // Non-daemon threads: left running they would keep `./courtyard bench` from ending.
                httpThreads.shutdown();
            }
            int rows = kiosks * syncs * perSync;
            // SQLite alone on the same disk, same run: a commit per batch of perSync rows (what a
            // writer without group commit could reach at best), and a commit per 100 batches.
            System.out.printf("sqlite ceiling (one thread, prepared insert, WAL, synchronous=FULL): %.0f rows/s"
                    + " committing every %d rows, %.0f rows/s committing every %d rows%n",
                    SqliteCeiling.insertsPerSecond(dir, rows, perSync), perSync,
                    SqliteCeiling.insertsPerSecond(dir, rows, perSync * 100), perSync * 100);
        }
    }

    /**
     * One phase of the run: every kiosk sends its syncs back to back, each kiosk keeping its cursor
     * ({@code cursors}, by kiosk) from one phase to the next. The phase's time runs from its start to
     * its last answer.
     */
    private record Phase(URI sync, HttpClient http, ExecutorService clients, List<JsonNode> kiosks,
            List<List<String>> residents, int perSync, long hubPid, String[] cursors) {

        /** What one phase came to; CPU times in ms, -1 where /proc could not be read. */
        record Figures(int accepted, int refused, int errors, double seconds, long[] latencies, long hubCpuMillis,
                long writerCpuMillis, long harnessCpuMillis) {
        }

        Figures run(int syncs) throws Exception {
            long[] latencies = new long[kiosks.size() * syncs];
            AtomicInteger next = new AtomicInteger();
            AtomicInteger errors = new AtomicInteger();
            AtomicInteger accepted = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            // What the kiosks would send is made before the clock starts (on a real hub the kiosks
            // make it on their own machines, not on the hub's two cores), round by round as kiosks
            // make it over time: an event's id (version 7) follows the time it was made, so ids of
            // the same minute from all kiosks lie together, and the hub's id indexes grow at their
            // end, not at a hundred places at once.
            List<List<byte[]>> made = new ArrayList<>();
            for (int k = 0; k < kiosks.size(); k++) {
                made.add(new ArrayList<>(syncs));
            }
            for (int s = 0; s < syncs; s++) {
                for (int k = 0; k < kiosks.size(); k++) {
                    made.get(k).add(body(kiosks.get(k), residents.get(k % VILLAGES), s));
                }
            }
            long hubBefore = Bench.cpuMillis(hubPid)[0];
            long writerBefore = Bench.threadCpuMillis(hubPid, "courtyard-db-wr");
            long harnessBefore = Bench.cpuMillis(ProcessHandle.current().pid())[0];
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int k = 0; k < kiosks.size(); k++) {
                int index = k;
                JsonNode kiosk = kiosks.get(k);
                List<byte[]> bodies = made.get(k);
                running.add(clients.submit(() -> {
                    for (byte[] body : bodies) {
                        // The cursor of the answer before goes in front of the events, as a kiosk sends it.
                        byte[] request = withCursor(body, cursors[index]);
                        HttpRequest call = HttpRequest.newBuilder(sync).timeout(Duration.ofSeconds(60))
                                .header("Authorization", "Bearer " + kiosk.get("token").asText())
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build();
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<byte[]> response = http.send(call, HttpResponse.BodyHandlers.ofByteArray());
                            latencies[next.getAndIncrement()] = System.nanoTime() - t0;
                            if (response.statusCode() != 200) {
                                errors.incrementAndGet();
                                continue;
                            }
                            JsonNode answer = ProtocolJson.mapper().readTree(response.body());
                            accepted.addAndGet(answer.path("accepted").size());
                            refused.addAndGet(answer.path("rejected").size());
                            cursors[index] = answer.path("cursor").asText(null);
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
            long hub = Bench.cpuMillis(hubPid)[0] - hubBefore;
            long writer = Bench.threadCpuMillis(hubPid, "courtyard-db-wr") - writerBefore;
            long harness = Bench.cpuMillis(ProcessHandle.current().pid())[0] - harnessBefore;
            return new Figures(accepted.get(), refused.get(), errors.get(), seconds,
                    java.util.Arrays.copyOf(latencies, next.get()), hub, writer, harness);
        }

        /**
         * A kiosk's sync body without its cursor: a heartbeat and check-ins of its village's
         * residents, with new event ids made as a kiosk makes them.
         */
        private byte[] body(JsonNode kiosk, List<String> villagers, int sequence) {
            List<Event> events = new ArrayList<>();
            events.add(Event.of(new Heartbeat("bench", sequence, 0, "off", "ok"), Instant.now(), true));
            for (int e = 1; e < perSync; e++) {
                events.add(Event.of(new CheckedIn(villagers.get(e - 1)), Instant.now(), true));
            }
            return ProtocolJson.writeBytes(new SyncRequest(Protocol.VERSION, kiosk.get("id").asText(), null, events));
        }

        /** The body with {@code "cursor":null} replaced by the cursor, if there is one. */
        private static byte[] withCursor(byte[] body, String cursor) {
            if (cursor == null) {
                return body;
            }
            String text = new String(body, StandardCharsets.UTF_8);
            String replaced = text.replace(NO_CURSOR, "\"cursor\":" + ProtocolJson.write(cursor));
            if (replaced.equals(text)) {
                throw new IllegalStateException("a sync body without " + NO_CURSOR + ": " + text.substring(0, 100));
            }
            return replaced.getBytes(StandardCharsets.UTF_8);
        }
    }
}
