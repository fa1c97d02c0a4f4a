package org.courtyard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bad requests against every route of a real hub jar. The routes come from the hub's own route table
 * ({@code --print-routes}), so a route added to the hub is fuzzed without editing this harness. For
 * each route and method it sends: no, bogus and wrong-role credentials; bad ids in every path
 * parameter (encoded slashes and dot segments, CR/LF, NUL, broken UTF-8, huge numbers, 3,000
 * characters); malformed JSON, JSON of the wrong types, control, direction-override and lone
 * surrogate characters, a 3 MB body, 100,000 levels of nesting, empty bodies and the wrong content
 * type; query strings of nonsense; and methods no route has. Every answer must come within
 * {@link #TIMEOUT}, be below 500, and, when it is an error, be JSON {@code {"error":{"code","message"}}}.
 * A connection the hub closes without an answer is counted and listed apart: the client may have
 * reused a connection the hub was closing, or the hub answered before reading a large body.
 *
 * <p>Run: {@code ./courtyard bench fuzz [N]}: N requests (default: every generated case once; a
 * smaller N takes a seeded random sample). Prints requests sent, answers by status and every
 * failure; exits 1 on any failure.
 */
public final class FuzzBenchmark {

    static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final Pattern PARAMETER = Pattern.compile("\\{[^/}]+}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One route of the hub's table. */
    record Route(String method, String pattern, String access) {

        boolean hasBody() {
            return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
        }
    }

    /** One request to send: {@code auth} is the whole Authorization header, or null for none. */
    record Case(Route route, String kind, String method, String path, String auth, String contentType, byte[] body) {

        @Override
        public String toString() {
            String shown = path.length() > 120 ? path.substring(0, 120) + "…" : path;
            return kind + ": " + method + " " + shown + (body == null ? "" : " (" + body.length + " bytes "
                    + contentType + ")");
        }
    }

    /**
     * The credentials of the run. Cases name them by placeholder; before each route's cases the
     * harness logs in anew and makes a new kiosk, since a case may have logged the session out or
     * revoked the kiosk.
     */
    record Credentials(String admin, String kiosk, String kioskId) {

        static final Credentials PLACEHOLDERS = new Credentials("@admin", "@kiosk", "@kioskId");

        static Credentials fresh(HubApi api, int number) throws IOException, InterruptedException {
            api.login("admin", Courtyard.ADMIN_PASSWORD);
            JsonNode kiosk = api.createKiosk("试验小院" + number, "试验村");
            return new Credentials(api.token(), kiosk.get("token").asText(), kiosk.get("id").asText());
        }

        String resolve(String text) {
            return text == null ? null : text.replace(PLACEHOLDERS.admin, admin).replace(PLACEHOLDERS.kioskId, kioskId)
                    .replace(PLACEHOLDERS.kiosk, kiosk);
        }
    }

    private FuzzBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int wanted = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        Path data = Files.createTempDirectory("courtyard-fuzz").resolve("hub");
        JavaProcess hub = Courtyard.hub(data, List.of("--print-routes"), Courtyard.NO_CONNECTION_CAP);
        try {
            HubApi admin = Courtyard.api(hub).login("admin", Courtyard.ADMIN_PASSWORD);
            List<Route> routes = routes(hub);
            List<Case> cases = new ArrayList<>();
            for (Route route : routes) {
                cases.addAll(cases(route, Credentials.PLACEHOLDERS));
            }
            int generated = cases.size();
            if (wanted > 0 && wanted < cases.size()) {
                List<Case> all = cases;
                List<Case> sample = new ArrayList<>(all);
                Collections.shuffle(sample, new Random(13));
                cases = new ArrayList<>(sample.subList(0, wanted));
                cases.sort(java.util.Comparator.comparingInt(all::indexOf)); // a route's cases together
            }
            System.out.printf("fuzz: %d routes from the hub's route table, %d cases generated, sending %d%n",
                    routes.size(), generated, cases.size());
            Result result = send(admin, cases);
            System.out.printf("fuzz: %d requests sent in %.1f s; answers by status (0: none in time, -1: closed"
                    + " without an answer): %s%n", cases.size(),
                    result.nanos / 1e9, result.byStatus);
            System.out.printf("fuzz: %d failures (5xx, hang over %d s, or an error that is not JSON)%n",
                    result.failures.size(), TIMEOUT.toSeconds());
            System.out.printf("fuzz: %d connections closed without an answer (not counted as failures)%n",
                    result.closed.size());
            result.closed.forEach(request -> System.out.println("closed: " + request));
            Map<String, List<String>> grouped = new TreeMap<>();
            for (String[] failure : result.failures) {
                grouped.computeIfAbsent(failure[0], key -> new ArrayList<>()).add(failure[1]);
            }
            grouped.forEach((what, examples) -> System.out.println("FAIL " + what + ": " + examples.size() + "×, e.g. "
                    + examples.get(0)));
            if (!result.failures.isEmpty()) {
                hub.output().lines().filter(line -> line.contains(" ERROR ") || line.startsWith("Caused by"))
                        .limit(30).forEach(line -> System.out.println("hub: " + line));
                hub.close();
                System.exit(1);
            }
        } finally {
            hub.close();
        }
    }

    /** The route table the hub printed before its {@code listening on} line. */
    static List<Route> routes(JavaProcess hub) {
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < hub.lineCount(); i++) {
            String line = hub.line(i);
            if (line.startsWith("route ")) {
                String[] words = line.substring("route ".length()).trim().split(" ");
                routes.add(new Route(words[0], words[1], words[2]));
            }
        }
        if (routes.isEmpty()) {
            throw new IllegalStateException("the hub printed no route table; does it take --print-routes?");
        }
        return routes;
    }

    static final List<String> BAD_IDS = List.of("x", "0", "-1", "99999999999999999999999", "%2F..%2Fhub.db",
            "a%2Fb", "..%2F..", "%2e%2e", "%0D%0ASet-Cookie:%20a=b", "%00", "%E4%BD", "%F0%9F%98%80", "%C0%AF",
            "x".repeat(3000), "%20", "%22%3E%3Cscript%3E");

    static final List<String> BAD_QUERIES = List.of(
            "?limit=-1&offset=abc&from=2020-13-45&to=x&since=99999999999999999999&village=%00&q=%0D%0A",
            "?cursor=%FF%FE&status=NOPE&page=1e999&size=0&until=-&role=GOD&id=%2F..%2F&date=yesterday",
            "?" + "a=1&".repeat(500));

    /** Bodies: kind, content type, bytes. */
    static List<Object[]> badBodies() {
        String wrongTypes = "{\"name\":1,\"username\":[],\"password\":{},\"village\":true,\"id\":null,\"status\":7,"
                + "\"note\":[1],\"events\":\"x\",\"cursor\":9,\"kioskId\":false,\"residentId\":{},\"title\":[],"
                + "\"text\":1,\"startsAt\":\"yesterday\",\"endsAt\":-1,\"role\":\"GOD\",\"active\":\"yes\","
                + "\"version\":\"1\",\"to\":3,\"assignee\":[],\"targets\":\"all\",\"phone\":1,\"category\":{}}";
        String controls = "{\"name\":\"a\\u0001b\",\"username\":\"\\ud800\",\"note\":\"\\u202e反\",\"title\":\"\\u0000\","
                + "\"text\":\"\\u001b[2J\",\"village\":\"\\udfff\",\"phone\":\"\\u2066\"}";
        List<Object[]> bodies = new ArrayList<>();
        String json = "application/json";
        bodies.add(new Object[] {"malformed JSON", json, bytes("{")});
        bodies.add(new Object[] {"malformed JSON", json, bytes("{\"a\":")});
        bodies.add(new Object[] {"malformed JSON", json, bytes("[1,2")});
        bodies.add(new Object[] {"malformed JSON", json, bytes("{}garbage")});
        bodies.add(new Object[] {"malformed JSON", json, bytes("{\"a\":1}{\"b\":2}")});
        bodies.add(new Object[] {"malformed JSON", json, new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'}});
        bodies.add(new Object[] {"malformed JSON", json, bytes("{\"a\":1,\"a\":2}")});
        bodies.add(new Object[] {"wrong types", json, bytes("[]")});
        bodies.add(new Object[] {"wrong types", json, bytes("null")});
        bodies.add(new Object[] {"wrong types", json, bytes("42")});
        bodies.add(new Object[] {"wrong types", json, bytes("\"text\"")});
        bodies.add(new Object[] {"wrong types", json, bytes(wrongTypes)});
        bodies.add(new Object[] {"wrong types", json, bytes("{\"limit\":1e999,\"count\":-9223372036854775809,"
                + "\"version\":1.5,\"revision\":-1}")});
        bodies.add(new Object[] {"control characters", json, bytes(controls)});
        bodies.add(new Object[] {"huge body", json, bytes("{\"name\":\"" + "话".repeat(1_000_000) + "\"}")});
        bodies.add(new Object[] {"deep nesting", json, bytes("[".repeat(100_000) + "]".repeat(100_000))});
        bodies.add(new Object[] {"empty body", json, new byte[0]});
        bodies.add(new Object[] {"empty body", null, new byte[0]});
        bodies.add(new Object[] {"wrong content type", "text/plain", bytes("{}")});
        bodies.add(new Object[] {"wrong content type", "application/x-www-form-urlencoded", bytes("a=b&c=%00")});
        bodies.add(new Object[] {"wrong content type", "multipart/form-data; boundary=x", bytes("--x\r\n\r\n--x--")});
        bodies.add(new Object[] {"wrong content type", "audio/wav", bytes("RIFF\u00ff\u00ff\u00ff\u007fWAVEdata")});
        return bodies;
    }

    /** Every case for one route. */
    static List<Case> cases(Route route, Credentials credentials) {
        List<Case> cases = new ArrayList<>();
        String right = switch (route.access()) {
            case "KIOSK" -> "Bearer " + credentials.kiosk();
            case "PUBLIC", "FAMILY" -> null;
            default -> "Bearer " + credentials.admin();
        };
        String wrongRole = switch (route.access()) {
            case "KIOSK", "FAMILY" -> "Bearer " + credentials.admin();
            case "PUBLIC", "STAFF_OR_KIOSK" -> null;
            default -> "Bearer " + credentials.kiosk();
        };
        String path = fill(route.pattern(), "x");
        byte[] emptyObject = route.hasBody() ? bytes("{}") : null;
        String objectType = route.hasBody() ? "application/json" : null;
        // Credentials.
        cases.add(new Case(route, "no credentials", route.method(), path, null, objectType, emptyObject));
        cases.add(new Case(route, "bogus token", route.method(), path, "Bearer not-a-token", objectType, emptyObject));
        cases.add(new Case(route, "bogus token", route.method(), path, "Basic YWRtaW46YWRtaW4=", objectType, emptyObject));
        cases.add(new Case(route, "bogus token", route.method(), path, "Bearer " + credentials.admin() + "x", objectType,
                emptyObject));
        if (wrongRole != null) {
            cases.add(new Case(route, "wrong role", route.method(), path, wrongRole, objectType, emptyObject));
        }
        // Methods no route has on this path, and a query of nonsense.
        cases.add(new Case(route, "other method", "TRACE", path, right, null, null));
        cases.add(new Case(route, "other method", "OPTIONS", path, right, null, null));
        for (String query : BAD_QUERIES) {
            cases.add(new Case(route, "bad query", route.method(), path + query, right, objectType, emptyObject));
        }
        // Bad ids in each path parameter, the others plausible.
        Matcher parameters = PARAMETER.matcher(route.pattern());
        int count = 0;
        while (parameters.find()) {
            count++;
        }
        for (int which = 0; which < count; which++) {
            for (String id : BAD_IDS) {
                cases.add(new Case(route, "bad id", route.method(), fillOne(route.pattern(), which, id, credentials.kioskId()),
                        right, objectType, emptyObject));
            }
        }
        // Bad bodies, with the ids bogus and with an id that exists (this kiosk's).
        if (route.hasBody()) {
            List<String> paths = count == 0 ? List.of(path) : List.of(path, fill(route.pattern(), credentials.kioskId()));
            for (String target : paths) {
                for (Object[] body : badBodies()) {
                    cases.add(new Case(route, (String) body[0], route.method(), target, right, (String) body[1],
                            (byte[]) body[2]));
                }
            }
        }
        return cases;
    }

    private static String fill(String pattern, String value) {
        return PARAMETER.matcher(pattern).replaceAll(Matcher.quoteReplacement(value));
    }

    private static String fillOne(String pattern, int which, String bad, String plausible) {
        Matcher matcher = PARAMETER.matcher(pattern);
        StringBuilder out = new StringBuilder();
        int index = 0;
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(index++ == which ? bad : plausible));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** What the run saw. */
    /** {@code failures}: what failed (route, kind, outcome) and the request that showed it. */
    record Result(Map<Integer, Integer> byStatus, List<String[]> failures, List<String> closed, long nanos) {
    }

    static Result send(HubApi admin, List<Case> cases) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        List<String[]> failures = new ArrayList<>();
        List<String> closed = new ArrayList<>();
        URI base = admin.base();
        long start = System.nanoTime();
        Route current = null;
        int routesSeen = 0;
        Credentials credentials = null;
        for (Case c : cases) {
            if (!c.route().equals(current)) {
                current = c.route();
                credentials = Credentials.fresh(admin, ++routesSeen);
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(credentials.resolve(c.path())))
                    .timeout(TIMEOUT)
                    .method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(c.body()));
            if (c.auth() != null) {
                request.header("Authorization", credentials.resolve(c.auth()));
            }
            if (c.contentType() != null) {
                request.header("Content-Type", c.contentType());
            }
            try {
                HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                int status = response.statusCode();
                byStatus.merge(status, 1, Integer::sum);
                String body;
                try (InputStream in = response.body()) {
                    body = status >= 400 ? new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8) : "";
                }
                if (status >= 500) {
                    failures.add(failure(c, status + "", c + " -> " + shorten(body)));
                } else if (status >= 400 && !c.method().equals("HEAD") && !isJsonError(response, body)) {
                    failures.add(failure(c, status + " not a JSON error", c + " -> "
                            + response.headers().firstValue("Content-Type").orElse("no Content-Type") + " "
                            + shorten(body)));
                }
            } catch (HttpTimeoutException e) {
                byStatus.merge(0, 1, Integer::sum);
                failures.add(failure(c, "no answer within " + TIMEOUT.toSeconds() + " s", c.toString()));
            } catch (IOException e) {
                // The hub closed the connection without an answer (it answered an error before reading a
                // large body, or closed a connection the client was about to reuse): counted and
                // listed, not a failure.
                byStatus.merge(-1, 1, Integer::sum);
                closed.add(c + " -> " + e.getMessage());
            }
        }
        return new Result(byStatus, failures, closed, System.nanoTime() - start);
    }

    private static String[] failure(Case c, String outcome, String example) {
        return new String[] {c.route().method() + " " + c.route().pattern() + " [" + c.kind() + "] " + outcome, example};
    }

    private static boolean isJsonError(HttpResponse<?> response, String body) {
        if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            return false;
        }
        try {
            JsonNode error = JSON.readTree(body).path("error");
            return error.path("code").isTextual() && error.path("message").isTextual();
        } catch (IOException e) {
            return false;
        }
    }

    private static String shorten(String body) {
        String line = body.replace('\n', ' ');
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
