package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.courtyard.hub.api.checkin.CheckInFeature;
import org.courtyard.protocol.ProtocolJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Care tasks through the API with a clock the test moves: made by the rules across month ends,
 * festivals and terms, foreseen for future ranges, completed by visits from phones and kiosks,
 * skipped, paged, and kept to a cadre's village. The hub's days are Beijing's; the clock starts at
 * 18:00 on 29 November 2026.
 */
class CareTasksTest {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    @TempDir
    Path dir;

    TestHub hub;
    String zhang;
    String xiaojun;
    String cadreId;
    String cadre;
    String admin;

    @BeforeEach
    void start() {
        hub = new TestHub(dir);
        admin = hub.adminToken;
        zhang = hub.resident("张桂英", "和平村", "ELDER");
        xiaojun = hub.resident("李小军", "和平村", "CHILD");
        hub.addUser("lijianhua", "CADRE", "和平村", "李建华");
        ObjectNode body = ProtocolJson.mapper().createObjectNode().put("name", "李建华").put("village", "和平村")
                .put("username", "lijianhua");
        cadreId = hub.post("/api/v1/cadres", admin, body).json().get("id").asText();
        pair(zhang, cadreId);
        pair(xiaojun, cadreId);
        cadre = hub.login("lijianhua", "password-lijianhua");
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void this_months_tasks_are_open_to_the_paired_cadre_with_what_the_phone_shows() {
        JsonNode tasks = tasks("from=2026-11-29&to=2026-11-29", cadre);

        assertThat(tasks).extracting(t -> t.get("id").asText()).containsExactlyInAnyOrder(
                "mv.2026-11." + zhang, "mv.2026-11." + xiaojun);
        JsonNode task = byResident(tasks, zhang);
        assertThat(task.get("kind").asText()).isEqualTo("MONTHLY_VISIT");
        assertThat(task.get("title").asText()).isEqualTo("11月走访");
        assertThat(task.get("residentName").asText()).isEqualTo("张桂英");
        assertThat(task.get("village").asText()).isEqualTo("和平村");
        assertThat(task.get("opensOn").asText()).isEqualTo("2026-11-01");
        assertThat(task.get("dueOn").asText()).isEqualTo("2026-11-30");
        assertThat(task.get("status").asText()).isEqualTo("OPEN");
        assertThat(task.get("assignees")).extracting(a -> a.get("name").asText()).containsExactly("李建华");
        assertThat(task.get("doneAt").isNull()).isTrue();
        assertThat(task.get("resident").get("type").asText()).isEqualTo("ELDER");
        assertThat(hub.column("SELECT COUNT(*) FROM care_tasks")).containsExactly("2");
    }

    @Test
    void a_future_range_shows_the_tasks_the_rules_will_make_with_the_festivals_own_dates() {
        JsonNode tasks = tasks("from=2027-01-01&to=2027-02-28&residentId=" + zhang, admin);

        assertThat(tasks).extracting(t -> t.get("id").asText()).containsExactly(
                "mv.2027-01." + zhang, "fe.2027-spring_festival." + zhang, "mv.2027-02." + zhang);
        JsonNode spring = tasks.get(1);
        assertThat(spring.get("festival").asText()).isEqualTo("SPRING_FESTIVAL");
        assertThat(spring.get("festivalOn").asText()).isEqualTo("2027-02-06");
        assertThat(spring.get("opensOn").asText()).isEqualTo("2027-01-22");
        assertThat(spring.get("dueOn").asText()).isEqualTo("2027-02-06");
        assertThat(spring.get("status").asText()).isEqualTo("OPEN");
        // Foreseen, not stored: only November's exist so far.
        assertThat(hub.column("SELECT DISTINCT occasion FROM care_tasks")).containsExactly("2026-11");

        // When 22 January comes, the same task is stored under the same id.
        moveTo("2027-01-22T01:00:00Z");
        assertThat(tasks("from=2027-01-22&to=2027-01-22&kind=FESTIVAL", admin))
                .extracting(t -> t.get("id").asText())
                .containsExactlyInAnyOrder("fe.2027-spring_festival." + zhang, "fe.2027-spring_festival." + xiaojun);
        assertThat(hub.column("SELECT COUNT(*) FROM care_tasks WHERE kind = 'FESTIVAL'")).containsExactly("2");
    }

    @Test
    void across_the_month_end_the_new_month_opens_and_an_unvisited_month_is_overdue() {
        visit(zhang, Instant.parse("2026-11-29T09:00:00Z"), cadre);
        moveTo("2026-11-30T16:30:00Z"); // 00:30 on 1 December in Beijing

        JsonNode tasks = tasks("from=2026-11-01&to=2026-12-31&residentId=" + xiaojun, cadre);

        assertThat(tasks).extracting(t -> t.get("id").asText() + " " + t.get("status").asText()).containsExactly(
                "mv.2026-11." + xiaojun + " OVERDUE", "mv.2026-12." + xiaojun + " OPEN");
        assertThat(tasks("from=2026-11-01&to=2026-12-31&status=OVERDUE", cadre))
                .extracting(t -> t.get("residentId").asText()).containsExactly(xiaojun);
        assertThat(tasks("from=2026-11-01&to=2026-12-31&status=DONE", cadre))
                .extracting(t -> t.get("id").asText()).containsExactly("mv.2026-11." + zhang);
    }

    @Test
    void a_visit_completes_every_open_task_it_satisfies_and_not_a_festival_before_its_window() {
        moveTo("2027-01-10T02:00:00Z");
        JsonNode early = visit(zhang, Instant.parse("2027-01-10T01:30:00Z"), cadre).json();
        assertThat(early.get("tasksDone")).extracting(JsonNode::asText).containsExactly("mv.2027-01." + zhang);

        moveTo("2027-02-01T02:00:00Z");
        JsonNode inWindow = visit(zhang, Instant.parse("2027-02-01T01:30:00Z"), cadre).json();

        assertThat(inWindow.get("tasksDone")).extracting(JsonNode::asText).containsExactlyInAnyOrder(
                "fe.2027-spring_festival." + zhang, "mv.2027-02." + zhang);
        JsonNode spring = hub.get("/api/v1/care-tasks/fe.2027-spring_festival." + zhang, cadre).json();
        assertThat(spring.get("status").asText()).isEqualTo("DONE");
        assertThat(spring.get("visitId").asText()).isEqualTo(inWindow.get("id").asText());
        assertThat(spring.get("doneAt").asText()).isEqualTo("2027-02-01T01:30:00Z");
    }

    @Test
    void a_task_that_opens_after_a_visit_already_made_in_its_window_is_done_at_once() {
        // A visit at 00:10 on 1 December, before the hub has planned the day.
        moveTo("2026-11-30T16:10:00Z");
        JsonNode visit = visit(xiaojun, Instant.parse("2026-11-30T16:05:00Z"), cadre).json();

        JsonNode december = hub.get("/api/v1/care-tasks/mv.2026-12." + xiaojun, cadre).json();

        assertThat(december.get("status").asText()).isEqualTo("DONE");
        assertThat(december.get("visitId").asText()).isEqualTo(visit.get("id").asText());
    }

    @Test
    void festivals_go_to_their_people_elders_at_double_ninth_children_at_childrens_day() {
        JsonNode festivals = tasks("from=2027-05-01&to=2027-10-31&kind=FESTIVAL", admin);

        assertThat(festivals).extracting(t -> t.get("festival").asText() + " " + t.get("residentName").asText())
                .containsExactlyInAnyOrder("CHILDREN_DAY 李小军", "DRAGON_BOAT 张桂英", "DRAGON_BOAT 李小军",
                        "MID_AUTUMN 张桂英", "MID_AUTUMN 李小军", "DOUBLE_NINTH 张桂英");
        assertThat(festivals).extracting(t -> t.get("festivalOn").asText()).isSorted();
    }

    @Test
    void a_school_term_gives_children_a_start_and_a_vacation_task_which_move_with_its_dates() {
        ObjectNode term = ProtocolJson.mapper().createObjectNode().put("name", "2027年春季学期")
                .put("startsOn", "2027-02-24").put("endsOn", "2027-07-09");
        JsonNode created = hub.post("/api/v1/care-terms", admin, term).json();
        String termId = created.get("id").asText();

        JsonNode tasks = tasks("from=2027-02-17&to=2027-07-31&kind=SCHOOL_START", admin);
        assertThat(tasks).extracting(t -> t.get("id").asText()).containsExactly("ss." + termId + "." + xiaojun);
        assertThat(tasks.get(0).get("title").asText()).isEqualTo("2027年春季学期开学走访");
        assertThat(tasks.get(0).get("opensOn").asText()).isEqualTo("2027-02-17");
        assertThat(tasks("from=2027-07-10&to=2027-07-10&kind=VACATION", admin))
                .extracting(t -> t.get("dueOn").asText()).containsExactly("2027-07-23");

        moveTo("2027-02-20T02:00:00Z");
        assertThat(tasks("from=2027-02-20&to=2027-02-20&kind=SCHOOL_START", admin)).hasSize(1);
        term.put("startsOn", "2027-03-01");
        assertThat(hub.send("PUT", "/api/v1/care-terms/" + termId, admin, term).status()).isEqualTo(200);

        JsonNode moved = hub.get("/api/v1/care-tasks/ss." + termId + "." + xiaojun, admin).json();
        assertThat(moved.get("opensOn").asText()).isEqualTo("2027-02-22");
        assertThat(moved.get("dueOn").asText()).isEqualTo("2027-03-08");
        assertThat(hub.post("/api/v1/care-terms", cadre, term).status()).isEqualTo(403);
    }

    @Test
    void a_task_ahead_can_be_skipped_with_a_reason_and_opened_again() {
        String id = "fe.2027-spring_festival." + zhang;

        JsonNode skipped = hub.post("/api/v1/care-tasks/" + id + "/skip", cadre, Map.of("reason", "春节去昆明女儿家"))
                .json();

        assertThat(skipped.get("status").asText()).isEqualTo("SKIPPED");
        assertThat(skipped.get("skipReason").asText()).isEqualTo("春节去昆明女儿家");
        assertThat(tasks("from=2027-02-01&to=2027-02-06&kind=FESTIVAL", admin))
                .extracting(t -> t.get("id").asText() + " " + t.get("status").asText())
                .containsExactlyInAnyOrder(id + " SKIPPED", "fe.2027-spring_festival." + xiaojun + " OPEN");
        assertThat(hub.post("/api/v1/care-tasks/" + id + "/skip", cadre, Map.of("reason", "again")).status())
                .isEqualTo(409);
        assertThat(hub.post("/api/v1/care-tasks/" + id + "/reopen", cadre, Map.of()).json().get("status").asText())
                .isEqualTo("OPEN");
        assertThat(hub.column("SELECT action FROM audit_log WHERE action LIKE 'care-task.%' ORDER BY seq"))
                .containsExactly("care-task.skip", "care-task.reopen");
        TestHub.Answer noReason = hub.post("/api/v1/care-tasks/" + id + "/skip", cadre, Map.of("reason", " "));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.errorMessage()).contains("reason");
        assertThat(hub.post("/api/v1/care-tasks/fe.2027-no_such_day." + zhang + "/skip", cadre,
                Map.of("reason", "x")).status()).isEqualTo(404);
    }

    @Test
    void pages_of_stored_and_foreseen_tasks_follow_the_link_header_and_hold_every_task_once() {
        for (int i = 0; i < 7; i++) {
            hub.resident("老人" + i, "和平村", i % 2 == 0 ? "ELDER" : "CHILD");
        }
        String path = "/api/v1/care-tasks?from=2026-11-29&to=2027-03-31&limit=5";
        JsonNode whole = hub.get("/api/v1/care-tasks?from=2026-11-29&to=2027-03-31&limit=1000", admin).json();
        List<String> walked = new ArrayList<>();
        int pages = 0;
        while (path != null) {
            TestHub.Answer page = hub.get(path, admin);
            assertThat(page.status()).isEqualTo(200);
            page.json().forEach(task -> walked.add(task.get("id").asText()));
            pages++;
            path = page.headers().firstValue("Link").map(link -> {
                Matcher matcher = NEXT.matcher(link);
                assertThat(matcher.matches()).isTrue();
                return matcher.group(1);
            }).orElse(null);
        }

        // 9 residents: November and four more months each, and 春节 for everyone.
        assertThat(walked).hasSize(9 * 5 + 9);
        assertThat(new HashSet<>(walked)).hasSize(walked.size());
        List<String> ids = new ArrayList<>();
        List<String> dues = new ArrayList<>();
        whole.forEach(task -> {
            ids.add(task.get("id").asText());
            dues.add(task.get("dueOn").asText());
        });
        assertThat(walked).containsExactlyElementsOf(ids);
        assertThat(dues).isSorted();
        assertThat(pages).isEqualTo(11);
    }

    @Test
    void a_cadre_sees_their_village_only_and_may_not_record_a_visit_elsewhere() {
        String other = hub.resident("王大爷", "大村", "ELDER");

        assertThat(hub.get("/api/v1/care-tasks?village=大村", cadre).status()).isEqualTo(403);
        assertThat(tasks("from=2026-11-29&to=2026-11-29", cadre)).extracting(t -> t.get("village").asText())
                .containsOnly("和平村");
        assertThat(hub.get("/api/v1/care-tasks/mv.2026-11." + other, cadre).status()).isEqualTo(403);
        TestHub.Answer elsewhere = visit(other, TestHub.START, cadre);
        assertThat(elsewhere.status()).isEqualTo(403);
        assertThat(hub.column("SELECT COUNT(*) FROM visits")).containsExactly("0");
        assertThat(tasks("from=2026-11-29&to=2026-11-29&cadreId=" + cadreId, admin)).hasSize(2);
    }

    @Test
    void a_kiosk_visit_completes_the_months_task_too() {
        TestHub.Kiosk kiosk = hub.kiosk("和平村幸福小院", "和平村");
        JsonNode event = TestHub.visited("李建华", zhang, "身体良好");

        assertThat(hub.sync(kiosk, null, event).json().get("accepted")).hasSize(1);

        JsonNode task = hub.get("/api/v1/care-tasks/mv.2026-11." + zhang, cadre).json();
        assertThat(task.get("status").asText()).isEqualTo("DONE");
        assertThat(task.get("visitId").asText()).isEqualTo(event.get("id").asText());
        JsonNode visit = hub.get("/api/v1/visits/" + event.get("id").asText(), cadre).json();
        assertThat(visit.get("source").asText()).isEqualTo("KIOSK");
        assertThat(visit.get("cadreId").asText()).isEqualTo(cadreId);
        assertThat(visit.get("eventId").asText()).isEqualTo(event.get("id").asText());
    }

    @Test
    void someone_who_leaves_the_ledger_has_their_open_tasks_skipped() {
        assertThat(tasks("from=2026-11-29&to=2026-11-29", cadre)).hasSize(2);
        assertThat(hub.send("PATCH", "/api/v1/residents/" + zhang, admin, Map.of("active", false)).status())
                .isEqualTo(200);

        JsonNode task = hub.get("/api/v1/care-tasks/mv.2026-11." + zhang, admin).json();

        assertThat(task.get("status").asText()).isEqualTo("SKIPPED");
        assertThat(task.get("skipReason").asText()).isEqualTo("已不在册");
        assertThat(tasks("from=2027-01-01&to=2027-01-31", admin)).extracting(t -> t.get("residentId").asText())
                .containsOnly(xiaojun);
    }

    @Test
    void a_missed_check_in_alert_sends_someone_to_look_today_and_their_visit_closes_it() {
        moveTo("2026-12-03T02:00:00Z"); // never checked in since 29 November: due 30th, alerted on 2 December
        assertThat(hub.hub.runCheck(CheckInFeature.MISSED_CHECK)).isEqualTo(2);
        String alert = hub.column("SELECT id FROM check_in_alerts WHERE resident_id = '" + zhang + "'").get(0);

        JsonNode task = hub.get("/api/v1/care-tasks/mc.a-" + alert + "." + zhang, cadre).json();
        assertThat(task.get("kind").asText()).isEqualTo("MISSED_CHECK_IN");
        assertThat(task.get("title").asText()).isEqualTo("未报平安，上门看看");
        assertThat(task.get("opensOn").asText()).isEqualTo("2026-12-03");
        assertThat(task.get("dueOn").asText()).isEqualTo("2026-12-03");
        assertThat(task.get("resident").get("alert").asBoolean()).isTrue();

        moveTo("2026-12-04T02:00:00Z");
        assertThat(hub.get("/api/v1/care-tasks/mc.a-" + alert + "." + zhang, cadre).json().get("status").asText())
                .isEqualTo("OVERDUE");
        JsonNode late = visit(zhang, Instant.parse("2026-12-04T01:00:00Z"), cadre).json();
        assertThat(late.get("tasksDone")).extracting(JsonNode::asText)
                .contains("mc.a-" + alert + "." + zhang, "mv.2026-12." + zhang);
    }

    @Test
    void a_resolved_medical_request_and_a_pause_for_hospital_each_bring_a_follow_up_within_three_days() {
        TestHub.Kiosk kiosk = hub.kiosk("和平村幸福小院", "和平村");
        UUID request = UUID.randomUUID();
        hub.sync(kiosk, null, TestHub.event(request, "HELP_REQUESTED", TestHub.START, true,
                Map.of("source", "SCREEN", "category", "MEDICAL", "residentId", zhang)));
        assertThat(hub.transition(admin, request, "ACKNOWLEDGED", null).status()).isEqualTo(200);
        assertThat(hub.column("SELECT COUNT(*) FROM care_tasks WHERE kind = 'ILLNESS'")).containsExactly("0");
        assertThat(hub.transition(admin, request, "RESOLVED", null).status()).isEqualTo(200);

        JsonNode afterRequest = hub.get("/api/v1/care-tasks/il.h-" + request + "." + zhang, cadre).json();
        assertThat(afterRequest.get("title").asText()).isEqualTo("病后回访");
        assertThat(afterRequest.get("opensOn").asText()).isEqualTo("2026-11-29");
        assertThat(afterRequest.get("dueOn").asText()).isEqualTo("2026-12-02");

        assertThat(hub.post("/api/v1/residents/" + xiaojun + "/pause", cadre, Map.of("until", "2026-12-10",
                "reason", "HOSPITAL")).status()).isEqualTo(200);
        assertThat(hub.get("/api/v1/care-tasks/il.p-2026-11-29." + xiaojun, cadre).json().get("dueOn").asText())
                .isEqualTo("2026-12-02");
        assertThat(hub.post("/api/v1/residents/" + zhang + "/pause", cadre, Map.of("until", "2026-12-10",
                "reason", "AWAY")).status()).isEqualTo(200);
        assertThat(hub.column("SELECT COUNT(*) FROM care_tasks WHERE kind = 'ILLNESS'")).containsExactly("2");
    }

    @Test
    void a_visits_photo_is_kept_small_without_metadata_and_shown_to_its_village_only() throws Exception {
        String id = visit(zhang, TestHub.START, cadre).json().get("id").asText();
        java.awt.image.BufferedImage picture = new java.awt.image.BufferedImage(1600, 1200,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(picture, "png", png);

        TestHub.Answer stored = hub.send(java.net.http.HttpRequest.newBuilder(hub.uri("/api/v1/visits/" + id + "/photo"))
                .header("Authorization", "Bearer " + cadre).header("Content-Type", "image/png")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(png.toByteArray())).build());

        assertThat(stored.status()).as(stored.body()).isEqualTo(200);
        assertThat(hub.get("/api/v1/visits/" + id, admin).json().get("photo").get("sha256").asText())
                .isEqualTo(stored.json().get("sha256").asText());
        java.net.http.HttpResponse<byte[]> photo = hub.http.send(java.net.http.HttpRequest.newBuilder(
                hub.uri("/api/v1/visits/" + id + "/photo")).header("Authorization", "Bearer " + cadre).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(photo.headers().firstValue("Content-Type")).contains("image/jpeg");
        java.awt.image.BufferedImage kept = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(photo.body()));
        assertThat(kept.getWidth()).isEqualTo(640);
        assertThat(kept.getHeight()).isEqualTo(480);
        assertThat(hub.column("SELECT action FROM audit_log WHERE action = 'visit.photo'")).hasSize(1);
        hub.addUser("dacun", "CADRE", "大村", null);
        assertThat(hub.get("/api/v1/visits/" + id + "/photo", hub.login("dacun", "password-dacun")).status())
                .isEqualTo(403);
    }

    @Test
    void care_tasks_page_as_every_other_list_with_their_filters_kept_in_the_link() {
        hub.assertPagingBounds("/api/v1/care-tasks?from=2026-11-29&to=2027-03-31", cadre, 1000);
        // A cursor another list made (a check-in's time and event id) names no task.
        TestHub.Answer foreign = hub.get("/api/v1/care-tasks?cursor="
                + org.courtyard.hub.core.Cursor.of(1764410400000L, UUID.randomUUID()).token(), cadre);
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.errorMessage()).contains("'cursor'");

        hub.resident("大村老人", "大村", "ELDER");
        for (int i = 0; i < 3; i++) {
            hub.resident("老人" + i, "和平村", "ELDER");
        }
        String path = "/api/v1/care-tasks?from=2026-11-29&to=2027-01-31&kind=MONTHLY_VISIT&village="
                + java.net.URLEncoder.encode("和平村", java.nio.charset.StandardCharsets.UTF_8) + "&limit=4";
        List<JsonNode> walked = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        while (path != null) {
            TestHub.Answer page = hub.get(path, cadre);
            assertThat(page.status()).isEqualTo(200);
            page.json().forEach(walked::add);
            sizes.add(page.json().size());
            path = page.next().orElse(null);
            if (path != null) {
                assertThat(path).contains("kind=MONTHLY_VISIT", "village=", "from=2026-11-29", "limit=4");
            }
        }

        // 5 elders and children of 和平村, three monthly visits each (November, December, January).
        assertThat(sizes).containsExactly(4, 4, 4, 3);
        assertThat(walked).extracting(t -> t.get("id").asText()).doesNotHaveDuplicates();
        assertThat(walked).allSatisfy(t -> {
            assertThat(t.get("village").asText()).isEqualTo("和平村");
            assertThat(t.get("kind").asText()).isEqualTo("MONTHLY_VISIT");
        });
        assertThat(hub.get("/api/v1/care-tasks?village="
                + java.net.URLEncoder.encode("大村", java.nio.charset.StandardCharsets.UTF_8), cadre).status())
                .isEqualTo(403);
    }

    @Test
    void bad_queries_are_refused_naming_the_parameter() {
        assertThat(hub.get("/api/v1/care-tasks?status=LATE", cadre).errorMessage()).contains("status");
        assertThat(hub.get("/api/v1/care-tasks?kind=visit", cadre).errorMessage()).contains("kind");
        assertThat(hub.get("/api/v1/care-tasks?from=29.11.2026", cadre).errorMessage()).contains("from");
        assertThat(hub.get("/api/v1/care-tasks?from=2026-12-01&to=2026-11-01", cadre).errorMessage()).contains("to");
        assertThat(hub.get("/api/v1/care-tasks?from=2026-01-01&to=2027-12-31", cadre).errorMessage()).contains("to");
        assertThat(hub.get("/api/v1/care-tasks?cursor=abc", cadre).errorMessage()).contains("cursor");
        assertThat(hub.get("/api/v1/care-tasks?limit=0", cadre).errorMessage()).contains("limit");
        assertThat(hub.get("/api/v1/care-tasks", null).status()).isEqualTo(401);
    }

    private void pair(String residentId, String cadre) {
        JsonNode resident = hub.get("/api/v1/residents/" + residentId, admin).json();
        ObjectNode patch = ProtocolJson.mapper().createObjectNode();
        ArrayNode ids = patch.putArray("cadreIds");
        resident.get("cadres").forEach(paired -> ids.add(paired.get("id").asText()));
        ids.add(cadre);
        assertThat(hub.send("PATCH", "/api/v1/residents/" + residentId, admin, patch).status()).isEqualTo(200);
    }

    private JsonNode tasks(String query, String token) {
        TestHub.Answer answer = hub.get("/api/v1/care-tasks?" + query, token);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static JsonNode byResident(JsonNode tasks, String residentId) {
        for (JsonNode task : tasks) {
            if (task.get("residentId").asText().equals(residentId)) {
                return task;
            }
        }
        throw new AssertionError("no task of " + residentId + " in " + tasks);
    }

    private TestHub.Answer visit(String residentId, Instant at, String token) {
        ObjectNode body = ProtocolJson.mapper().createObjectNode().put("id", UUID.randomUUID().toString())
                .put("residentId", residentId).put("at", at.toString());
        return hub.post("/api/v1/visits", token, body);
    }

    private void moveTo(String instant) {
        Duration ahead = Duration.between(hub.clock.instant(), Instant.parse(instant));
        assertThat(ahead.isNegative()).isFalse();
        hub.clock.advance(ahead);
        // Sessions last 12 hours: log in again, as people would.
        admin = hub.login("admin", TestHub.ADMIN_PASSWORD);
        cadre = hub.login("lijianhua", "password-lijianhua");
    }
}
