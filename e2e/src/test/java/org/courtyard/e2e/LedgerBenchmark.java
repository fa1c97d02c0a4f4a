package org.courtyard.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.courtyard.protocol.ProtocolJson;

/**
 * The ledger at a prefecture's size (issue 19): {@code ./courtyard bench ledger [RESIDENTS]
 * [SECONDS]} starts the hub jar as deploy/hub ships it, seeds RESIDENTS people (default 200,000;
 * 200 a village) with today's check-ins (two in three) and open alerts (one in twenty) straight into
 * its database, starts it again (the hub gives the rows their sort and search keys and builds the
 * per-village counters as it starts),
 * then measures
 * <ul>
 *   <li>the staff page's first load of its two ledger sections, by fetching exactly what they
 *       fetch (居民: the first page of residents and the villages; 报平安: the open alerts, the
 *       day and the month's coverage in numbers), as the page does, the sections' requests at once;
 *   <li>20 staff sessions at once for SECONDS (default 60), each in a loop: the first page of
 *       residents, the next page by its {@code Link}, a search by pinyin initials, one village's
 *       residents, the open alerts, one village's day; errors (anything but 200) and p50/p99.
 * </ul>
 * Goals: first load ≤ 1 s and ≤ 2 MB; no 500s, no OutOfMemoryError. Figures in docs/benchmarks.md.
 */
public final class LedgerBenchmark {

    private static final int PER_VILLAGE = 200;
    private static final int SESSIONS = 20;
    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
    private static final String GIVEN = "秀英桂兰玉珍凤芳德福国强建华明军平志红丽云山海文成金春花德荣永富贵婷小大正中有光学家";
    private static final Pattern NEXT = Pattern.compile("<([^>]*)>; rel=\"next\"");

    private LedgerBenchmark() {
    }

    /**
     * Runs the harness. A run that fails prints why before it ends: exec:java logs the exception of
     * a failed main only at WARN (hidden by {@code ./mvnw -q}) and only after every non-daemon
     * thread has ended, so the harness prints the failure itself and runs its staff on daemon
     * threads that it stops on every path.
     */
    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (Exception | AssertionError e) {
            System.out.println("ledger: the run failed, no further figures: " + e);
            e.printStackTrace(System.out);
            throw e;
        }
    }

    private static void run(String[] args) throws Exception {
        int residents = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        Path dir = Files.createTempDirectory("ledger-bench");
        System.out.printf("ledger: hub data in %s (kept after the run, for EXPLAIN QUERY PLAN on hub.db)%n", dir);
        ShippedHub shipped = ShippedHub.fromSystemProperty();
        int port = HoldBenchmark.freePort();
        System.out.printf("ledger: %,d residents, %d staff sessions for %d s; load average before: %s%n", residents,
                SESSIONS, seconds, loadAverage());

        JavaProcess hub = shipped.start(dir.resolve("hub"), port, Courtyard.NO_CONNECTION_CAP);
        Courtyard.api(hub).login("admin", Courtyard.ADMIN_PASSWORD);
        hub.close();
        long seeding = System.nanoTime();
        List<String> villages = seed(dir.resolve("hub").resolve("hub.db"), residents);
        System.out.printf("seeded %,d residents in %d villages in %.1f s%n", residents, villages.size(),
                (System.nanoTime() - seeding) / 1e9);

        long starting = System.nanoTime();
        hub = shipped.start(dir.resolve("hub"), port, Courtyard.NO_CONNECTION_CAP);
        try {
            String line = hub.awaitLine(text -> text.startsWith("listening on http://"), Duration.ofMinutes(10));
            System.out.printf("hub up again in %.1f s (sort and search keys filled and counters built for every"
                    + " resident)%n",
                    (System.nanoTime() - starting) / 1e9);
            URI base = HubApi.fromListeningLine(line);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            HubApi admin = new HubApi(base).login("admin", Courtyard.ADMIN_PASSWORD);
            String token = admin.token();
            // One township staff account per session, as 20 people at their desks (the login
            // throttle would rightly slow 20 logins of one account from one address).
            for (int s = 0; s < SESSIONS; s++) {
                admin.call("POST", "/api/v1/users", ProtocolJson.mapper().createObjectNode().put("username", "staff" + s)
                        .put("password", "password-staff" + s).put("role", "STAFF"), 201);
            }

            firstLoad(http, base, token, hub.pid());
            firstLoad(http, base, token, hub.pid());
            sessions(http, base, villages, seconds);
            System.out.printf("hub memory: %s; hub alive: %s; load average after: %s%n", HoldBenchmark.rss(hub.pid()),
                    hub.isAlive(), loadAverage());
        } finally {
            hub.close();
        }
    }

    /** The two ledger sections' first fetches, each section's at once as the page makes them. */
    private static void firstLoad(HttpClient http, URI base, String token, long hubPid) throws Exception {
        long[] cpuBefore = Bench.cpuMillis(hubPid);
        String month = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString().substring(0, 7);
        List<List<String>> sections = List.of(
                List.of("/api/v1/residents", "/api/v1/villages"),
                List.of("/api/v1/check-in-alerts", "/api/v1/check-ins/village-counts",
                        "/api/v1/visits/coverage?month=" + month + "&names=false"));
        long bytes = 0;
        double slowest = 0;
        List<String> parts = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (List<String> section : sections) {
            long start = System.nanoTime();
            List<java.util.concurrent.CompletableFuture<HttpResponse<byte[]>>> answers = new ArrayList<>();
            for (String path : section) {
                answers.add(http.sendAsync(get(base, path, token), HttpResponse.BodyHandlers.ofByteArray())
                        .thenApply(answer -> {
                            parts.add(String.format("%s %,d B %.0f ms", path.split("\\?")[0], answer.body().length,
                                    (System.nanoTime() - start) / 1e6));
                            return answer;
                        }));
            }
            for (int i = 0; i < section.size(); i++) {
                HttpResponse<byte[]> answer = answers.get(i).get();
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException(section.get(i) + " answered " + answer.statusCode());
                }
                bytes += answer.body().length;
            }
            double ms = (System.nanoTime() - start) / 1e6;
            slowest = Math.max(slowest, ms);
        }
        long[] cpuAfter = Bench.cpuMillis(hubPid);
        System.out.printf("first load: %,d bytes, slowest section %.0f ms (%s); the hub's CPU time %,d ms, of which"
                + " its JIT compiler threads %,d ms%n", bytes, slowest, String.join(", ", parts),
                cpuAfter[0] - cpuBefore[0], cpuAfter[1] - cpuBefore[1]);
    }

    /**
     * SESSIONS staff at once, each logged in on its own (one after another, before the clock
     * starts, as people who sat down at their desks earlier) and paging and searching in a loop.
     * Prints its figures on every path: a session that could not log in or that failed is named
     * with its reason beside the figures of the others, and a session still running well after the
     * end (every request has a 30 s time-out) is reported and stopped.
     */
    private static void sessions(HttpClient http, URI base, List<String> villages, int seconds) throws Exception {
        Map<String, ConcurrentLinkedQueue<Long>> latencies = new ConcurrentHashMap<>();
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        List<String> problems = new ArrayList<>();
        Map<String, String> tokens = new java.util.LinkedHashMap<>();
        long loggingIn = System.nanoTime();
        for (int s = 0; s < SESSIONS; s++) {
            String username = "staff" + s;
            try {
                tokens.put(username, new HubApi(base).login(username, "password-" + username).token());
            } catch (IOException | AssertionError e) {
                problems.add(username + " could not log in: " + e);
            }
        }
        System.out.printf("%d of %d staff logged in, one after another, in %.1f s%n", tokens.size(), SESSIONS,
                (System.nanoTime() - loggingIn) / 1e9);

        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService staff = Executors.newFixedThreadPool(SESSIONS, HoldBenchmark::daemon);
        Map<String, Future<?>> running = new java.util.LinkedHashMap<>();
        try {
            for (Map.Entry<String, String> session : tokens.entrySet()) {
                String token = session.getValue();
                running.put(session.getKey(), staff.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    Recorder record = new Recorder(http, base, token, latencies, statuses, failures);
                    while (System.nanoTime() < end && !Thread.currentThread().isInterrupted()) {
                        String village = URLEncoder.encode(villages.get(random.nextInt(villages.size())),
                                StandardCharsets.UTF_8);
                        String initials = "" + "wlzcyhz".charAt(random.nextInt(7))
                                + "xgmyfh".charAt(random.nextInt(6));
                        Optional<String> next = record.timed("residents page 1", "/api/v1/residents");
                        if (next.isPresent()) {
                            record.timed("residents next page", next.get());
                        }
                        record.timed("search by initials", "/api/v1/residents?q=" + initials);
                        record.timed("one village", "/api/v1/residents?village=" + village);
                        record.timed("open alerts", "/api/v1/check-in-alerts");
                        record.timed("one village's day", "/api/v1/check-ins/by-village?village=" + village);
                    }
                    return null;
                }));
            }
            // Six requests of at most 30 s each after the end, and a margin.
            long deadline = end + Duration.ofSeconds(6 * 30 + 30).toNanos();
            for (Map.Entry<String, Future<?>> session : running.entrySet()) {
                try {
                    session.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (ExecutionException e) {
                    problems.add(session.getKey() + " failed: " + e.getCause());
                } catch (TimeoutException e) {
                    problems.add(session.getKey() + " was still running " + Duration.ofNanos(System.nanoTime() - end)
                            .toSeconds() + " s after the end and was stopped");
                }
            }
        } finally {
            staff.shutdownNow();
        }
        long all = 0;
        for (Map.Entry<String, ConcurrentLinkedQueue<Long>> entry : new java.util.TreeMap<>(latencies).entrySet()) {
            long[] nanos = entry.getValue().stream().mapToLong(Long::longValue).toArray();
            all += nanos.length;
            System.out.println(Bench.summary(entry.getKey(), nanos));
        }
        System.out.printf("%d sessions: %,d requests in %d s, statuses %s (0: no answer)%n", running.size(), all,
                seconds, new java.util.TreeMap<>(statuses));
        new java.util.TreeMap<>(failures).forEach((what, count) -> System.out.printf("  no answer %,d times: %s%n",
                count.sum(), what));
        problems.forEach(problem -> System.out.println("  session problem: " + problem));
    }

    /** Times one staff session's requests into the shared tallies. */
    private record Recorder(HttpClient http, URI base, String token, Map<String, ConcurrentLinkedQueue<Long>> latencies,
            Map<Integer, LongAdder> statuses, Map<String, LongAdder> failures) {

        /**
         * Fetches {@code path}, records its time under {@code what} and its status (0 for no answer,
         * the reason tallied in failures), and answers the {@code Link rel="next"} target if any.
         */
        Optional<String> timed(String what, String path) {
            long start = System.nanoTime();
            int status;
            Optional<String> next = Optional.empty();
            try {
                HttpResponse<byte[]> answer = http.send(get(base, path, token),
                        HttpResponse.BodyHandlers.ofByteArray());
                status = answer.statusCode();
                next = answer.headers().firstValue("Link").map(NEXT::matcher).filter(Matcher::find)
                        .map(m -> m.group(1));
            } catch (IOException | RuntimeException e) {
                status = 0;
                failures.computeIfAbsent(what + ": " + e.getClass().getSimpleName(), k -> new LongAdder())
                        .increment();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return next;
            }
            latencies.computeIfAbsent(what, k -> new ConcurrentLinkedQueue<>()).add(System.nanoTime() - start);
            statuses.computeIfAbsent(status, k -> new LongAdder()).increment();
            return next;
        }
    }

    private static HttpRequest get(URI base, String path, String token) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET().build();
    }

    /**
     * Residents (200 a village), today's check-ins for two in three, an open alert for one in
     * twenty, written as the hub's own tables hold them; the sort and search keys and the
     * per-village counters are left for the hub to fill and build as it starts, as after an upgrade.
     */
    private static List<String> seed(Path database, int count) throws SQLException {
        Random random = new Random(19);
        List<String> villages = new ArrayList<>();
        long now = Instant.now().toEpochMilli();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database)) {
            connection.setAutoCommit(false);
            // Check-ins name a kiosk k-bench that is not registered: nothing the pages read joins kiosks,
            // and this connection, like any new SQLite connection, does not enforce foreign keys.
            try (PreparedStatement resident = connection.prepareStatement("INSERT INTO residents (id, village, name,"
                    + " type, tags, check_in_every_days, expect_since, active, created_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, '[]', 1, ?, 1, ?, ?)");
                    PreparedStatement checkIn = connection.prepareStatement("INSERT INTO check_ins (event_id,"
                            + " resident_id, kiosk_id, village, checked_in_at, occurred_at, received_at,"
                            + " clock_trusted) VALUES (?, ?, 'k-bench', ?, ?, ?, ?, 1)");
                    PreparedStatement alert = connection.prepareStatement("INSERT INTO check_in_alerts (resident_id,"
                            + " village, due_date, raised_at) VALUES (?, ?, ?, ?)")) {
                for (int i = 0; i < count; i++) {
                    if (i % PER_VILLAGE == 0) {
                        villages.add(villageName(villages.size()));
                    }
                    String village = villages.get(villages.size() - 1);
                    String id = String.format("r-b%07d", i);
                    String name = "" + SURNAMES.charAt(random.nextInt(SURNAMES.length()))
                            + GIVEN.charAt(random.nextInt(GIVEN.length())) + GIVEN.charAt(random.nextInt(GIVEN.length()));
                    resident.setString(1, id);
                    resident.setString(2, village);
                    resident.setString(3, name);
                    resident.setString(4, i % 5 == 0 ? "CHILD" : "ELDER");
                    resident.setLong(5, now - Duration.ofDays(30).toMillis());
                    resident.setLong(6, now);
                    resident.setLong(7, now);
                    resident.addBatch();
                    if (i % 3 != 0) {
                        long at = now - random.nextInt(3_600_000);
                        checkIn.setString(1, UUID.randomUUID().toString());
                        checkIn.setString(2, id);
                        checkIn.setString(3, village);
                        checkIn.setLong(4, at);
                        checkIn.setLong(5, at);
                        checkIn.setLong(6, at);
                        checkIn.addBatch();
                    } else if (i % 20 == 0) {
                        alert.setString(1, id);
                        alert.setString(2, village);
                        alert.setString(3, LocalDate.now().minusDays(3).toString());
                        alert.setLong(4, now - random.nextInt(86_400_000));
                        alert.addBatch();
                    }
                    if (i % 5_000 == 4_999) {
                        resident.executeBatch();
                        checkIn.executeBatch();
                        alert.executeBatch();
                    }
                }
                resident.executeBatch();
                checkIn.executeBatch();
                alert.executeBatch();
            }
            // The per-village counters are left for the hub to build as it starts, as after the
            // upgrade that added them: without a record of their build it builds them from the rows.
            try (PreparedStatement forget = connection.prepareStatement("DELETE FROM counts_built")) {
                forget.executeUpdate();
            }
            connection.commit();
        }
        return villages;
    }

    /** 第1村, 第2村 …: unique village names, as many as the county needs. */
    private static String villageName(int number) {
        return "第" + (number + 1) + "村";
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
