package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log: every staff action with who, what, when and from where, for admins only. */
class AuditTest {

    @TempDir
    Path dir;

    TestHub hub;

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void staff_actions_are_logged_with_who_what_when_and_where() {
        hub = new TestHub(dir);
        hub.post("/api/v1/users", hub.adminToken,
                Map.of("username", "wang", "password", "password-wang", "role", "STAFF", "displayName", "王芳"));
        TestHub.Kiosk kiosk = hub.kiosk("活动室", "大村");
        UUID help = UUID.randomUUID();
        hub.sync(kiosk, null, TestHub.helpRequested(help, TestHub.START));
        hub.clock.advance(Duration.ofMinutes(1));
        String wang = hub.login("wang", "password-wang");
        hub.transition(wang, help, "ACKNOWLEDGED", null);
        hub.transition(wang, help, "ASSIGNED", "张书记");
        hub.post("/api/v1/logout", wang, Map.of());

        JsonNode log = hub.get("/api/v1/audit", hub.adminToken).json();

        assertThat(actions(log)).containsExactly("logout", "help.transition", "help.transition", "login",
                "kiosk.create", "user.create", "login");
        assertThat(log.get(2).get("user").asText()).isEqualTo("wang");
        assertThat(log.get(2).get("target").asText()).isEqualTo(help.toString());
        assertThat(log.get(1).get("detail").asText()).isEqualTo("ACKNOWLEDGED -> ASSIGNED assignee=张书记");
        assertThat(log.get(2).get("detail").asText()).isEqualTo("NEW -> ACKNOWLEDGED");
        assertThat(log.get(2).get("at").asText()).isEqualTo("2026-11-29T10:01:00Z");
        assertThat(log.get(4).get("user").asText()).isEqualTo("admin");
        assertThat(log.get(4).get("target").asText()).isEqualTo(kiosk.id());
        assertThat(log.get(4).get("detail").asText()).isEqualTo("name=活动室 village=大村");
        assertThat(log.get(5).get("target").asText()).isEqualTo("wang");
        assertThat(log.get(5).get("detail").asText()).isEqualTo("role=STAFF");
        for (JsonNode entry : log) {
            assertThat(entry.get("address").asText()).isEqualTo("127.0.0.1");
        }
        assertThat(log.get(0).get("seq").asLong()).isGreaterThan(log.get(1).get("seq").asLong());
    }

    @Test
    void a_failed_login_is_logged_under_the_name_tried_without_the_password() {
        hub = new TestHub(dir);

        hub.post("/api/v1/login", null, Map.of("username", "ghost", "password", "guess-one-two"));

        JsonNode last = hub.get("/api/v1/audit?limit=1", hub.adminToken).json().get(0);
        assertThat(last.get("action").asText()).isEqualTo("login.failed");
        assertThat(last.get("user").asText()).isEqualTo("ghost");
        assertThat(hub.column("SELECT COALESCE(detail, '') || COALESCE(target, '') FROM audit_log"))
                .noneMatch(text -> text.contains("guess-one-two"));
    }

    @Test
    void a_refused_change_leaves_no_audit_row() {
        hub = new TestHub(dir);
        TestHub.Kiosk kiosk = hub.kiosk("活动室", "大村");
        UUID help = UUID.randomUUID();
        hub.sync(kiosk, null, TestHub.helpRequested(help, TestHub.START));
        hub.transition(hub.adminToken, help, "RESOLVED", null);
        int before = hub.column("SELECT seq FROM audit_log").size();

        assertThat(hub.transition(hub.adminToken, help, "RESOLVED", null).status()).isEqualTo(409);
        hub.user("wang", "STAFF", null);
        assertThat(hub.post("/api/v1/users", hub.adminToken,
                Map.of("username", "wang", "password", "long-enough", "role", "STAFF")).status()).isEqualTo(409);

        List<String> all = hub.column("SELECT action FROM audit_log ORDER BY seq");
        assertThat(all.subList(before, all.size())).containsExactly("user.create", "login");
    }

    @Test
    void only_admins_read_the_log() {
        hub = new TestHub(dir);
        String staff = hub.user("wang", "STAFF", null);
        String cadre = hub.user("li", "CADRE", "大村");
        TestHub.Kiosk kiosk = hub.kiosk("活动室", "大村");

        assertThat(hub.get("/api/v1/audit", null).status()).isEqualTo(401);
        assertThat(hub.get("/api/v1/audit", staff).status()).isEqualTo(403);
        assertThat(hub.get("/api/v1/audit", cadre).status()).isEqualTo(403);
        assertThat(hub.get("/api/v1/audit", kiosk.token()).status()).isEqualTo(403);
        assertThat(hub.get("/api/v1/audit", hub.adminToken).status()).isEqualTo(200);
    }

    @Test
    void a_new_enrolment_code_and_its_use_are_logged_with_the_kiosk_as_the_one_who_enrolled() {
        hub = new TestHub(dir);
        TestHub.Kiosk kiosk = hub.kiosk("活动室", "大村");
        hub.clock.advance(Duration.ofMinutes(1));
        TestHub.Answer code = hub.post("/api/v1/kiosks/" + kiosk.id() + "/enrolment-code", hub.adminToken, Map.of());
        assertThat(code.status()).isEqualTo(201);
        assertThat(hub.post("/api/v1/enrol", null, Map.of("code", code.json().get("code").asText())).status())
                .isEqualTo(200);

        JsonNode log = hub.get("/api/v1/audit?limit=3", hub.adminToken).json();

        assertThat(actions(log)).containsExactly("kiosk.enrol", "kiosk.enrolment-code", "kiosk.create");
        assertThat(log.get(0).get("user").asText()).isEqualTo(kiosk.id());
        assertThat(log.get(0).get("target").asText()).isEqualTo(kiosk.id());
        assertThat(log.get(0).get("address").asText()).isEqualTo("127.0.0.1");
        assertThat(log.get(1).get("user").asText()).isEqualTo("admin");
        assertThat(log.get(1).get("target").asText()).isEqualTo(kiosk.id());
        assertThat(log.get(1).get("detail").asText()).isEqualTo("valid until 2026-11-30T10:01:00Z");
    }

    @Test
    void admins_get_the_actions_the_log_holds_for_the_filter() {
        hub = new TestHub(dir);
        String staff = hub.user("wang", "STAFF", null);
        hub.kiosk("活动室", "大村");

        TestHub.Answer actions = hub.get("/api/v1/audit/actions", hub.adminToken);

        assertThat(actions.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        actions.json().forEach(name -> names.add(name.asText()));
        assertThat(names).containsExactly("kiosk.create", "login", "user.create");
        assertThat(hub.get("/api/v1/audit/actions", staff).status()).isEqualTo(403);
        assertThat(hub.get("/api/v1/audit/actions", null).status()).isEqualTo(401);
    }

    @Test
    void the_log_is_filtered_by_time_user_and_action_and_pages_back() {
        hub = new TestHub(dir);
        hub.clock.advance(Duration.ofHours(1));
        hub.user("wang", "STAFF", null);
        hub.clock.advance(Duration.ofHours(1));
        hub.kiosk("活动室", "大村");

        assertThat(actions(hub.get("/api/v1/audit?user=wang", hub.adminToken).json())).containsExactly("login");
        assertThat(actions(hub.get("/api/v1/audit?action=login", hub.adminToken).json())).hasSize(2);
        assertThat(actions(hub.get("/api/v1/audit?from=2026-11-29T10:30:00Z&to=2026-11-29T11:30:00Z",
                hub.adminToken).json())).containsExactly("login", "user.create");
        assertThat(actions(hub.get("/api/v1/audit?from=2026-11-29T11:30:00Z", hub.adminToken).json()))
                .containsExactly("kiosk.create");

        List<String> paged = new ArrayList<>();
        JsonNode page = hub.get("/api/v1/audit?limit=2", hub.adminToken).json();
        while (page.size() > 0) {
            paged.addAll(actions(page));
            long oldest = page.get(page.size() - 1).get("seq").asLong();
            page = hub.get("/api/v1/audit?limit=2&before=" + oldest, hub.adminToken).json();
        }
        assertThat(paged).containsExactly("kiosk.create", "login", "user.create", "login");
    }

    @Test
    void bad_filters_are_400_naming_the_parameter() {
        hub = new TestHub(dir);

        TestHub.Answer from = hub.get("/api/v1/audit?from=yesterday", hub.adminToken);
        TestHub.Answer limit = hub.get("/api/v1/audit?limit=5000", hub.adminToken);

        assertThat(from.status()).isEqualTo(400);
        assertThat(from.errorMessage()).contains("from");
        assertThat(limit.status()).isEqualTo(400);
        assertThat(limit.errorMessage()).contains("limit");
    }

    @Test
    void behind_a_trusted_proxy_the_address_is_the_last_forwarded_one() {
        hub = new TestHub(dir, builder -> builder.trustProxy(true));

        loginFrom("203.0.113.9, 10.1.2.3");
        loginFrom("not-an-address");

        JsonNode log = hub.get("/api/v1/audit?action=login&limit=2", hub.adminToken).json();
        assertThat(log.get(0).get("address").asText()).isEqualTo("127.0.0.1");
        assertThat(log.get(1).get("address").asText()).isEqualTo("10.1.2.3");
    }

    @Test
    void without_a_trusted_proxy_forwarded_addresses_are_ignored() {
        hub = new TestHub(dir);

        loginFrom("10.1.2.3");

        JsonNode last = hub.get("/api/v1/audit?action=login&limit=1", hub.adminToken).json().get(0);
        assertThat(last.get("address").asText()).isEqualTo("127.0.0.1");
    }

    private void loginFrom(String forwardedFor) {
        HttpRequest request = HttpRequest.newBuilder(hub.uri("/api/v1/login"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"admin\",\"password\":\"" + TestHub.ADMIN_PASSWORD + "\"}"))
                .build();
        assertThat(hub.send(request).status()).isEqualTo(200);
    }

    private static List<String> actions(JsonNode log) {
        List<String> actions = new ArrayList<>();
        log.forEach(entry -> actions.add(entry.get("action").asText()));
        return actions;
    }
}
