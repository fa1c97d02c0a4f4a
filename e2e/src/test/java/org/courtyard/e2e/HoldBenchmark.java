package org.courtyard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
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
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.courtyard.kiosk.sync.Backoff;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.Heartbeat;
import org.courtyard.protocol.HelpRequested;
import org.courtyard.protocol.HelpSource;
import org.courtyard.protocol.Protocol;
import org.courtyard.protocol.ProtocolJson;
import org.courtyard.protocol.SyncRequest;

/**
 * A prefecture's kiosks held by one hub: a hub process started as {@code deploy/hub} ships it
 * (the unit's JVM options and file limit, default settings but for the per-address cap, as every
 * simulated kiosk connects from 127.0.0.1) and, in this process, {@code KIOSKS} simulated kiosks
 * that do what a kiosk's sync does with its defaults: a sync with a heartbeat every 30 s and a
 * long-poll ({@code ?wait=25}) held at all times, answered by a new one at once.
 *
 * <p>Phases: the kiosks come online over a 60 s ramp; then for {@code SECONDS} the harness probes
 * {@code /healthz} every 50 ms and has staff acknowledge help requests of some kiosks, timing each
 * from the staff call to the kiosk's long-poll answer carrying it; it prints errors, percentiles
 * and the hub's resident memory. With {@code --burst} the hub is then killed (a power cut) and
 * started again on the same data, and every kiosk comes back within 10 s: the harness prints how
 * long until every one was served again and how many 503s the hub answered as back-pressure,
 * which the kiosks honour with {@code Retry-After} plus the kiosk's own jitter ({@link Backoff}).
 *
 * <p>The load generator is a few NIO clients (java.net.http, {@link #CLIENTS} of them on one small
 * executor, each kiosk always on the same one): no thread per
 * kiosk. Run: {@code ./courtyard bench hold [KIOSKS] [SECONDS] [--burst]} (defaults 10000, 60).
 * Needs a file limit ({@code ulimit -n}) above the kiosk count for this process and the hub: the
 * burst's kiosks connect on a fresh client only once the killed hub's connections are closed in
 * the old one, so this process never holds both fleets' sockets at once. The last lines,
 * {@code GOAL ...}, put every goal of issue 19 beside its figure and say {@code met} or
 * {@code NOT MET}.
 */
public final class HoldBenchmark {

    static final Duration RAMP = Duration.ofSeconds(60);
    static final int WAIT_SECONDS = 25;
    static final Duration PUSH_EVERY = Duration.ofSeconds(30);
    static final Duration RETURN_WITHIN = Duration.ofSeconds(10);
    static final Duration SERVED_AGAIN_WITHIN = Duration.ofMinutes(2);
    static final int MOST_PROBES = 200;
    /** How long the killed hub's connections may take to close in the old client before the burst. */
    static final Duration DRAIN_WITHIN = Duration.ofSeconds(60);
    /**
     * The clients the kiosks are spread over. One client for 10,000 kiosks kept some 10,000 idle
     * connections in one pool, whose expiry list (a linked list) is walked each time a connection is
     * taken or given back: its selector and executor threads then spent about a quarter of their
     * samples there (JFR), and answers waited seconds in this process before they were read. A real
     * kiosk has its own client with one or two connections; sixteen pools of ~600 are nearer to that.
     */
    static final int CLIENTS = 16;

    /** The goal lines, printed together at the end. */
    private static final List<String> GOALS = new ArrayList<>();

    private HoldBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> positional = Arrays.stream(args).filter(arg -> !arg.startsWith("--")).toList();
        int kiosks = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 10_000;
        int seconds = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 60;
        boolean burst = Arrays.asList(args).contains("--burst");
        // Idle pooled connections are dropped before the hub's 60 s idle timeout would close them
        // under a request (a kiosk's own client retries such a request; here it would count as an error).
        System.setProperty("jdk.httpclient.keepalive.timeout", "30");

        Path dir = Files.createTempDirectory("courtyard-bench-hold");
        ShippedHub shipped = ShippedHub.fromSystemProperty();
        System.out.printf("hold: %d kiosks, %d s measured%s; hub JVM options %s, unit LimitNOFILE=%s; load %s;"
                + " this process: open files limit %s, %d open%n", kiosks, seconds, burst ? ", then a power cut" : "",
                shipped.jvmOptions(), shipped.unitValue("LimitNOFILE"), loadAverage(), fileLimit(), openFiles());
        int port = freePort();
        // HOLD_HUB_SETTINGS="sync.threads=4;sync.queue=4000" tries other hub settings than the shipped ones.
        String[] settings = hubSettings(System.getenv("HOLD_HUB_SETTINGS"));
        System.out.printf("hub settings: %s%n", String.join("; ", settings));
        JavaProcess hub = shipped.start(dir.resolve("hub"), port, settings);
        try {
            HubApi staff = Courtyard.api(hub).login("admin", Courtyard.ADMIN_PASSWORD);
            List<SimKiosk> fleet = register(staff, kiosks);

            Fleet online = new Fleet(staff.base(), fleet);
            // The fleet's clients hold a few files each (a selector) before any kiosk connects.
            int filesIdle = openFiles();
            System.out.printf("ramp: starting %d kiosks over %d s%n", kiosks, RAMP.toSeconds());
            online.start(RAMP);
            online.awaitAllServed(RAMP.plus(SERVED_AGAIN_WITHIN));
            System.out.printf("ramp: %d of %d kiosks online, %d long-polls held; during the ramp %s; this process"
                    + " has %d files open%n", online.served(), kiosks, online.held(), online.counts(), openFiles());
            goal("all kiosks online after the ramp", online.served() + " of " + kiosks, online.served() == kiosks);
            online.resetCounts();

            measure(staff, hub, online, fleet, seconds);

            if (burst) {
                // The power cut: the kiosks stop sending, the hub dies, and the old client closes
                // the dead connections (its executor must run to do so) before the kiosks return
                // on a fresh client, so the two fleets' sockets are never open together here.
                online.quiet();
                int before = openFiles();
                hub.kill();
                long drain0 = System.nanoTime();
                int after = online.drain(DRAIN_WITHIN, filesIdle + 100);
                online.stop();
                System.out.printf("power cut: this process had %d files open, %d after %.1f s (the killed hub's"
                        + " connections closed)%n", before, after, (System.nanoTime() - drain0) / 1e9);
                hub = shipped.start(dir.resolve("hub"), port, settings);
                Courtyard.api(hub);
                Fleet back = new Fleet(staff.base(), fleet);
                long t0 = System.nanoTime();
                back.start(RETURN_WITHIN);
                boolean all = back.awaitAllServed(SERVED_AGAIN_WITHIN.plus(RETURN_WITHIN));
                double took = (System.nanoTime() - t0) / 1e9;
                System.out.printf("burst: %d kiosks back within %d s after a power cut: %s served again in %.1f s "
                        + "(goal: within %d s); %s; most refusals of one kiosk %d; hub %s; this process has %d"
                        + " files open%n", kiosks, RETURN_WITHIN.toSeconds(), all ? "all" : back.served() + " of "
                        + kiosks, took, SERVED_AGAIN_WITHIN.toSeconds(), back.counts(), back.mostRefusals(),
                        rss(hub.pid()), openFiles());
                goal("after a power cut, all served again within " + SERVED_AGAIN_WITHIN.toSeconds() + " s",
                        (all ? "all" : back.served() + " of " + kiosks) + String.format(" in %.1f s", took),
                        all && took <= SERVED_AGAIN_WITHIN.toSeconds());
                goal("after a power cut, failures other than 503 back-pressure: 0", back.errors() + " errors, "
                        + back.refused() + " refused 503 with Retry-After (honoured)", back.errors() == 0);
                back.stop();
            } else {
                online.stop();
            }
        } catch (Exception | AssertionError e) {
            goal("the run itself", "failed: " + e, false);
            throw e;
        } finally {
            hub.close();
            System.out.printf("GOALS (issue 19), %d kiosks, %d s measured, hub settings %s, load average now %s:%n",
                    kiosks, seconds, String.join("; ", settings), loadAverage());
            GOALS.forEach(System.out::println);
        }
    }

    /** The per-address cap off (every simulated kiosk is 127.0.0.1), then {@code extra}'s ';'-separated lines. */
    static String[] hubSettings(String extra) {
        List<String> settings = new ArrayList<>(List.of(Courtyard.NO_CONNECTION_CAP));
        if (extra != null) {
            Arrays.stream(extra.split(";")).map(String::trim).filter(line -> !line.isEmpty()).forEach(settings::add);
        }
        return settings.toArray(String[]::new);
    }

    static Thread daemon(Runnable runnable) {
        Thread thread = new Thread(runnable);
        thread.setDaemon(true);
        return thread;
    }

    /** Records one goal beside its figure. */
    private static void goal(String goal, String figure, boolean met) {
        GOALS.add(String.format("GOAL %-60s %-9s %s", goal + ":", met ? "met" : "NOT MET", figure));
    }

    /** Files (sockets included) this process has open now. */
    static int openFiles() {
        try (var files = Files.list(Path.of("/proc/self/fd"))) {
            return (int) files.count();
        } catch (IOException e) {
            return -1;
        }
    }

    /** This process's soft and hard limit of open files, from {@code /proc}. */
    static String fileLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"), StandardCharsets.UTF_8)) {
                if (line.startsWith("Max open files")) {
                    String[] words = line.substring("Max open files".length()).trim().split("\\s+");
                    return words[0] + " (hard " + words[1] + ")";
                }
            }
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return "unknown";
        }
        return "unknown";
    }

    /** Creates the kiosks through the staff API, a few at a time (each is a committed write). */
    private static List<SimKiosk> register(HubApi staff, int kiosks) throws Exception {
        long t0 = System.nanoTime();
        ExecutorService creators = Executors.newFixedThreadPool(8);
        try {
            List<Future<SimKiosk>> created = new ArrayList<>();
            for (int i = 0; i < kiosks; i++) {
                int index = i;
                created.add(creators.submit(() -> {
                    JsonNode kiosk = staff.createKiosk("小院" + index, "村" + index / 10);
                    return new SimKiosk(kiosk.get("id").asText(), kiosk.get("token").asText());
                }));
            }
            List<SimKiosk> fleet = new ArrayList<>();
            for (Future<SimKiosk> kiosk : created) {
                fleet.add(kiosk.get());
            }
            System.out.printf("registered %d kiosks in %.1f s%n", kiosks, (System.nanoTime() - t0) / 1e9);
            return fleet;
        } finally {
            creators.shutdown();
        }
    }

    private static void measure(HubApi staff, JavaProcess hub, Fleet fleet, List<SimKiosk> kiosks, int seconds)
            throws Exception {
        int probes = Math.min(MOST_PROBES, Math.max(1, kiosks.size() / 10));
        Random random = new Random(19);
        List<UUID> requests = new ArrayList<>();
        for (int i = 0; i < probes; i++) {
            SimKiosk kiosk = kiosks.get(random.nextInt(kiosks.size()));
            requests.add(fleet.raiseHelp(kiosk));
        }
        fleet.awaitAccepted(requests, Duration.ofSeconds(60));

        ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor(HoldBenchmark::daemon);
        HttpClient healthClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Long> health = new ArrayList<>();
        AtomicInteger healthFailures = new AtomicInteger();
        HttpRequest healthz = HttpRequest.newBuilder(staff.base().resolve("/healthz"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        prober.scheduleWithFixedDelay(() -> {
            long t0 = System.nanoTime();
            try {
                HttpResponse<String> answer = healthClient.send(healthz, HttpResponse.BodyHandlers.ofString());
                synchronized (health) {
                    health.add(System.nanoTime() - t0);
                }
                if (answer.statusCode() != 200) {
                    healthFailures.incrementAndGet();
                }
            } catch (IOException e) {
                healthFailures.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, 0, 50, TimeUnit.MILLISECONDS);

        long start = System.nanoTime();
        long every = Duration.ofSeconds(seconds).toNanos() / probes;
        long[] calls = new long[probes];
        for (int i = 0; i < probes; i++) {
            long due = start + i * every;
            long now = System.nanoTime();
            if (due > now) {
                TimeUnit.NANOSECONDS.sleep(due - now); // pacing the staff's clicks, not synchronisation
            }
            long called = System.nanoTime();
            fleet.expect(requests.get(i), called);
            staff.transition(requests.get(i).toString(), "ACKNOWLEDGED", "bench", null);
            calls[i] = System.nanoTime() - called;
        }
        long end = start + Duration.ofSeconds(seconds).toNanos();
        if (end > System.nanoTime()) {
            TimeUnit.NANOSECONDS.sleep(end - System.nanoTime());
        }
        fleet.awaitExpected(Duration.ofSeconds(WAIT_SECONDS + 10));
        prober.shutdownNow();
        prober.awaitTermination(10, TimeUnit.SECONDS);
        long[] healthNanos;
        synchronized (health) {
            healthNanos = health.stream().mapToLong(Long::longValue).toArray();
        }
        System.out.printf("held: %d of %d kiosks online, %d long-polls held; in %d s: %s%n", fleet.served(),
                kiosks.size(), fleet.held(), seconds, fleet.counts());
        String healthFigure = Bench.summary("healthz, " + healthFailures.get() + " failed", healthNanos);
        System.out.println(healthFigure);
        long[] transitionNanos = fleet.transitionNanos();
        String transitionFigure = Bench.summary("staff transition -> kiosk long-poll answer, "
                + fleet.unanswered() + " never arrived", transitionNanos);
        System.out.println(transitionFigure);
        fleet.breakdown().forEach(System.out::println);
        // Of that, the staff call's own answer (the transition committed by the hub's writer):
        // what is left is the wake, the held answer's reads and the way back to the kiosk.
        System.out.println(Bench.summary("of which the staff call itself (committed and answered)", calls));
        String memory = rss(hub.pid());
        System.out.printf("hub memory: %s%n", memory);
        goal("no errors and no 503s after the ramp (" + seconds + " s measured)", fleet.counts(),
                fleet.errors() == 0 && fleet.refused() == 0);
        goal("/healthz p99 <= 50 ms, none failed", healthFigure,
                healthFailures.get() == 0 && p99(healthNanos) <= 50);
        goal("staff transition -> kiosk p99 <= 250 ms, none lost", transitionFigure,
                fleet.unanswered() == 0 && p99(transitionNanos) <= 250);
        goal("hub RSS reported", memory, true);
    }

    private static double p99(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted.length == 0 ? Double.POSITIVE_INFINITY : Bench.percentile(sorted, 99);
    }

    /** The hub's resident memory now and at its peak, from {@code /proc}. */
    static String rss(long pid) {
        try {
            Map<String, String> status = new ConcurrentHashMap<>();
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"),
                    StandardCharsets.UTF_8)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    status.put(line.substring(0, colon), line.substring(colon + 1).trim());
                }
            }
            return "RSS " + status.getOrDefault("VmRSS", "?") + ", peak " + status.getOrDefault("VmHWM", "?");
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** One simulated kiosk: its credentials, and the cursor it keeps across a restart as a kiosk does. */
    static final class SimKiosk {
        final String id;
        final String token;
        volatile String cursor;
        /** When its long-poll now in flight was sent ({@link System#nanoTime}); 0 when none is. */
        volatile long pollSentAt;

        SimKiosk(String id, String token) {
            this.id = id;
            this.token = token;
        }
    }

    /**
     * The kiosks' sync loops on {@link #CLIENTS} shared clients. A kiosk is "served" once its first sync was
     * answered 200; then it holds a long-poll and pushes a heartbeat every {@link #PUSH_EVERY}.
     */
    static final class Fleet {
        private final URI sync;
        private final List<SimKiosk> kiosks;
        // Daemon threads: a run that fails half-way must still end (exec:java waits for the others).
        private final ExecutorService executor = Executors.newFixedThreadPool(4, HoldBenchmark::daemon);
        private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, HoldBenchmark::daemon);
        private final HttpClient[] clients = new HttpClient[CLIENTS];
        private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60),
                ThreadLocalRandom.current());
        private final Map<String, Integer> failuresInRow = new ConcurrentHashMap<>();
        private final Map<String, Integer> refusals = new ConcurrentHashMap<>();
        private final Map<String, Boolean> served = new ConcurrentHashMap<>();
        private final AtomicInteger held = new AtomicInteger();
        private final AtomicInteger inFlight = new AtomicInteger();
        private final LongAdder answered = new LongAdder();
        private final LongAdder backPressure = new LongAdder();
        private final LongAdder errors = new LongAdder();
        private final Map<String, AtomicLong> errorKinds = new ConcurrentHashMap<>();
        private final Map<UUID, Long> expected = new ConcurrentHashMap<>();
        private final Map<UUID, Boolean> accepted = new ConcurrentHashMap<>();
        private final List<Long> transitions = new ArrayList<>();
        private final Map<UUID, SimKiosk> probeKiosks = new ConcurrentHashMap<>();
        /** By probe: the kiosk's long-poll in flight when the staff call was made (its send time), or 0. */
        private final Map<UUID, Long> pollAtCall = new ConcurrentHashMap<>();
        private final Map<UUID, Instant> calledAt = new ConcurrentHashMap<>();
        /** Where each probe's time went, by how its answer came (see {@link #breakdown}). */
        private final Map<String, List<Long>> byPath = new ConcurrentHashMap<>();
        private final List<Long> hubPart = new ArrayList<>();
        private final List<Long> wayBack = new ArrayList<>();
        private volatile boolean running = true;

        Fleet(URI base, List<SimKiosk> kiosks) {
            this.sync = base.resolve("/api/v1/sync");
            this.kiosks = kiosks;
            for (int i = 0; i < CLIENTS; i++) {
                clients[i] = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                        .connectTimeout(Duration.ofSeconds(10)).build();
            }
        }

        /** Starts every kiosk at a random moment within {@code over}. */
        void start(Duration over) {
            for (SimKiosk kiosk : kiosks) {
                long delay = ThreadLocalRandom.current().nextLong(Math.max(1, over.toMillis()));
                timers.schedule(() -> push(kiosk, List.of(), true), delay, TimeUnit.MILLISECONDS);
            }
        }

        /** The kiosks send nothing more; what is in flight still completes (or fails) on the executor. */
        void quiet() {
            running = false;
            timers.shutdownNow();
        }

        /**
         * Waits until no request of this fleet is in flight (after a kill each fails as the client
         * reads the closed connection) and this process has at most {@code files} open (the client
         * closes the dead connections a little after failing their requests), at most {@code within}.
         *
         * @return the files this process has open then
         */
        int drain(Duration within, int files) throws InterruptedException {
            long deadline = System.nanoTime() + within.toNanos();
            while ((inFlight.get() > 0 || openFiles() > files) && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(100); // polling a figure for the report, not synchronising a test
            }
            if (inFlight.get() > 0 || openFiles() > files) {
                System.out.printf("power cut: after %d s still %d requests in flight and %d files open (at most %d"
                        + " wanted); the burst may run into this process's file limit%n", within.toSeconds(),
                        inFlight.get(), openFiles(), files);
            }
            return openFiles();
        }

        void stop() {
            quiet();
            executor.shutdownNow();
        }

        UUID raiseHelp(SimKiosk kiosk) {
            Event help = Event.of(new HelpRequested(HelpSource.BUTTON, null, null, null), Instant.now(), true);
            push(kiosk, List.of(help), false);
            probeKiosks.put(help.id(), kiosk);
            return help.id();
        }

        void expect(UUID request, long sentNanos) {
            SimKiosk kiosk = probeKiosks.get(request);
            pollAtCall.put(request, kiosk == null ? 0 : kiosk.pollSentAt);
            calledAt.put(request, Instant.now());
            expected.put(request, sentNanos);
        }

        /** A sync with a heartbeat and {@code extra}; a periodic one schedules the next. */
        private void push(SimKiosk kiosk, List<Event> extra, boolean periodic) {
            if (!running) {
                return;
            }
            List<Event> events = new ArrayList<>(extra);
            events.add(Event.of(new Heartbeat("bench", 0, 0, "off", "ok"), Instant.now(), true));
            send(kiosk, events, 0, true, periodic);
        }

        private void listen(SimKiosk kiosk) {
            if (running) {
                held.incrementAndGet();
                send(kiosk, List.of(), WAIT_SECONDS, false, false);
            }
        }

        private void send(SimKiosk kiosk, List<Event> events, int wait, boolean push, boolean periodic) {
            byte[] body = ProtocolJson.writeBytes(new SyncRequest(Protocol.VERSION, kiosk.id, kiosk.cursor, events));
            URI uri = wait > 0 ? URI.create(sync + "?wait=" + wait) : sync;
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(wait + 20))
                    .header("Authorization", "Bearer " + kiosk.token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            inFlight.incrementAndGet();
            long sentAt = System.nanoTime();
            if (!push) {
                kiosk.pollSentAt = sentAt;
            }
            HttpClient client = clients[Math.floorMod(kiosk.id.hashCode(), CLIENTS)];
            client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((answer, failure) -> {
                inFlight.decrementAndGet();
                if (!push) {
                    held.decrementAndGet();
                    kiosk.pollSentAt = 0;
                }
                if (running) {
                    answered(kiosk, events, push, periodic, sentAt, answer, failure);
                }
            });
        }

        private void answered(SimKiosk kiosk, List<Event> events, boolean push, boolean periodic, long sentAt,
                HttpResponse<byte[]> answer, Throwable failure) {
            Runnable again = push ? () -> push(kiosk, events.stream()
                    .filter(event -> !(event.payload() instanceof Heartbeat)).toList(), periodic)
                    : () -> listen(kiosk);
            if (failure != null || answer.statusCode() != 200) {
                Optional<Duration> retryAfter = Optional.empty();
                if (failure == null && (answer.statusCode() == 503 || answer.statusCode() == 429)) {
                    backPressure.increment();
                    refusals.merge(kiosk.id, 1, Integer::sum);
                    retryAfter = answer.headers().firstValueAsLong("Retry-After").stream()
                            .mapToObj(Duration::ofSeconds).findFirst();
                } else {
                    errors.increment();
                    String kind = failure != null ? rootCause(failure) : "HTTP " + answer.statusCode();
                    errorKinds.computeIfAbsent(kind, key -> new AtomicLong()).incrementAndGet();
                }
                int failures = failuresInRow.merge(kiosk.id, 1, Integer::sum);
                schedule(again, backoff.after(failures, retryAfter));
                return;
            }
            answered.increment();
            failuresInRow.remove(kiosk.id);
            JsonNode body;
            try {
                body = ProtocolJson.mapper().readTree(answer.body());
            } catch (IOException e) {
                errors.increment();
                errorKinds.computeIfAbsent("unreadable answer", key -> new AtomicLong()).incrementAndGet();
                return;
            }
            kiosk.cursor = body.path("cursor").asText(kiosk.cursor);
            for (JsonNode id : body.path("accepted")) {
                accepted.put(UUID.fromString(id.asText()), true);
            }
            long now = System.nanoTime();
            Instant wallNow = Instant.now();
            for (JsonNode update : body.path("helpUpdates")) {
                UUID requestId = UUID.fromString(update.path("requestId").asText());
                Long sent = expected.remove(requestId);
                if (sent != null && "ACKNOWLEDGED".equals(update.path("status").asText())) {
                    synchronized (transitions) {
                        transitions.add(now - sent);
                        record(requestId, sent, now, sentAt, push, body.path("serverTime").asText(), wallNow);
                    }
                }
            }
            if (push) {
                if (served.put(kiosk.id, true) == null) {
                    listen(kiosk);
                }
                if (periodic) {
                    schedule(() -> push(kiosk, List.of(), true), PUSH_EVERY);
                }
            } else {
                listen(kiosk);
            }
        }

        /**
         * Files one probe's time by the way its answer came: a long-poll already held when the staff
         * call was made, one sent after it (the kiosk was between two long-polls), or a push; and
         * splits it at the answer's {@code serverTime} (the hub's clock, this machine's): from the
         * staff call until the hub made the answer, and from then until this process read it.
         */
        private void record(UUID request, long called, long now, long sentAt, boolean push, String serverTime,
                Instant wallNow) {
            long pollThen = pollAtCall.getOrDefault(request, 0L);
            String path = push ? "a push's answer"
                    : sentAt - called > 0 ? "a long-poll sent after the staff call"
                    : pollThen != 0 && pollThen == sentAt ? "the long-poll held at the staff call"
                    : "an earlier long-poll";
            byPath.computeIfAbsent(path, key -> new ArrayList<>()).add(now - called);
            Instant call = calledAt.get(request);
            try {
                Instant made = Instant.parse(serverTime);
                if (call != null) {
                    hubPart.add(Math.max(0, Duration.between(call, made).toNanos()));
                    wayBack.add(Math.max(0, Duration.between(made, wallNow).toNanos()));
                }
            } catch (java.time.format.DateTimeParseException e) {
                errorKinds.computeIfAbsent("unreadable serverTime", key -> new AtomicLong()).incrementAndGet();
            }
        }

        /** The lines that say where the transition times went. */
        List<String> breakdown() {
            List<String> lines = new ArrayList<>();
            synchronized (transitions) {
                byPath.forEach((path, nanos) -> lines.add(Bench.summary("  came with " + path,
                        nanos.stream().mapToLong(Long::longValue).toArray())));
                lines.add(Bench.summary("  staff call -> hub made the answer (its serverTime)",
                        hubPart.stream().mapToLong(Long::longValue).toArray()));
                lines.add(Bench.summary("  hub made the answer -> this process read it",
                        wayBack.stream().mapToLong(Long::longValue).toArray()));
            }
            return lines;
        }

        private void schedule(Runnable task, Duration after) {
            if (running) {
                timers.schedule(task, after.toMillis(), TimeUnit.MILLISECONDS);
            }
        }

        private static String rootCause(Throwable failure) {
            Throwable cause = failure;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            return cause.getClass().getSimpleName() + ": " + cause.getMessage();
        }

        boolean awaitAllServed(Duration within) throws InterruptedException {
            long deadline = System.nanoTime() + within.toNanos();
            while (served.size() < kiosks.size() && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(100); // polling a figure for the report, not synchronising a test
            }
            return served.size() == kiosks.size();
        }

        void awaitAccepted(List<UUID> requests, Duration within) throws InterruptedException {
            long deadline = System.nanoTime() + within.toNanos();
            while (!accepted.keySet().containsAll(requests) && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            if (!accepted.keySet().containsAll(requests)) {
                throw new IllegalStateException("the hub did not accept every help request of the probes within "
                        + within);
            }
        }

        void awaitExpected(Duration within) throws InterruptedException {
            long deadline = System.nanoTime() + within.toNanos();
            while (!expected.isEmpty() && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }

        int served() {
            return served.size();
        }

        int held() {
            return held.get();
        }

        int unanswered() {
            return expected.size();
        }

        long errors() {
            return errors.sum();
        }

        long refused() {
            return backPressure.sum();
        }

        int mostRefusals() {
            return refusals.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        }

        long[] transitionNanos() {
            synchronized (transitions) {
                return transitions.stream().mapToLong(Long::longValue).toArray();
            }
        }

        void resetCounts() {
            answered.reset();
            backPressure.reset();
            errors.reset();
            errorKinds.clear();
            refusals.clear();
        }

        String counts() {
            return String.format("%d syncs answered, %d refused 503 (back-pressure), %d errors%s", answered.sum(),
                    backPressure.sum(), errors.sum(), errorKinds.isEmpty() ? "" : " " + errorKinds);
        }
    }
}
