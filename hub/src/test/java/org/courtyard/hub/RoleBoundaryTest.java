package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.courtyard.protocol.ProtocolJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may call what: every route of the hub against every kind of caller, as a table. A kiosk
 * token does kiosk things only; a cadre only their village's things; staff no administration.
 *
 * <p>Calls that are allowed use requests that change nothing or fail after the role check (a
 * transition to NEW is 409 for whoever may transition), so one hub serves the whole table.
 * A feature that adds a route adds its row here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleBoundaryTest {

    /** The callers, in the order of each row's expected statuses. */
    enum Caller { ANONYMOUS, KIOSK, CADRE_OWN_VILLAGE, CADRE_OTHER_VILLAGE, STAFF, ADMIN }

    /** One route and what each caller gets, in {@link Caller} order. */
    record Row(String method, String path, Object body, int... expected) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    TestHub hub;
    TestHub.Kiosk ownKiosk;
    TestHub.Kiosk otherKiosk;
    UUID ownHelp;
    UUID otherHelp;
    final Map<Caller, String> tokens = new LinkedHashMap<>();

    @BeforeAll
    void start(@TempDir Path dir) {
        hub = new TestHub(dir);
        ownKiosk = hub.kiosk("大村活动室", "大村");
        otherKiosk = hub.kiosk("小村活动室", "小村");
        ownHelp = UUID.randomUUID();
        otherHelp = UUID.randomUUID();
        hub.sync(ownKiosk, null, TestHub.helpRequested(ownHelp, TestHub.START));
        hub.sync(otherKiosk, null, TestHub.helpRequested(otherHelp, TestHub.START));
        tokens.put(Caller.ANONYMOUS, null);
        tokens.put(Caller.KIOSK, ownKiosk.token());
        tokens.put(Caller.CADRE_OWN_VILLAGE, hub.user("li", "CADRE", "大村"));
        tokens.put(Caller.CADRE_OTHER_VILLAGE, hub.user("zhao", "CADRE", "小村"));
        tokens.put(Caller.STAFF, hub.user("wang", "STAFF", null));
        tokens.put(Caller.ADMIN, hub.adminToken);
    }

    @AfterAll
    void stop() {
        hub.close();
    }

    Stream<Row> routes() {
        Map<String, Object> transition = Map.of("to", "NEW");
        return Stream.of(
                //                                                           anon kiosk own  other staff admin
                new Row("GET", "/healthz", null, 200, 200, 200, 200, 200, 200),
                new Row("GET", "/api/v1/me", null, 401, 403, 200, 200, 200, 200),
                new Row("GET", "/api/v1/users", null, 401, 403, 403, 403, 403, 200),
                new Row("POST", "/api/v1/users", Map.of("username", "new-user", "password", "long-enough",
                        "role", "STAFF"), 401, 403, 403, 403, 403, 201),
                new Row("POST", "/api/v1/users/wang/unlock", Map.of(), 401, 403, 403, 403, 403, 204),
                new Row("GET", "/api/v1/audit", null, 401, 403, 403, 403, 403, 200),
                new Row("GET", "/api/v1/audit/actions", null, 401, 403, 403, 403, 403, 200),
                new Row("POST", "/api/v1/kiosks", Map.of("name", "新活动室", "village", "大村"),
                        401, 403, 403, 403, 403, 201),
                new Row("GET", "/api/v1/kiosks", null, 401, 403, 200, 200, 200, 200),
                new Row("GET", "/api/v1/kiosks?village=大村", null, 401, 403, 200, 403, 200, 200),
                new Row("GET", "/api/v1/kiosks/" + ownKiosk.id(), null, 401, 403, 200, 403, 200, 200),
                new Row("POST", "/api/v1/sync", TestHub.syncBody(ownKiosk, null), 401, 200, 403, 403, 403, 403),
                new Row("GET", "/api/v1/help-requests", null, 401, 403, 200, 200, 200, 200),
                new Row("GET", "/api/v1/help-requests?village=大村", null, 401, 403, 200, 403, 200, 200),
                new Row("GET", "/api/v1/help-requests/" + ownHelp, null, 401, 403, 200, 403, 200, 200),
                new Row("POST", "/api/v1/help-requests/" + ownHelp + "/transitions", transition,
                        401, 403, 409, 403, 409, 409),
                new Row("GET", "/api/v1/stream", null, 401, 403, 200, 200, 200, 200),
                new Row("GET", "/api/v1/villages", null, 401, 403, 200, 200, 200, 200),
                new Row("PUT", "/api/v1/villages/大村", Map.of("dutyPhone", "0871-6512345"),
                        401, 403, 403, 403, 200, 200),
                new Row("GET", "/api/v1/webhooks", null, 401, 403, 403, 403, 200, 200),
                // No receiver is configured here: 404 once the role check let the caller through.
                new Row("POST", "/api/v1/webhooks/1/test", Map.of(), 401, 403, 403, 403, 404, 404));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void each_caller_gets_what_its_role_allows(Row row) throws Exception {
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        Caller[] callers = Caller.values();
        for (int i = 0; i < callers.length; i++) {
            expected.add(callers[i] + "=" + row.expected()[i]);
            actual.add(callers[i] + "=" + status(row, tokens.get(callers[i])));
        }

        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void a_kiosk_cannot_sync_as_another_kiosk() {
        TestHub.Answer answer = hub.post("/api/v1/sync", ownKiosk.token(), TestHub.syncBody(otherKiosk, null));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.errorMessage()).contains("kioskId");
    }

    @Test
    void a_cadre_lists_only_their_villages_requests_and_kiosks() {
        String cadre = tokens.get(Caller.CADRE_OWN_VILLAGE);

        List<String> help = new ArrayList<>();
        hub.get("/api/v1/help-requests", cadre).json().forEach(item -> help.add(item.get("id").asText()));
        List<String> villages = new ArrayList<>();
        hub.get("/api/v1/kiosks", cadre).json().forEach(item -> villages.add(item.get("village").asText()));
        List<String> byKiosk = new ArrayList<>();
        hub.get("/api/v1/help-requests?kioskId=" + otherKiosk.id(), cadre).json()
                .forEach(item -> byKiosk.add(item.get("id").asText()));

        assertThat(help).containsExactly(ownHelp.toString());
        assertThat(villages).isNotEmpty().containsOnly("大村");
        assertThat(byKiosk).isEmpty();
    }

    @Test
    void a_cadre_cannot_move_another_villages_request() {
        TestHub.Answer answer = hub.transition(tokens.get(Caller.CADRE_OTHER_VILLAGE), ownHelp, "ACKNOWLEDGED", null);

        assertThat(answer.status()).isEqualTo(403);
        assertThat(hub.column("SELECT status FROM help_requests WHERE id = '" + ownHelp + "'")).containsExactly("NEW");
    }

    @Test
    void logout_needs_a_staff_session() {
        assertThat(hub.post("/api/v1/logout", null, Map.of()).status()).isEqualTo(401);
        assertThat(hub.post("/api/v1/logout", ownKiosk.token(), Map.of()).status()).isEqualTo(403);
        String fresh = hub.login("wang", "password-wang");
        assertThat(hub.post("/api/v1/logout", fresh, Map.of()).status()).isEqualTo(204);
        assertThat(hub.get("/api/v1/me", tokens.get(Caller.STAFF)).status()).as("other sessions stay").isEqualTo(200);
    }

    private int status(Row row, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(hub.uri(row.path())).timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (row.body() == null) {
            request.method(row.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(row.method(),
                    HttpRequest.BodyPublishers.ofString(ProtocolJson.write(row.body()), StandardCharsets.UTF_8));
        }
        // An event stream never ends: read the status and hang up.
        HttpResponse<InputStream> response = hub.http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            return response.statusCode();
        }
    }
}
