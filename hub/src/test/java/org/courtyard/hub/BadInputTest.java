package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.courtyard.protocol.ProtocolJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text that staff send in is held to the one rule of {@link org.courtyard.protocol.Text}: control
 * characters (a note may break lines), lone surrogates and direction overrides are refused with a
 * 400 naming the field, and nothing is stored; usernames are unique without regard to case; a
 * withdrawal whose body is not a JSON object is refused instead of withdrawing.
 */
class BadInputTest {

    /** Makes "张桂英" read as "英桂张" on the staff page while something else is stored. */
    private static final String OVERRIDE = "\u202E";

    @TempDir
    Path dir;

    TestHub hub;
    String staff;

    @BeforeEach
    void start() {
        hub = new TestHub(dir);
        staff = hub.user("wang", "STAFF", null);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void a_resident_with_a_direction_override_a_control_character_or_a_lone_surrogate_is_refused_naming_the_field() {
        assertRefused(hub.post("/api/v1/residents", staff, resident("张" + OVERRIDE + "桂英")), "name");
        assertRefused(hub.post("/api/v1/residents", staff, resident("张桂英").put("address", "和平村\u0007三组")),
                "address");
        assertRefused(hub.post("/api/v1/residents", staff, resident("张桂英").put("note", "腿脚不便\r\n独居")), "note");
        // A lone surrogate cannot be written as a Java string in a UTF-8 body: it is sent as JSON's escape
        assertRefused(hub.postRaw("/api/v1/residents", staff, "application/json",
                "{\"name\":\"张桂英\",\"village\":\"和平村\",\"type\":\"ELDER\",\"tags\":[\"独居\\ud800\"]}"
                        .getBytes(StandardCharsets.UTF_8)), "tags");

        assertThat(hub.column("SELECT name FROM residents")).as("nothing stored").isEmpty();
    }

    @Test
    void a_residents_note_may_break_lines_and_an_edit_is_held_to_the_same_rule() {
        TestHub.Answer created = hub.post("/api/v1/residents", staff, resident("张桂英").put("note", "腿脚不便\n独居"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();

        TestHub.Answer patched = hub.send("PATCH", "/api/v1/residents/" + id, staff,
                Map.of("guardian", "张" + "\u2066" + "明"));

        assertRefused(patched, "guardian");
        assertThat(hub.get("/api/v1/residents/" + id, staff).json().get("note").asText()).isEqualTo("腿脚不便\n独居");
        assertThat(hub.get("/api/v1/residents/" + id, staff).json().get("guardian").isNull()).isTrue();
    }

    @Test
    void cadres_announcements_kiosks_users_and_help_notes_follow_the_same_rule() {
        assertRefused(hub.post("/api/v1/cadres", staff, Map.of("name", "李\u0000建华", "village", "和平村")), "name");
        assertRefused(hub.post("/api/v1/announcements", staff, Announce.draft("停水" + OVERRIDE + "通知", "{\"all\":true}")),
                "title");
        ObjectNode multiLine = Announce.draft("停水通知", "{\"all\":true}").put("text", "明天上午停水。\n请提前接水。");
        assertThat(hub.post("/api/v1/announcements", staff, multiLine).status()).isEqualTo(201);
        assertRefused(hub.post("/api/v1/kiosks", hub.adminToken, Map.of("name", "服务点\u001b[2J", "village", "和平村")),
                "name");
        assertRefused(hub.post("/api/v1/users", hub.adminToken, Map.of("username", "lihua", "password", "password-1",
                "role", "STAFF", "displayName", "李华\u0085")), "displayName");

        TestHub.Kiosk kiosk = hub.kiosk("和平村服务点", "和平村");
        UUID request = UUID.randomUUID();
        assertThat(hub.sync(kiosk, null, TestHub.helpRequested(request, TestHub.START)).status()).isEqualTo(200);
        String transitions = "/api/v1/help-requests/" + request + "/transitions";
        assertThat(hub.post(transitions, staff, Map.of("to", "ACKNOWLEDGED", "note", "已电话联系，\n下午上门"))
                .status()).as("a note may break lines").isEqualTo(200);
        assertRefused(hub.post(transitions, staff, Map.of("to", "ASSIGNED", "assignee", "张\r书记")), "assignee");
        assertThat(hub.post(transitions, staff, Map.of("to", "ASSIGNED", "assignee", "张书记")).status()).isEqualTo(200);
    }

    @Test
    void a_username_that_differs_only_in_case_from_an_existing_one_is_taken() {
        TestHub.Answer twin = hub.post("/api/v1/users", hub.adminToken, Map.of("username", "Wang", "password",
                "password-2", "role", "STAFF"));

        assertThat(twin.status()).isEqualTo(409);
        assertThat(twin.errorMessage()).contains("'wang'");
        assertThat(hub.column("SELECT username FROM users WHERE username LIKE 'wang'")).containsExactly("wang");
    }

    @Test
    void an_announcement_before_2020_or_more_than_two_years_ahead_is_refused_naming_the_time() {
        ObjectNode tooEarly = Announce.draft("停水通知", "{\"all\":true}").put("startsAt", "2019-12-31T00:00:00Z");
        ObjectNode tooLate = Announce.draft("停水通知", "{\"all\":true}")
                .put("endsAt", TestHub.START.plus(java.time.Duration.ofDays(3 * 365)).toString());
        ObjectNode nextYear = Announce.draft("停水通知", "{\"all\":true}")
                .put("startsAt", TestHub.START.plus(java.time.Duration.ofDays(365)).toString());

        assertRefused(hub.post("/api/v1/announcements", staff, tooEarly), "startsAt");
        assertRefused(hub.post("/api/v1/announcements", staff, tooLate), "endsAt");
        assertThat(hub.post("/api/v1/announcements", staff, nextYear).status()).isEqualTo(201);
        assertThat(hub.column("SELECT id FROM announcements")).hasSize(1);
    }

    @Test
    void a_withdrawal_with_a_malformed_body_is_400_and_the_announcement_stays() {
        String id = new Announce(hub).created(staff, Announce.draft("停水通知", "{\"all\":true}"));
        String path = "/api/v1/announcements/" + id + "/withdraw";

        TestHub.Answer broken = hub.postRaw(path, staff, "application/json", "{\"reason\":".getBytes(StandardCharsets.UTF_8));
        TestHub.Answer notAnObject = hub.postRaw(path, staff, "application/json", "[1]".getBytes(StandardCharsets.UTF_8));

        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().at("/error/code").asText()).isEqualTo("malformed_json");
        assertThat(notAnObject.status()).isEqualTo(400);
        assertThat(hub.get("/api/v1/announcements/" + id, staff).json().get("withdrawn").asBoolean()).isFalse();
        assertThat(hub.postRaw(path, staff, "application/json", new byte[0]).status()).as("no body").isEqualTo(200);
    }

    @Test
    void a_query_string_that_is_not_utf8_is_400_not_a_failure_of_the_hub() {
        TestHub.Answer audit = hub.get("/api/v1/audit?cursor=%FF%FE", hub.adminToken);

        assertThat(audit.status()).as(audit.body()).isEqualTo(400);
        assertThat(audit.json().at("/error/code").asText()).isEqualTo("bad_request");
        assertThat(audit.errorMessage()).startsWith("the query string cannot be read");
    }

    @Test
    void a_path_id_that_is_not_utf8_is_400_naming_the_part_and_the_connection_stays_usable() throws IOException {
        TestHub.Kiosk kiosk = hub.kiosk("活动室", "和平村");
        // Found by the fuzz: "%E4%BD" is the first two bytes of a three-byte character (何), sent
        // with a body the hub does not read before it refuses.
        String[][] requests = {
                {"PUT", "/api/v1/help-requests/%E4%BD/memo", kiosk.token(), "%E4%BD"},
                {"GET", "/api/v1/help-requests/%E4%BD", staff, "%E4%BD"},
                {"PATCH", "/api/v1/residents/%FF", staff, "%FF"},
                {"PATCH", "/api/v1/residents/%C0%AF", staff, "%C0%AF"},
                {"DELETE", "/api/v1/residents/ab%E4%BD%A0%E4/pause", staff, "ab%E4%BD%A0%E4"},
                {"GET", "/api/v1/survey-rounds/x/people/%C3", staff, "%C3"},
        };

        try (Socket socket = new Socket("127.0.0.1", hub.hub.port())) {
            socket.setSoTimeout(20_000);
            for (String[] request : requests) {
                String answer = exchange(socket, request[0] + " " + request[1] + " HTTP/1.1\r\nHost: x\r\n"
                        + "Authorization: Bearer " + request[2] + "\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 2\r\n\r\n{}");

                assertThat(answer).as(request[1]).startsWith("HTTP/1.1 400")
                        .doesNotContainIgnoringCase("Connection: close")
                        .endsWith("{\"error\":{\"code\":\"bad_request\",\"message\":\"the path cannot be read: the part '"
                                + request[3] + "' is not percent-encoded UTF-8\"}}");
                assertThat(exchange(socket, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"))
                        .as("the same connection, after the 400 for " + request[1]).startsWith("HTTP/1.1 200");
            }
        }
        // As the fuzz sent it: Java's client, the head and the body in separate writes.
        TestHub.Answer memo = hub.send(HttpRequest.newBuilder(hub.uri("/api/v1/help-requests/%E4%BD/memo"))
                .header("Authorization", "Bearer " + kiosk.token()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(memo.status()).as(memo.body()).isEqualTo(400);
        assertThat(memo.errorMessage()).contains("'%E4%BD'");
        assertThat(hub.get("/js/%E4%BD.js", null).status()).as("outside the API: not found").isEqualTo(404);
        assertThat(hub.column("SELECT COUNT(*) FROM residents")).containsExactly("0");
    }

    /** Sends {@code request} on {@code socket} and reads one answer: its head and body. */
    private static String exchange(Socket socket, String request) throws IOException {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b == -1) {
                throw new EOFException("the hub closed the connection; got '" + head + "'");
            }
            head.append((char) b);
        }
        Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        int bodyLength = length.find() ? Integer.parseInt(length.group(1)) : 0;
        return head + new String(in.readNBytes(bodyLength), StandardCharsets.UTF_8);
    }

    private static ObjectNode resident(String name) {
        return ProtocolJson.mapper().createObjectNode().put("name", name).put("village", "和平村").put("type", "ELDER");
    }

    private static void assertRefused(TestHub.Answer answer, String field) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json().at("/error/code").asText()).isEqualTo("invalid_field");
        assertThat(answer.errorMessage()).contains("'" + field);
    }
}
