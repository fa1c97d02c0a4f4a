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
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
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
 * The table is checked against the router's own route table, so a route added without a row here
 * (or with another access level than its row says) fails {@link #every_route_has_a_row_with_its_access}.
 *
 * <p>Calls that are allowed use requests that change nothing or fail after the access check (a
 * body missing its fields is 400, a transition to NEW is 409 for whoever may transition, an
 * unknown id 404), so one hub serves the whole table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleBoundaryTest {

    /** The callers, in the order of each row's expected statuses. */
    enum Caller { ANONYMOUS, KIOSK, CADRE_OWN_VILLAGE, CADRE_OTHER_VILLAGE, STAFF, ADMIN }

    /** A body that is not JSON. */
    record Raw(String contentType, String text) {
    }

    /**
     * One route: its method and pattern as the router has them, the access it is declared with,
     * the request made (path and body) and what each caller gets, in {@link Caller} order.
     */
    record Row(String method, String pattern, String access, String path, Object body, int... expected) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    TestHub hub;
    TestHub.Kiosk ownKiosk;
    TestHub.Kiosk otherKiosk;
    TestHub.Kiosk spareKiosk;
    UUID ownHelp;
    String resident;
    String cadre;
    String announcement;
    final Map<Caller, String> tokens = new LinkedHashMap<>();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        hub = new TestHub(dir);
        ownKiosk = hub.kiosk("大村活动室", "大村");
        otherKiosk = hub.kiosk("小村活动室", "小村");
        spareKiosk = hub.kiosk("小村旧设备", "小村");
        ownHelp = UUID.randomUUID();
        hub.sync(ownKiosk, null, TestHub.helpRequested(ownHelp, TestHub.START));
        hub.sync(otherKiosk, null, TestHub.helpRequested(UUID.randomUUID(), TestHub.START));
        resident = hub.resident("王秀英", "大村", "ELDER");
        HttpRequest photo = HttpRequest.newBuilder(hub.uri("/api/v1/residents/" + resident + "/photo"))
                .header("Authorization", "Bearer " + hub.adminToken).header("Content-Type", "image/png")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(ResidentsTest.picture(60, 60, "png"))).build();
        assertThat(hub.send(photo).status()).isEqualTo(200);
        cadre = hub.cadre("李建华", "大村", "13812345678", "2468");
        announcement = hub.post("/api/v1/announcements", hub.adminToken,
                Announce.draft("通知", "{\"villages\":[\"大村\"]}")).json().get("id").asText();
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
        Map<String, Object> empty = Map.of();
        Map<String, Object> transition = Map.of("to", "NEW");
        String res = "/api/v1/residents/" + resident;
        String ann = "/api/v1/announcements/" + announcement;
        String help = "/api/v1/help-requests/" + ownHelp;
        String nobody = "r-nobody00";
        String round = "/api/v1/survey-rounds/s-nothere";
        String month = "?from=2026-11-01&to=2026-11-30";
        Map<String, Object> term = Map.of("name", "2027年春季学期", "startsOn", "2027-02-24", "endsOn", "2027-07-09");
        Map<String, Object> organisation = Map.of("name", "县民政局", "kind", "DEPARTMENT", "level", "COUNTY");
        return Stream.of(
                //                                                                 anon kiosk own other staff admin
                new Row("GET", "/healthz", "PUBLIC", "/healthz", null, 200, 200, 200, 200, 200, 200),
                new Row("POST", "/api/v1/login", "PUBLIC", "/api/v1/login", empty, 400, 400, 400, 400, 400, 400),
                new Row("POST", "/api/v1/enrol", "PUBLIC", "/api/v1/enrol", empty, 400, 400, 400, 400, 400, 400),
                // A logout ends the session it is made with: each caller logs out a session of its own.
                new Row("POST", "/api/v1/logout", "STAFF", "/api/v1/logout", empty, 401, 403, 204, 204, 204, 204),
                new Row("GET", "/api/v1/me", "STAFF", "/api/v1/me", null, 401, 403, 200, 200, 200, 200),
                new Row("GET", "/api/v1/users", "ADMIN", "/api/v1/users", null, 401, 403, 403, 403, 403, 200),
                new Row("POST", "/api/v1/users", "ADMIN", "/api/v1/users", Map.of("username", "new-user",
                        "password", "long-enough", "role", "STAFF"), 401, 403, 403, 403, 403, 201),
                new Row("POST", "/api/v1/users/{username}/unlock", "ADMIN", "/api/v1/users/wang/unlock", empty,
                        401, 403, 403, 403, 403, 204),
                // A name nobody has: revoking a real user's sessions would log out this table's callers.
                new Row("DELETE", "/api/v1/users/{username}/sessions", "ADMIN", "/api/v1/users/nobody-here/sessions",
                        null, 401, 403, 403, 403, 403, 404),
                new Row("GET", "/api/v1/audit", "ADMIN", "/api/v1/audit", null, 401, 403, 403, 403, 403, 200),
                new Row("GET", "/api/v1/audit/actions", "ADMIN", "/api/v1/audit/actions", null,
                        401, 403, 403, 403, 403, 200),
                new Row("POST", "/api/v1/kiosks", "ADMIN", "/api/v1/kiosks", Map.of("name", "新活动室", "village", "大村"),
                        401, 403, 403, 403, 403, 201),
                new Row("GET", "/api/v1/kiosks", "STAFF", "/api/v1/kiosks", null, 401, 403, 200, 200, 200, 200),
                new Row("GET", "/api/v1/kiosks", "STAFF", "/api/v1/kiosks?village=大村", null,
                        401, 403, 200, 403, 200, 200),
                new Row("GET", "/api/v1/kiosks/summary", "STAFF", "/api/v1/kiosks/summary", null,
                        401, 403, 200, 200, 200, 200),
                new Row("GET", "/api/v1/kiosks/summary", "STAFF", "/api/v1/kiosks/summary?village=大村", null,
                        401, 403, 200, 403, 200, 200),
                new Row("GET", "/api/v1/kiosks/{id}", "STAFF", "/api/v1/kiosks/" + ownKiosk.id(), null,
                        401, 403, 200, 403, 200, 200),
                new Row("POST", "/api/v1/kiosks/{id}/enrolment-code", "ADMIN",
                        "/api/v1/kiosks/" + otherKiosk.id() + "/enrolment-code", empty, 401, 403, 403, 403, 403, 201),
                new Row("POST", "/api/v1/kiosks/{id}/retire", "ADMIN", "/api/v1/kiosks/" + spareKiosk.id() + "/retire",
                        empty, 401, 403, 403, 403, 403, 200),
                new Row("GET", "/api/v1/home-units", "STAFF", "/api/v1/home-units", null, 401, 403, 200, 200, 200, 200),
                new Row("GET", "/api/v1/home-units", "STAFF", "/api/v1/home-units?village=大村", null,
                        401, 403, 200, 403, 200, 200),
                new Row("POST", "/api/v1/sync", "KIOSK", "/api/v1/sync", TestHub.syncBody(ownKiosk, null),
                        401, 200, 403, 403, 403, 403),
                new Row("GET", "/api/v1/stream", "STAFF", "/api/v1/stream", null, 401, 403, 200, 200, 200, 200),
                new Row("GET", "/api/v1/help-requests", "STAFF", "/api/v1/help-requests", null,
                        401, 403, 200, 200, 200, 200),
                new Row("GET", "/api/v1/help-requests", "STAFF", "/api/v1/help-requests?village=大村", null,
                        401, 403, 200, 403, 200, 200),
                new Row("GET", "/api/v1/help-requests/{id}", "STAFF", help, null, 401, 403, 200, 403, 200, 200),
                new Row("POST", "/api/v1/help-requests/{id}/transitions", "STAFF", help + "/transitions", transition,
                        401, 403, 409, 403, 409, 409),
                new Row("PUT", "/api/v1/help-requests/{id}/memo", "KIOSK", help + "/memo", new Raw("text/plain", "x"),
                        401, 415, 403, 403, 403, 403),
                new Row("GET", "/api/v1/help-requests/{id}/memo", "STAFF", help + "/memo", null,
                        401, 403, 404, 403, 404, 404),
                new Row("POST", "/api/v1/announcements", "STAFF", "/api/v1/announcements", empty,
                        401, 403, 400, 400, 400, 400),
                new Row("GET", "/api/v1/announcements", "STAFF", "/api/v1/announcements", null,
                        401, 403, 200, 200, 200, 200),
                new Row("GET", "/api/v1/announcements/{id}", "STAFF", ann, null, 401, 403, 200, 403, 200, 200),
                new Row("PUT", "/api/v1/announcements/{id}", "STAFF", ann, empty, 401, 403, 400, 400, 400, 400),
                new Row("POST", "/api/v1/announcements/{id}/withdraw", "STAFF", "/api/v1/announcements/a-nothing/withdraw",
                        empty, 401, 403, 404, 404, 404, 404),
                new Row("PUT", "/api/v1/announcements/{id}/audio", "STAFF", "/api/v1/announcements/a-nothing/audio",
                        new Raw("audio/wav", "x"), 401, 403, 404, 404, 404, 404),
                // It has no audio yet: those who may fetch it learn that (404), the others 403.
                new Row("GET", "/api/v1/announcements/{id}/audio", "STAFF_OR_KIOSK", ann + "/audio", null,
                        401, 404, 404, 403, 404, 404),
                new Row("HEAD", "/api/v1/announcements/{id}/audio", "STAFF_OR_KIOSK", ann + "/audio", null,
                        401, 404, 404, 403, 404, 404),
                new Row("GET", "/api/v1/announcements/{id}/deliveries", "STAFF", ann + "/deliveries", null,
                        401, 403, 200, 403, 200, 200),
                new Row("POST", "/api/v1/residents", "STAFF", "/api/v1/residents", empty, 401, 403, 400, 400, 400, 400),
                new Row("GET", "/api/v1/residents", "STAFF", "/api/v1/residents", null, 401, 403, 200, 200, 200, 200),
                new Row("GET", "/api/v1/residents.csv", "STAFF", "/api/v1/residents.csv", null,
                        401, 403, 200, 200, 200, 200),
                new Row("POST", "/api/v1/residents.csv", "STAFF", "/api/v1/residents.csv", new Raw("text/csv", ""),
                        401, 403, 400, 400, 400, 400),
                new Row("GET", "/api/v1/residents/{id}", "STAFF", res, null, 401, 403, 200, 403, 200, 200),
                new Row("PUT", "/api/v1/residents/{id}", "STAFF", res, empty, 401, 403, 400, 400, 400, 400),
                new Row("PATCH", "/api/v1/residents/{id}", "STAFF", res, empty, 401, 403, 200, 403, 200, 200),
                new Row("PUT", "/api/v1/residents/{id}/photo", "STAFF", res + "/photo", new Raw("text/plain", "x"),
                        401, 403, 415, 403, 415, 415),
                new Row("GET", "/api/v1/residents/{id}/photo", "STAFF_OR_KIOSK", res + "/photo", null,
                        401, 200, 200, 403, 200, 200),
                new Row("DELETE", "/api/v1/residents/{id}/photo", "STAFF", "/api/v1/residents/" + nobody + "/photo",
                        null, 401, 403, 404, 404, 404, 404),
                new Row("GET", "/api/v1/residents/{id}/check-ins", "STAFF", res + "/check-ins", null,
                        401, 403, 200, 403, 200, 200),
                new Row("GET", "/api/v1/residents/{id}/visits", "STAFF", res + "/visits", null,
                        401, 403, 200, 403, 200, 200),
                new Row("POST", "/api/v1/residents/{id}/pause", "STAFF", res + "/pause", empty,
                        401, 403, 400, 400, 400, 400),
                new Row("DELETE", "/api/v1/residents/{id}/pause", "STAFF", "/api/v1/residents/" + nobody + "/pause",
                        null, 401, 403, 404, 404, 404, 404),
                new Row("POST", "/api/v1/cadres", "OFFICE", "/api/v1/cadres", empty, 401, 403, 403, 403, 400, 400),
                new Row("GET", "/api/v1/cadres", "STAFF", "/api/v1/cadres", null, 401, 403, 200, 200, 200, 200),
                new Row("GET", "/api/v1/cadres/{id}", "STAFF", "/api/v1/cadres/" + cadre, null,
                        401, 403, 200, 403, 200, 200),
                new Row("PATCH", "/api/v1/cadres/{id}", "STAFF", "/api/v1/cadres/" + cadre, empty,
                        401, 403, 403, 403, 200, 200),
                new Row("GET", "/api/v1/check-ins", "STAFF", "/api/v1/check-ins", null, 401, 403, 200, 200, 200, 200),
                new Row("GET", "/api/v1/check-ins/by-village", "STAFF", "/api/v1/check-ins/by-village", null,
                        401, 403, 200, 200, 200, 200),
                new Row("GET", "/api/v1/check-ins/village-counts", "STAFF", "/api/v1/check-ins/village-counts", null,
                        401, 403, 200, 200, 200, 200),
                new Row("GET", "/api/v1/visits", "STAFF", "/api/v1/visits?village=大村", null,
                        401, 403, 200, 403, 200, 200),
                new Row("GET", "/api/v1/visits/coverage", "STAFF", "/api/v1/visits/coverage", null,
                        401, 403, 200, 200, 200, 200),
                new Row("GET", "/api/v1/check-in-alerts", "STAFF", "/api/v1/check-in-alerts", null,
                        401, 403, 200, 200, 200, 200),
                // No survey round exists: those admitted learn that (404) or that the body is wrong (400).
                new Row("POST", "/api/v1/survey-rounds", "OFFICE", "/api/v1/survey-rounds", empty,
                        401, 403, 403, 403, 400, 400),
                new Row("GET", "/api/v1/survey-rounds", "STAFF", "/api/v1/survey-rounds", null,
                        401, 403, 200, 200, 200, 200),
                new Row("GET", "/api/v1/survey-rounds/{id}", "STAFF", round, null, 401, 403, 404, 404, 404, 404),
                new Row("GET", "/api/v1/survey-rounds/{id}/people", "STAFF", round + "/people", null,
                        401, 403, 404, 404, 404, 404),
                new Row("GET", "/api/v1/survey-rounds/{id}/people/{residentId}", "STAFF", round + "/people/" + resident,
                        null, 401, 403, 404, 404, 404, 404),
                new Row("POST", "/api/v1/survey-rounds/{id}/reviews", "STAFF", round + "/reviews", empty,
                        401, 403, 400, 400, 400, 400),
                new Row("POST", "/api/v1/survey-rounds/{id}/people/{residentId}/decision", "OFFICE",
                        round + "/people/" + resident + "/decision", empty, 401, 403, 403, 403, 400, 400),
                new Row("POST", "/api/v1/survey-rounds/{id}/close", "OFFICE", round + "/close", empty,
                        401, 403, 403, 403, 404, 404),
                new Row("GET", "/api/v1/survey-rounds/{id}/diff", "STAFF", round + "/diff", null,
                        401, 403, 404, 404, 404, 404),
                new Row("GET", "/api/v1/survey-rounds/{id}/diff.csv", "STAFF", round + "/diff.csv", null,
                        401, 403, 404, 404, 404, 404),
                // A cadre's report is of their own village, whichever that is.
                new Row("GET", "/api/v1/reports", "STAFF", "/api/v1/reports" + month, null, 401, 403, 200, 200, 200, 200),
                new Row("GET", "/api/v1/reports.xlsx", "STAFF", "/api/v1/reports.xlsx" + month, null,
                        401, 403, 200, 200, 200, 200),
                new Row("GET", "/api/v1/care-tasks", "STAFF", "/api/v1/care-tasks?village=大村", null,
                        401, 403, 200, 403, 200, 200),
                new Row("GET", "/api/v1/care-tasks/{id}", "STAFF", "/api/v1/care-tasks/mv.2026-11." + resident, null,
                        401, 403, 200, 403, 200, 200),
                new Row("POST", "/api/v1/care-tasks/{id}/skip", "STAFF", "/api/v1/care-tasks/mv.2026-11." + nobody
                        + "/skip", Map.of("reason", "外出"), 401, 403, 404, 404, 404, 404),
                new Row("POST", "/api/v1/care-tasks/{id}/reopen", "STAFF", "/api/v1/care-tasks/mv.2026-11." + nobody
                        + "/reopen", empty, 401, 403, 404, 404, 404, 404),
                new Row("POST", "/api/v1/visits", "STAFF", "/api/v1/visits", empty, 401, 403, 400, 400, 400, 400),
                new Row("GET", "/api/v1/visits/{id}", "STAFF", "/api/v1/visits/nobody", null,
                        401, 403, 404, 404, 404, 404),
                new Row("PUT", "/api/v1/visits/{id}/photo", "STAFF", "/api/v1/visits/nobody/photo",
                        new Raw("text/plain", "x"), 401, 403, 415, 415, 415, 415),
                new Row("GET", "/api/v1/visits/{id}/photo", "STAFF", "/api/v1/visits/nobody/photo", null,
                        401, 403, 404, 404, 404, 404),
                new Row("GET", "/api/v1/care/me", "STAFF", "/api/v1/care/me", null, 401, 403, 200, 200, 200, 200),
                new Row("GET", "/api/v1/care/board", "STAFF", "/api/v1/care/board?village=大村", null,
                        401, 403, 200, 403, 200, 200),
                new Row("GET", "/api/v1/care-terms", "STAFF", "/api/v1/care-terms", null, 401, 403, 200, 200, 200, 200),
                new Row("POST", "/api/v1/care-terms", "OFFICE", "/api/v1/care-terms", empty,
                        401, 403, 403, 403, 400, 400),
                new Row("PUT", "/api/v1/care-terms/{id}", "OFFICE", "/api/v1/care-terms/t-nobody", term,
                        401, 403, 403, 403, 404, 404),
                new Row("DELETE", "/api/v1/care-terms/{id}", "OFFICE", "/api/v1/care-terms/t-nobody", null,
                        401, 403, 403, 403, 404, 404),
                new Row("GET", "/api/v1/organisations", "STAFF", "/api/v1/organisations", null,
                        401, 403, 200, 200, 200, 200),
                new Row("POST", "/api/v1/organisations", "OFFICE", "/api/v1/organisations", empty,
                        401, 403, 403, 403, 400, 400),
                new Row("GET", "/api/v1/organisations/{id}", "STAFF", "/api/v1/organisations/o-nobody", null,
                        401, 403, 404, 404, 404, 404),
                new Row("PUT", "/api/v1/organisations/{id}", "OFFICE", "/api/v1/organisations/o-nobody", organisation,
                        401, 403, 403, 403, 404, 404),
                new Row("GET", "/api/v1/organisations.csv", "OFFICE", "/api/v1/organisations.csv", null,
                        401, 403, 403, 403, 200, 200),
                new Row("POST", "/api/v1/organisations.csv", "OFFICE", "/api/v1/organisations.csv",
                        new Raw("text/plain", "x"), 401, 403, 403, 403, 400, 400),
                new Row("GET", "/api/v1/villages", "STAFF", "/api/v1/villages", null, 401, 403, 200, 200, 200, 200),
                new Row("PUT", "/api/v1/villages/{name}", "OFFICE", "/api/v1/villages/大村",
                        Map.of("dutyPhone", "0871-6512345"), 401, 403, 403, 403, 200, 200),
                new Row("GET", "/api/v1/webhooks", "OFFICE", "/api/v1/webhooks", null, 401, 403, 403, 403, 200, 200),
                // No receiver is configured here: 404 once the access check let the caller through.
                new Row("POST", "/api/v1/webhooks/{id}/test", "OFFICE", "/api/v1/webhooks/1/test", empty,
                        401, 403, 403, 403, 404, 404),
                // 空中陪护: staff's side, the kiosks' side, and the family page's (which only a family
                // session passes; FamilyTest walks the whole route table with one).
                new Row("POST", "/api/v1/residents/{id}/family", "STAFF", res + "/family", empty,
                        401, 403, 400, 400, 400, 400),
                new Row("GET", "/api/v1/residents/{id}/family", "STAFF", res + "/family", null,
                        401, 403, 200, 403, 200, 200),
                new Row("GET", "/api/v1/family-contacts", "STAFF", "/api/v1/family-contacts", null,
                        401, 403, 200, 200, 200, 200),
                new Row("POST", "/api/v1/family-contacts/{id}/invite", "STAFF", "/api/v1/family-contacts/f-nobody/invite",
                        empty, 401, 403, 404, 404, 404, 404),
                new Row("POST", "/api/v1/family-contacts/{id}/revoke", "STAFF", "/api/v1/family-contacts/f-nobody/revoke",
                        empty, 401, 403, 404, 404, 404, 404),
                new Row("GET", "/api/v1/family-messages/{id}/audio", "KIOSK", "/api/v1/family-messages/m-nobody/audio",
                        null, 401, 404, 403, 403, 403, 403),
                new Row("PUT", "/api/v1/family-messages/{id}", "KIOSK", "/api/v1/family-messages/m-nobody",
                        new Raw("text/plain", "x"), 401, 415, 403, 403, 403, 403),
                new Row("POST", "/api/v1/family/redeem", "PUBLIC", "/api/v1/family/redeem", empty,
                        400, 400, 400, 400, 400, 400),
                new Row("POST", "/api/v1/family/signin", "PUBLIC", "/api/v1/family/signin", empty,
                        401, 401, 401, 401, 401, 401),
                new Row("POST", "/api/v1/family/signout", "FAMILY", "/api/v1/family/signout", empty,
                        401, 403, 403, 403, 403, 403),
                new Row("GET", "/api/v1/family/me", "FAMILY", "/api/v1/family/me", null, 401, 403, 403, 403, 403, 403),
                new Row("GET", "/api/v1/family/today", "FAMILY", "/api/v1/family/today", null,
                        401, 403, 403, 403, 403, 403),
                new Row("GET", "/api/v1/family/messages", "FAMILY", "/api/v1/family/messages", null,
                        401, 403, 403, 403, 403, 403),
                new Row("POST", "/api/v1/family/messages", "FAMILY", "/api/v1/family/messages", new Raw("audio/wav", "x"),
                        401, 403, 403, 403, 403, 403),
                new Row("GET", "/api/v1/family/messages/{id}/audio", "FAMILY", "/api/v1/family/messages/m-1/audio", null,
                        401, 403, 403, 403, 403, 403),
                new Row("POST", "/api/v1/family/messages/{id}/heard", "FAMILY", "/api/v1/family/messages/m-1/heard",
                        empty, 401, 403, 403, 403, 403, 403));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void each_caller_gets_what_its_role_allows(Row row) throws Exception {
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        Caller[] callers = Caller.values();
        for (int i = 0; i < callers.length; i++) {
            expected.add(callers[i] + "=" + row.expected()[i]);
            actual.add(callers[i] + "=" + status(row, token(row, callers[i])));
        }

        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void every_route_has_a_row_with_its_access() {
        Set<String> declared = hub.hub.routes().stream()
                .map(route -> route.method() + " " + route.pattern() + " " + route.access().name())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> tabled = routes().map(row -> row.method() + " " + row.pattern() + " " + row.access())
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(tabled).as("rows of this table").isEqualTo(declared);
    }

    @Test
    void refusals_say_what_the_caller_lacks() {
        String staff = tokens.get(Caller.STAFF);
        String own = tokens.get(Caller.CADRE_OWN_VILLAGE);

        assertThat(hub.get("/api/v1/me", null).json().get("error").toString()).isEqualTo("{\"code\":\"unauthorized\","
                + "\"message\":\"log in first: send 'Authorization: Bearer <token>' or the courtyard_session cookie\"}");
        assertThat(hub.get("/api/v1/me", ownKiosk.token()).json().get("error").toString()).isEqualTo(
                "{\"code\":\"forbidden\",\"message\":\"a kiosk token cannot be used for staff calls\"}");
        assertThat(hub.get("/api/v1/users", staff).errorMessage()).isEqualTo("only an ADMIN may do this; you are STAFF");
        assertThat(hub.post("/api/v1/cadres", own, Map.of()).errorMessage())
                .isEqualTo("only ADMIN or STAFF may register cadres; you are CADRE");
        assertThat(hub.post("/api/v1/sync", null, TestHub.syncBody(ownKiosk, null)).errorMessage())
                .isEqualTo("send the kiosk's token as 'Authorization: Bearer <token>'");
        assertThat(hub.post("/api/v1/sync", staff, TestHub.syncBody(ownKiosk, null)).errorMessage())
                .isEqualTo("only kiosks may sync; a staff session cannot");
        assertThat(hub.get("/api/v1/announcements/" + announcement + "/audio", null).errorMessage()).isEqualTo(
                "send a staff token, or the token of a kiosk the announcement is for, as 'Authorization: Bearer <token>'");
        assertThat(hub.get("/api/v1/residents/" + resident + "/photo", null).errorMessage())
                .isEqualTo("send a staff or kiosk token as 'Authorization: Bearer <token>'");
        HttpRequest memo = HttpRequest.newBuilder(hub.uri("/api/v1/help-requests/" + ownHelp + "/memo"))
                .header("Authorization", "Bearer " + staff).header("Content-Type", "audio/wav")
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build();
        assertThat(hub.send(memo).errorMessage()).isEqualTo("only kiosks may upload voice memos; a staff session cannot");
    }

    @Test
    void a_kiosk_cannot_sync_as_another_kiosk() {
        TestHub.Answer answer = hub.post("/api/v1/sync", ownKiosk.token(), TestHub.syncBody(otherKiosk, null));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.errorMessage()).contains("kioskId");
    }

    @Test
    void a_cadre_lists_only_their_villages_requests_and_kiosks() {
        String cadreToken = tokens.get(Caller.CADRE_OWN_VILLAGE);

        List<String> help = new ArrayList<>();
        hub.get("/api/v1/help-requests", cadreToken).json().forEach(item -> help.add(item.get("id").asText()));
        List<String> villages = new ArrayList<>();
        hub.get("/api/v1/kiosks", cadreToken).json().forEach(item -> villages.add(item.get("village").asText()));
        List<String> byKiosk = new ArrayList<>();
        hub.get("/api/v1/help-requests?kioskId=" + otherKiosk.id(), cadreToken).json()
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
    void logout_ends_only_the_session_it_is_made_with() {
        String fresh = hub.login("wang", "password-wang");

        assertThat(hub.post("/api/v1/logout", fresh, Map.of()).status()).isEqualTo(204);
        assertThat(hub.get("/api/v1/me", fresh).status()).isEqualTo(401);
        assertThat(hub.get("/api/v1/me", tokens.get(Caller.STAFF)).status()).as("other sessions stay").isEqualTo(200);
    }

    /** The caller's token; for a logout a session of its own, so the table's sessions stay. */
    private String token(Row row, Caller caller) {
        if (!row.pattern().equals("/api/v1/logout")) {
            return tokens.get(caller);
        }
        return switch (caller) {
            case CADRE_OWN_VILLAGE -> hub.login("li", "password-li");
            case CADRE_OTHER_VILLAGE -> hub.login("zhao", "password-zhao");
            case STAFF -> hub.login("wang", "password-wang");
            case ADMIN -> hub.login("admin", TestHub.ADMIN_PASSWORD);
            default -> tokens.get(caller);
        };
    }

    private int status(Row row, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(hub.uri(row.path())).timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (row.body() == null) {
            request.method(row.method(), HttpRequest.BodyPublishers.noBody());
        } else if (row.body() instanceof Raw raw) {
            request.header("Content-Type", raw.contentType()).method(row.method(),
                    HttpRequest.BodyPublishers.ofString(raw.text(), StandardCharsets.UTF_8));
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
