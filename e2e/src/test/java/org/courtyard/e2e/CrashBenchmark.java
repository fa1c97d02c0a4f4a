package org.courtyard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.HelpCategory;
import org.courtyard.protocol.HelpRequested;
import org.courtyard.protocol.HelpSource;
import org.courtyard.protocol.Heartbeat;

/**
 * Power cuts of the hub under sync load: simulated kiosks ({@link SimulatedKiosk}) send help
 * requests and heartbeats back to back while the hub process is killed with SIGKILL at a random
 * moment each round and started again on the same data directory. Every event the hub acknowledged
 * (listed as accepted in a sync answer) must be in its database afterwards: an acknowledgement is a
 * promise that the event is on disk.
 *
 * <p>Run: {@code ./courtyard bench crash [ROUNDS]} (default 10). Prints the acknowledged events, how
 * many of them are missing (must be 0; exit 1 otherwise) and the time from the kill until the
 * restarted hub answers {@code /healthz}.
 */
public final class CrashBenchmark {

    private static final int KIOSKS = 20;

    private CrashBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path data = Files.createTempDirectory("courtyard-crash").resolve("hub");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicReference<URI> base = new AtomicReference<>();
        AtomicBoolean loading = new AtomicBoolean(true);
        List<Long> restartMillis = new ArrayList<>();
        JavaProcess hub = Courtyard.hub(data, Courtyard.NO_CONNECTION_CAP);
        ExecutorService kiosks = Executors.newFixedThreadPool(KIOSKS);
        try {
            HubApi admin = Courtyard.api(hub).login("admin", Courtyard.ADMIN_PASSWORD);
            base.set(admin.base());
            List<Future<Integer>> load = new ArrayList<>();
            for (int k = 0; k < KIOSKS; k++) {
                SimulatedKiosk kiosk = new SimulatedKiosk(http, base::get, admin.createKiosk("小院" + k, "村" + (k % 4)),
                        acknowledged);
                load.add(kiosks.submit(() -> drive(kiosk, loading)));
            }
            for (int round = 1; round <= rounds; round++) {
                // A random moment under load: somewhere in the middle of commits, answers and retries.
                Thread.sleep(ThreadLocalRandom.current().nextLong(1000, 5000));
                int before = acknowledged.size();
                hub.kill();
                long killed = System.nanoTime();
                hub = Courtyard.hub(data, Courtyard.NO_CONNECTION_CAP);
                URI restarted = Courtyard.api(hub).base();
                awaitHealthy(http, restarted);
                long millis = (System.nanoTime() - killed) / 1_000_000;
                restartMillis.add(millis);
                base.set(restarted);
                System.out.printf("round %d: killed with %d events acknowledged; serving again after %d ms%n", round,
                        before, millis);
            }
            Thread.sleep(2000);
            loading.set(false);
            int unsent = 0;
            for (Future<Integer> kiosk : load) {
                unsent += kiosk.get();
            }
            hub.close();
            Set<String> missing = missing(data.resolve("hub.db"), acknowledged);
            long[] restarts = restartMillis.stream().mapToLong(millis -> millis * 1_000_000).toArray();
            System.out.printf("crash: %d rounds of kill -9 under sync load from %d kiosks: %d events acknowledged,"
                    + " %d missing; %d still unsent in the kiosks' outboxes%n", rounds, KIOSKS, acknowledged.size(),
                    missing.size(), unsent);
            System.out.println(Bench.summary("time to serve again after kill -9", restarts));
            if (!missing.isEmpty()) {
                System.out.println("MISSING acknowledged events: " + missing);
                System.exit(1);
            }
        } finally {
            loading.set(false);
            kiosks.shutdownNow();
            hub.close();
        }
    }

    /**
     * Pushes a help request and a heartbeat at a time, back to back, until told to stop; while the
     * hub is down it sends its outbox again every 100 ms without making new events, as a kiosk whose
     * elders wait. Answers the events left unsent.
     */
    private static int drive(SimulatedKiosk kiosk, AtomicBoolean loading) throws InterruptedException {
        long uptime = 0;
        boolean delivered = true;
        while (loading.get()) {
            List<Event> batch = !delivered ? List.of() : List.of(
                    Event.of(new HelpRequested(HelpSource.BUTTON, HelpCategory.DAILY, null, null), Instant.now(), true),
                    Event.of(new Heartbeat("bench", uptime++, kiosk.waiting(), "off", "ok"), Instant.now(), true));
            delivered = kiosk.push(batch) == 200;
            if (!delivered) {
                Thread.sleep(100);
            }
        }
        // Deliver what is left, as a kiosk would once the hub is back.
        for (int i = 0; i < 20 && kiosk.waiting() > 0; i++) {
            if (kiosk.push(List.of()) != 200) {
                Thread.sleep(200);
            }
        }
        return kiosk.waiting();
    }

    private static void awaitHealthy(HttpClient http, URI hub) throws InterruptedException {
        HttpRequest health = HttpRequest.newBuilder(hub.resolve("/healthz")).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the restarted hub did not answer /healthz within 60 s");
    }

    /** The acknowledged event ids the hub's database (read after a clean stop) does not hold. */
    private static Set<String> missing(Path database, Set<String> acknowledged) throws Exception {
        Set<String> stored = new HashSet<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id FROM events")) {
            while (rows.next()) {
                stored.add(rows.getString(1));
            }
        }
        Set<String> missing = new HashSet<>(acknowledged);
        missing.removeAll(stored);
        return missing;
    }
}
