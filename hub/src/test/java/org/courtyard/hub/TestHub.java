package org.courtyard.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.courtyard.protocol.ProtocolJson;

/** A real hub on port 0 with its database in a temp folder, and a small HTTP client for it. */
final class TestHub implements AutoCloseable {

    static final String ADMIN_PASSWORD = "admin-secret-1";
    static final Instant START = Instant.parse("2026-11-29T10:00:00Z");

    /** An HTTP answer with its body parsed as JSON when it is JSON. */
    record Answer(int status, String body, java.net.http.HttpHeaders headers) {
        JsonNode json() {
            try {
                return ProtocolJson.mapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String errorMessage() {
            return json().path("error").path("message").asText();
        }

        /** The {@code rel="next"} address of a paged list's {@code Link} header, empty on the last page. */
        java.util.Optional<String> next() {
            return headers.firstValue("Link").map(NEXT_LINK::matcher).filter(java.util.regex.Matcher::find)
                    .map(m -> m.group(1));
        }
    }

    private static final java.util.regex.Pattern NEXT_LINK = java.util.regex.Pattern.compile("<([^>]*)>; rel=\"next\"");

    /**
     * Asserts that a paged list refuses a {@code limit} outside 1 to {@code max} and a cursor it did not
     * make with a 400 naming the parameter, and takes {@code limit=max}.
     */
    void assertPagingBounds(String path, String token, int max) {
        String join = path.contains("?") ? "&" : "?";
        for (String bad : List.of("0", String.valueOf(max + 1), "ten", "-1")) {
            Answer answer = get(path + join + "limit=" + bad, token);
            org.assertj.core.api.Assertions.assertThat(answer.status()).as("limit=" + bad).isEqualTo(400);
            org.assertj.core.api.Assertions.assertThat(answer.json().get("error").get("code").asText())
                    .isEqualTo("invalid_field");
            org.assertj.core.api.Assertions.assertThat(answer.errorMessage()).contains("'limit'", "1 to " + max);
        }
        for (String bad : List.of("nonsense", "MTox", "%E2%9C%93", "MTp4MTp5")) {
            Answer answer = get(path + join + "cursor=" + bad, token);
            org.assertj.core.api.Assertions.assertThat(answer.status()).as("cursor=" + bad).isEqualTo(400);
            org.assertj.core.api.Assertions.assertThat(answer.errorMessage()).contains("'cursor'", "Link header");
        }
        org.assertj.core.api.Assertions.assertThat(get(path + join + "limit=" + max, token).status()).isEqualTo(200);
    }

    /** A registered kiosk. */
    record Kiosk(String id, String token, String village) {
    }

    final MutableClock clock;
    final Path dataDir;
    final Hub hub;
    final HttpClient http;
    final String adminToken;

    TestHub(Path dataDir) {
        this(dataDir, UnaryOperator.identity());
    }

    TestHub(Path dataDir, UnaryOperator<HubConfig.Builder> tweak) {
        this(dataDir, tweak, HttpClient.newHttpClient());
    }

    /**
     * With {@code clock} as the hub's clock, one the test made before the hub: to share it with a
     * fake outside system, or to go on with it after a restart.
     */
    TestHub(Path dataDir, MutableClock clock, UnaryOperator<HubConfig.Builder> tweak) {
        this(dataDir, clock, tweak, HttpClient.newHttpClient());
    }

    /** With {@code http} as the client, say one that trusts a test CA for a hub serving HTTPS. */
    TestHub(Path dataDir, UnaryOperator<HubConfig.Builder> tweak, HttpClient http) {
        this(dataDir, new MutableClock(START), tweak, http);
    }

    private TestHub(Path dataDir, MutableClock clock, UnaryOperator<HubConfig.Builder> tweak, HttpClient http) {
        this.clock = clock;
        this.dataDir = dataDir;
        this.http = http;
        HubConfig config = tweak.apply(HubConfig.builder(dataDir).port(0).clock(clock).adminPassword(ADMIN_PASSWORD))
                .build();
        this.hub = Hub.create(config).start();
        this.adminToken = login("admin", ADMIN_PASSWORD);
    }

    URI uri(String path) {
        return hub.uri().resolve(path);
    }

    String login(String username, String password) {
        Answer answer = post("/api/v1/login", null, Map.of("username", username, "password", password));
        if (answer.status() != 200) {
            throw new AssertionError("login of " + username + " failed: " + answer);
        }
        return answer.json().get("token").asText();
    }

    /** Creates a user (see {@link #addUser}), logs them in and returns their token. */
    String user(String username, String role, String village) {
        addUser(username, role, village, null);
        return login(username, "password-" + username);
    }

    /**
     * Creates a user whose password is {@code "password-" + username}, without logging them in: no
     * session, no login in the audit log. {@code village} is for cadres; {@code displayName} may be null.
     */
    void addUser(String username, String role, String village, String displayName) {
        ObjectNode body = ProtocolJson.mapper().createObjectNode()
                .put("username", username).put("password", "password-" + username).put("role", role);
        body.put("village", village);
        if (displayName != null) {
            body.put("displayName", displayName);
        }
        Answer answer = post("/api/v1/users", adminToken, body);
        if (answer.status() != 201) {
            throw new AssertionError("creating " + username + " failed: " + answer);
        }
    }

    Kiosk kiosk(String name, String village) {
        Answer answer = post("/api/v1/kiosks", adminToken, Map.of("name", name, "village", village));
        if (answer.status() != 201) {
            throw new AssertionError("creating kiosk failed: " + answer);
        }
        return new Kiosk(answer.json().get("id").asText(), answer.json().get("token").asText(), village);
    }

    /** Registers a resident as admin, checking in daily; returns their id. */
    String resident(String name, String village, String type) {
        Answer answer = post("/api/v1/residents", adminToken, Map.of("name", name, "village", village, "type", type,
                "checkInEveryDays", 1));
        if (answer.status() != 201) {
            throw new AssertionError("creating resident " + name + " failed: " + answer);
        }
        return answer.json().get("id").asText();
    }

    /** Registers a cadre as admin with a kiosk PIN; returns their id. */
    String cadre(String name, String village, String phone, String pin) {
        ObjectNode body = ProtocolJson.mapper().createObjectNode().put("name", name).put("village", village)
                .put("phone", phone).put("pin", pin);
        Answer answer = post("/api/v1/cadres", adminToken, body);
        if (answer.status() != 201) {
            throw new AssertionError("creating cadre " + name + " failed: " + answer);
        }
        return answer.json().get("id").asText();
    }

    Answer send(String method, String path, String token, Object body) {
        String json = body instanceof String text ? text : ProtocolJson.write(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    Answer delete(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).DELETE();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    Answer get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    Answer post(String path, String token, Object body) {
        return send(postRequest(path, token, body));
    }

    Answer postRaw(String path, String token, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    HttpRequest postRequest(String path, String token, Object body) {
        String json = body instanceof String text ? text : ProtocolJson.write(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new AssertionError("request to " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    CompletableFuture<Answer> sendAsync(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenApply(response -> new Answer(response.statusCode(), response.body(), response.headers()));
    }

    /** {@code POST /api/v1/sync} for {@code kiosk} with these events. */
    Answer sync(Kiosk kiosk, String cursor, JsonNode... events) {
        return post("/api/v1/sync", kiosk.token(), syncBody(kiosk, cursor, events));
    }

    static ObjectNode syncBody(Kiosk kiosk, String cursor, JsonNode... events) {
        ObjectNode body = ProtocolJson.mapper().createObjectNode();
        body.put("protocol", 1).put("kioskId", kiosk.id()).put("cursor", cursor);
        ArrayNode array = body.putArray("events");
        for (JsonNode event : events) {
            array.add(event);
        }
        return body;
    }

    static ObjectNode event(UUID id, String type, Instant occurredAt, boolean clockTrusted, Map<String, ?> payload) {
        ObjectNode event = ProtocolJson.mapper().createObjectNode();
        event.put("id", id.toString()).put("type", type).put("occurredAt", occurredAt.toString())
                .put("clockTrusted", clockTrusted);
        event.set("payload", ProtocolJson.mapper().valueToTree(payload));
        return event;
    }

    static ObjectNode helpRequested(UUID id, Instant occurredAt) {
        return event(id, "HELP_REQUESTED", occurredAt, true, Map.of("source", "BUTTON", "category", "MEDICAL"));
    }

    static ObjectNode helpCancelled(UUID requestId) {
        return event(UUID.randomUUID(), "HELP_CANCELLED", START, true, Map.of("requestId", requestId.toString()));
    }

    static ObjectNode helpDetails(UUID requestId, String category) {
        return event(UUID.randomUUID(), "HELP_DETAILS", START, true,
                Map.of("requestId", requestId.toString(), "category", category));
    }

    static ObjectNode heartbeat() {
        return event(UUID.randomUUID(), "HEARTBEAT", START, true,
                Map.of("version", "0.1.0", "uptimeSeconds", 60, "outbox", 0, "voice", "ok", "speaker", "ok"));
    }

    static ObjectNode checkedIn(String residentId) {
        return event(UUID.randomUUID(), "CHECKED_IN", START, true, Map.of("residentId", residentId));
    }

    static ObjectNode checkedIn(String residentId, Instant occurredAt, boolean clockTrusted) {
        return event(UUID.randomUUID(), "CHECKED_IN", occurredAt, clockTrusted, Map.of("residentId", residentId));
    }

    static ObjectNode visited(String cadre, String residentId, String note) {
        java.util.HashMap<String, Object> payload = new java.util.HashMap<>();
        payload.put("cadre", cadre);
        payload.put("residentId", residentId);
        payload.put("note", note);
        return event(UUID.randomUUID(), "VISIT_CHECKED_IN", START, true, payload);
    }

    Answer transition(String token, UUID id, String to, String assignee) {
        ObjectNode body = ProtocolJson.mapper().createObjectNode().put("to", to).put("note", "note for " + to);
        if (assignee != null) {
            body.put("assignee", assignee);
        }
        return post("/api/v1/help-requests/" + id + "/transitions", token, body);
    }

    /** Runs {@code sql} on the hub's database file and returns the first column of every row. */
    List<String> column(String sql) {
        return column(dataDir, sql);
    }

    static List<String> column(Path dataDir, String sql) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(Hub.DATABASE_FILE));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            java.util.ArrayList<String> out = new java.util.ArrayList<>();
            while (rows.next()) {
                out.add(rows.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new AssertionError("query failed: " + sql, e);
        }
    }

    /** The detail column of EXPLAIN QUERY PLAN of {@code sql}, one line per step, its parameters unbound. */
    static List<String> queryPlan(Path dataDir, String sql) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(Hub.DATABASE_FILE));
                java.sql.PreparedStatement statement = connection.prepareStatement("EXPLAIN QUERY PLAN " + sql);
                ResultSet rows = statement.executeQuery()) {
            java.util.ArrayList<String> out = new java.util.ArrayList<>();
            while (rows.next()) {
                out.add(rows.getString("detail"));
            }
            return out;
        } catch (SQLException e) {
            throw new AssertionError("no plan for: " + sql, e);
        }
    }

    JsonNode json(String text) {
        try {
            return ProtocolJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    static Duration seconds(long seconds) {
        return Duration.ofSeconds(seconds);
    }

    @Override
    public void close() {
        hub.close();
    }
}
