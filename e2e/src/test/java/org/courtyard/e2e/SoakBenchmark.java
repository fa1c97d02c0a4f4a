package org.courtyard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.courtyard.protocol.CheckedIn;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.HelpCategory;
import org.courtyard.protocol.HelpRequested;
import org.courtyard.protocol.HelpSource;
import org.courtyard.protocol.Heartbeat;
import org.courtyard.protocol.ProtocolJson;

/**
 * The hub for a long while under a township's steady traffic, looking for what grows: a hub process
 * with its default limits, 50 simulated kiosks ({@link SimulatedKiosk}) each pushing a check-in
 * every 5 s (six times a real kiosk's pace; a heartbeat every 30 s) and holding a long-poll open, help requests that staff
 * acknowledge and resolve, and the live event streams of 40 staff members with 6 tabs each — 240
 * streams from this machine's one address, above the hub's cap of 200 connections per address,
 * which counts idle connections, not logged-in streams.
 *
 * <p>Run: {@code ./courtyard bench soak [MINUTES]} (default 30). Prints the hub's resident memory
 * (VmRSS) and thread count every minute, what the 240 streams cost, and fails (exit 1) if the last
 * third of the run peaks more than 10% above the end of the first third, in memory or in threads.
 */
public final class SoakBenchmark {

    private static final int KIOSKS = 50;
    private static final int VILLAGES = 4;
    private static final int STAFF = 40;
    private static final int TABS = 6;

    private SoakBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Path data = Files.createTempDirectory("courtyard-soak").resolve("hub");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong syncs = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicLong streamEvents = new AtomicLong();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable);
            thread.setDaemon(true);
            return thread;
        });
        int exit;
        try (JavaProcess hub = Courtyard.hub(data)) {
            HubApi admin = Courtyard.api(hub).login("admin", Courtyard.ADMIN_PASSWORD);
            URI base = admin.base();
            List<List<String>> residents = residents(admin);
            List<String> staff = staff(admin);

            long before = status(hub.pid(), "VmRSS");
            List<InputStream> streams = new ArrayList<>();
            for (int i = 0; i < STAFF * TABS; i++) {
                streams.add(openStream(http, base, staff.get(i % STAFF), streamEvents, threads));
            }
            long after = status(hub.pid(), "VmRSS");
            int fresh = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/healthz")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            System.out.printf(Locale.ROOT, "streams: %d live streams of %d staff from one address: hub memory %d ->"
                    + " %d MiB (%.1f KiB a stream); a new connection from the same address answered %d%n",
                    streams.size(), STAFF, before / 1024, after / 1024, (after - before) / (double) streams.size(), fresh);
            if (fresh != 200) {
                System.out.println("FAILED: the streams shut out a new connection from their address");
                System.exit(1);
            }

            for (int k = 0; k < KIOSKS; k++) {
                JsonNode created = admin.createKiosk("小院" + k, village(k));
                List<String> villagers = residents.get(k % VILLAGES);
                SimulatedKiosk pushing = new SimulatedKiosk(http, () -> base, created, acknowledged);
                SimulatedKiosk listening = new SimulatedKiosk(http, () -> base, created, acknowledged);
                threads.submit(() -> {
                    push(pushing, villagers, running, syncs, failures);
                    return null;
                });
                threads.submit(() -> {
                    listen(listening, running, syncs, failures);
                    return null;
                });
            }
            threads.submit(() -> {
                answerHelp(admin, running, failures);
                return null;
            });

            List<Long> rssKb = new ArrayList<>();
            List<Long> threadCounts = new ArrayList<>();
            long end = System.nanoTime() + Duration.ofMinutes(minutes).toNanos();
            for (int minute = 0; System.nanoTime() < end || minute == 0; minute++) {
                long rss = status(hub.pid(), "VmRSS");
                long count = status(hub.pid(), "Threads");
                rssKb.add(rss);
                threadCounts.add(count);
                System.out.printf(Locale.ROOT, "minute %d: hub memory %d MiB, %d threads; %d syncs, %d events"
                        + " acknowledged, %d stream events, %d failures%n", minute, rss / 1024, count, syncs.get(),
                        acknowledged.size(), streamEvents.get(), failures.get());
                Thread.sleep(Math.max(0, Math.min(60_000, (end - System.nanoTime()) / 1_000_000)));
            }
            rssKb.add(status(hub.pid(), "VmRSS"));
            threadCounts.add(status(hub.pid(), "Threads"));
            running.set(false);
            for (InputStream stream : streams) {
                stream.close();
            }
            System.out.println("hub memory per minute (MiB): "
                    + Arrays.toString(rssKb.stream().mapToLong(kb -> kb / 1024).toArray()));
            System.out.println("hub threads per minute: " + threadCounts);
            boolean memory = steady("memory", rssKb, "MiB", 1024);
            boolean threadsSteady = steady("threads", threadCounts, "", 1);
            exit = memory && threadsSteady ? 0 : 1;
        } finally {
            running.set(false);
            threads.shutdownNow();
        }
        System.exit(exit);
    }

    /** Whether the last third of {@code samples} stays within 10% of the end of the first third; prints the figures. */
    private static boolean steady(String what, List<Long> samples, String unit, long divisor) {
        if (samples.size() < 3) {
            System.out.println(what + ": too short a run to judge growth (at least 2 minutes)");
            return true;
        }
        long early = samples.get(samples.size() / 3);
        long late = samples.stream().skip(2L * samples.size() / 3).mapToLong(Long::longValue).max().orElse(early);
        boolean steady = late <= early * 1.10;
        System.out.printf(Locale.ROOT, "%s: %d%s after the first third, at most %d%s in the last third: %s%n", what,
                early / divisor, unit, late / divisor, unit, steady ? "steady" : "GROWING (more than 10%)");
        return steady;
    }

    private static void push(SimulatedKiosk kiosk, List<String> villagers, AtomicBoolean running, AtomicLong syncs,
            AtomicLong failures) throws InterruptedException {
        long pushes = 0;
        while (running.get()) {
            List<Event> events = new ArrayList<>();
            events.add(Event.of(new CheckedIn(villagers.get(ThreadLocalRandom.current().nextInt(villagers.size()))),
                    Instant.now(), true));
            if (pushes % 6 == 0) {
                events.add(Event.of(new Heartbeat("soak", pushes * 5, kiosk.waiting(), "off", "ok"), Instant.now(), true));
            }
            if (ThreadLocalRandom.current().nextInt(40) == 0) {
                events.add(Event.of(new HelpRequested(HelpSource.BUTTON, HelpCategory.DAILY, null, null), Instant.now(),
                        true));
            }
            count(kiosk.push(events), syncs, failures);
            pushes++;
            Thread.sleep(5000);
        }
    }

    private static void listen(SimulatedKiosk kiosk, AtomicBoolean running, AtomicLong syncs, AtomicLong failures)
            throws InterruptedException {
        while (running.get()) {
            if (!count(kiosk.listen(25), syncs, failures)) {
                Thread.sleep(1000);
            }
        }
    }

    private static boolean count(int status, AtomicLong syncs, AtomicLong failures) {
        syncs.incrementAndGet();
        if (status != 200) {
            failures.incrementAndGet();
            return false;
        }
        return true;
    }

    /** Staff at work: every few seconds they acknowledge, then resolve, the requests that came in. */
    private static void answerHelp(HubApi admin, AtomicBoolean running, AtomicLong failures) throws InterruptedException {
        while (running.get()) {
            try {
                for (JsonNode help : admin.call("GET", "/api/v1/help-requests?open=true", null, 200)) {
                    String next = help.get("status").asText().equals("NEW") ? "ACKNOWLEDGED" : "RESOLVED";
                    admin.transition(help.get("id").asText(), next, "soak", null);
                }
            } catch (IOException | AssertionError e) {
                failures.incrementAndGet();
            }
            Thread.sleep(5000);
        }
    }

    private static InputStream openStream(HttpClient http, URI base, String token, AtomicLong events,
            ExecutorService threads) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/stream"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("a staff stream was refused with " + response.statusCode());
        }
        InputStream body = response.body();
        threads.submit(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("event:")) {
                        events.incrementAndGet();
                    }
                }
            }
            return null;
        });
        return body;
    }

    private static List<List<String>> residents(HubApi admin) throws IOException, InterruptedException {
        List<List<String>> villages = new ArrayList<>();
        for (int v = 0; v < VILLAGES; v++) {
            List<String> ids = new ArrayList<>();
            for (int r = 0; r < 20; r++) {
                ObjectNode resident = ProtocolJson.mapper().createObjectNode().put("name", "居民" + r)
                        .put("village", "村" + v).put("type", "ELDER").put("checkInEveryDays", 1);
                ids.add(admin.call("POST", "/api/v1/residents", resident, 201).get("id").asText());
            }
            villages.add(ids);
        }
        return villages;
    }

    private static List<String> staff(HubApi admin) throws IOException, InterruptedException {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < STAFF; i++) {
            ObjectNode user = ProtocolJson.mapper().createObjectNode().put("username", "staff" + i)
                    .put("password", "soak-password-" + i).put("role", "STAFF");
            admin.call("POST", "/api/v1/users", user, 201);
            tokens.add(new HubApi(admin.base()).login("staff" + i, "soak-password-" + i).token());
        }
        return tokens;
    }

    private static String village(int kiosk) {
        return "村" + (kiosk % VILLAGES);
    }

    /** A number from {@code /proc/PID/status}: {@code VmRSS} in KiB, or {@code Threads}. */
    private static long status(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
            }
        }
        throw new IOException("no " + field + " in /proc/" + pid + "/status");
    }
}
