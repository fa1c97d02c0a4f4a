package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.courtyard.protocol.ProtocolJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The survey over HTTP: {@code /api/v1/survey-rounds} with its reviews, flags, close and diff, as
 * staff and as a village cadre, and every refusal with its status and the field it names.
 */
class SurveyTest {

    @TempDir
    Path dir;

    TestHub hub;
    String staff;
    String cadre;
    String zhang;
    String li;
    String zhao;
    String zhou;

    @BeforeEach
    void start() {
        hub = new TestHub(dir);
        staff = hub.user("staff1", "STAFF", null);
        cadre = hub.user("lijianhua", "CADRE", "和平村");
        zhang = resident(ProtocolJson.mapper().createObjectNode().put("name", "张桂英").put("village", "和平村")
                .put("type", "ELDER").put("birthDate", "1946-08-01").put("childrenAway", "ALL"));
        li = resident(child("李小军"));
        zhao = resident(child("赵小雨"));
        zhou = resident(ProtocolJson.mapper().createObjectNode().put("name", "周大娘").put("village", "团结村")
                .put("type", "ELDER").put("birthDate", "1950-01-01").put("childrenAway", "ALL"));
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void staff_open_a_round_and_a_cadre_confirms_changes_and_marks_left_and_the_board_and_ledger_follow() {
        TestHub.Answer opened = open("2027年上半年");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String round = opened.json().get("id").asText();
        assertThat(opened.json().get("status").asText()).isEqualTo("OPEN");
        assertThat(opened.json().get("progress").get("total").asInt()).isEqualTo(4);

        TestHub.Answer confirmed = review(cadre, round, Map.of("residentId", zhang, "outcome", "CONFIRMED"));
        TestHub.Answer changed = review(cadre, round, Map.of("residentId", li, "outcome", "CHANGED",
                "changes", Map.of("school", "镇中心小学")));
        TestHub.Answer left = review(cadre, round, Map.of("residentId", zhao, "outcome", "LEFT",
                "reason", "PARENTS_RETURNED", "note", "父母回乡开店"));

        assertThat(List.of(confirmed.status(), changed.status(), left.status())).containsOnly(201);
        assertThat(changed.json().get("changes").get("school")).extracting(JsonNode::asText)
                .containsExactly("和平村完小", "镇中心小学");
        JsonNode board = hub.get("/api/v1/survey-rounds/" + round, cadre).json();
        assertThat(board.get("progress").get("reviewed").asInt()).isEqualTo(3);
        assertThat(board.get("progress").get("total").asInt()).as("the cadre's village").isEqualTo(3);
        assertThat(board.get("villages")).hasSize(1);
        assertThat(board.get("toReview")).isEmpty();
        JsonNode staffBoard = hub.get("/api/v1/survey-rounds/" + round, staff).json();
        assertThat(staffBoard.get("progress").get("total").asInt()).isEqualTo(4);
        assertThat(staffBoard.get("toReview")).extracting(p -> p.get("name").asText()).containsExactly("周大娘");
        assertThat(hub.get("/api/v1/residents/" + li, staff).json().get("school").asText()).isEqualTo("镇中心小学");
        JsonNode gone = hub.get("/api/v1/residents/" + zhao, staff).json();
        assertThat(gone.get("active").asBoolean()).isFalse();
        assertThat(gone.get("leftReason").asText()).isEqualTo("PARENTS_RETURNED");
        assertThat(hub.column("SELECT action FROM audit_log WHERE action LIKE 'survey.%' ORDER BY seq"))
                .containsExactly("survey.open", "survey.review", "survey.review", "survey.review");
    }

    @Test
    void bad_requests_are_refused_with_the_status_and_the_field_and_store_nothing() {
        assertThat(open("2027年上半年", cadre).status()).isEqualTo(403);
        TestHub.Answer past = hub.post("/api/v1/survey-rounds", staff, Map.of("name", "旧的", "closesOn", "2020-01-01"));
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.errorMessage()).contains("closesOn");
        assertThat(hub.post("/api/v1/survey-rounds", staff, Map.of("closesOn", "2027-06-30")).errorMessage())
                .contains("name");
        String round = open("2027年上半年").json().get("id").asText();
        assertThat(open("2027年下半年").status()).isEqualTo(409);

        TestHub.Answer badOutcome = review(cadre, round, Map.of("residentId", zhang, "outcome", "MAYBE"));
        assertThat(badOutcome.status()).isEqualTo(400);
        assertThat(badOutcome.errorMessage()).contains("outcome");
        TestHub.Answer noReason = review(cadre, round, Map.of("residentId", zhao, "outcome", "LEFT"));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.errorMessage()).contains("reason");
        TestHub.Answer badChange = review(cadre, round, Map.of("residentId", li, "outcome", "CHANGED",
                "changes", Map.of("parentsPhone", "138****1234")));
        assertThat(badChange.status()).isEqualTo(400);
        assertThat(badChange.errorMessage()).contains("parentsPhone");
        assertThat(badChange.json().get("error").get("code").asText()).isEqualTo("invalid_field");
        assertThat(review(cadre, round, Map.of("residentId", zhou, "outcome", "CONFIRMED")).status()).isEqualTo(403);
        assertThat(review(cadre, round, Map.of("residentId", "r-nobody22", "outcome", "CONFIRMED")).status())
                .isEqualTo(404);
        assertThat(review(cadre, "s-nothere", Map.of("residentId", zhang, "outcome", "CONFIRMED")).status())
                .isEqualTo(404);
        assertThat(hub.get("/api/v1/survey-rounds/" + round + "?village=团结村", cadre).status()).isEqualTo(403);

        assertThat(hub.get("/api/v1/survey-rounds/" + round, staff).json().get("progress").get("reviewed").asInt())
                .isZero();
        assertThat(hub.get("/api/v1/residents/" + li, staff).json().get("parentsPhone").isNull()).isTrue();

        assertThat(review(cadre, round, Map.of("residentId", zhang, "outcome", "CONFIRMED")).status()).isEqualTo(201);
        TestHub.Answer twice = review(staff, round, Map.of("residentId", zhang, "outcome", "CONFIRMED"));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().get("error").get("code").asText()).isEqualTo("already_reviewed");
    }

    @Test
    void the_people_of_a_round_come_in_pages_with_a_link_to_the_next() {
        String round = open("2027年上半年").json().get("id").asText();

        List<String> names = new ArrayList<>();
        String path = "/api/v1/survey-rounds/" + round + "/people?show=to-review&limit=3";
        int pages = 0;
        while (path != null) {
            TestHub.Answer page = hub.get(path, staff);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().get("items").forEach(item -> names.add(item.get("name").asText()));
            path = page.headers().firstValue("Link").map(link -> link.substring(1, link.indexOf('>'))).orElse(null);
            pages++;
        }

        assertThat(pages).isEqualTo(2);
        assertThat(names).as("by village, then name").containsExactly("张桂英", "李小军", "赵小雨", "周大娘");
        assertThat(hub.get("/api/v1/survey-rounds/" + round + "/people?show=everyone", staff).errorMessage())
                .contains("show");
        assertThat(hub.get("/api/v1/survey-rounds/" + round + "/people?limit=0", staff).errorMessage())
                .contains("limit");
    }

    @Test
    void a_flag_waits_for_a_staff_decision_and_remove_takes_the_person_out_of_the_ledger() {
        String round = open("2027年上半年").json().get("id").asText();
        review(cadre, round, Map.of("residentId", li, "outcome", "CHANGED", "changes", Map.of("parentsAway", "NONE")));

        JsonNode flagged = hub.get("/api/v1/survey-rounds/" + round + "/people?show=flagged", staff).json();
        assertThat(flagged.get("items")).singleElement().satisfies(item -> {
            assertThat(item.get("flag").asText()).isEqualTo("NO_LONGER_MEETS");
            assertThat(item.get("reasons")).extracting(JsonNode::asText).containsExactly("PARENTS_NOT_AWAY");
        });
        String decision = "/api/v1/survey-rounds/" + round + "/people/" + li + "/decision";
        assertThat(hub.post(decision, cadre, Map.of("decision", "REMOVE")).status()).isEqualTo(403);
        assertThat(hub.post(decision, staff, Map.of("decision", "DROP")).errorMessage()).contains("decision");

        TestHub.Answer removed = hub.post(decision, staff, Map.of("decision", "REMOVE"));

        assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        assertThat(removed.json().get("decision").asText()).isEqualTo("REMOVE");
        assertThat(hub.get("/api/v1/residents/" + li, staff).json().get("leftReason").asText()).isEqualTo("NOT_ELIGIBLE");
        assertThat(hub.post(decision, staff, Map.of("decision", "KEEP")).status()).isEqualTo(409);
        assertThat(hub.get("/api/v1/survey-rounds/" + round, staff).json().get("progress").get("decided").asInt())
                .isEqualTo(1);
    }

    @Test
    void a_closed_round_is_read_only_and_its_diff_comes_as_json_and_as_csv() {
        String round = open("2027年上半年").json().get("id").asText();
        review(cadre, round, Map.of("residentId", li, "outcome", "CHANGED", "changes", Map.of("school", "镇中心小学")));
        review(cadre, round, Map.of("residentId", zhao, "outcome", "LEFT", "reason", "PARENTS_RETURNED"));
        assertThat(hub.get("/api/v1/survey-rounds/" + round + "/diff", staff).status()).isEqualTo(409);

        TestHub.Answer closed = hub.post("/api/v1/survey-rounds/" + round + "/close", staff, Map.of());

        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        assertThat(closed.json().get("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.json().get("closedBy").asText()).isEqualTo("staff1");
        assertThat(hub.post("/api/v1/survey-rounds/" + round + "/close", staff, Map.of()).status()).isEqualTo(409);
        assertThat(hub.post("/api/v1/survey-rounds/" + round + "/close", cadre, Map.of()).status()).isEqualTo(403);
        assertThat(review(cadre, round, Map.of("residentId", zhang, "outcome", "CONFIRMED")).status()).isEqualTo(409);
        JsonNode diff = hub.get("/api/v1/survey-rounds/" + round + "/diff", staff).json();
        assertThat(diff.get("from").get("stage").asText()).isEqualTo("OPEN");
        assertThat(diff.get("leftCount").asInt()).isEqualTo(1);
        assertThat(diff.get("left").get(0).get("reason").asText()).isEqualTo("PARENTS_RETURNED");
        assertThat(diff.get("changed").get(0).get("fields").get(0).get("after").asText()).isEqualTo("镇中心小学");

        TestHub.Answer csv = hub.get("/api/v1/survey-rounds/" + round + "/diff.csv", staff);

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("attachment", ".csv");
        assertThat(csv.body()).startsWith("\uFEFF变化,村,姓名,类型,编号,说明\r\n");
        assertThat(csv.body()).contains("退出,和平村,赵小雨,留守儿童," + zhao + ",父母返乡\r\n");
        assertThat(csv.body()).contains("信息变更,和平村,李小军,留守儿童," + li + ",学校：和平村完小 → 镇中心小学\r\n");
        assertThat(hub.get("/api/v1/survey-rounds/" + round + "/diff?from=s-nothere", staff).errorMessage())
                .contains("from");
        assertThat(hub.get("/api/v1/survey-rounds", cadre).json()).singleElement()
                .satisfies(r -> assertThat(r.get("status").asText()).isEqualTo("CLOSED"));
    }

    @Test
    void the_diff_pages_by_the_link_with_the_whole_counts_on_every_page_and_a_cadre_walks_their_village() {
        String round = open("2027年上半年").json().get("id").asText();
        review(cadre, round, Map.of("residentId", li, "outcome", "CHANGED", "changes", Map.of("school", "镇中心小学")));
        review(cadre, round, Map.of("residentId", zhao, "outcome", "LEFT", "reason", "PARENTS_RETURNED"));
        for (int i = 0; i < 7; i++) {
            hub.resident("新人" + i, "和平村", "ELDER");
        }
        hub.resident("团结新人1", "团结村", "ELDER");
        hub.resident("团结新人2", "团结村", "ELDER");
        assertThat(hub.post("/api/v1/survey-rounds/" + round + "/close", staff, Map.of()).status()).isEqualTo(200);
        String path = "/api/v1/survey-rounds/" + round + "/diff";

        List<List<String>> pages = walkDiff(path + "?limit=4", staff);

        // 9 came, 1 left, 1 changed: in that order, each by resident id, 4 a page.
        assertThat(pages).extracting(List::size).containsExactly(4, 4, 3);
        List<String> all = pages.stream().flatMap(List::stream).toList();
        assertThat(all).doesNotHaveDuplicates().hasSize(11);
        assertThat(all.subList(0, 9)).allMatch(kind -> kind.startsWith("came:"));
        assertThat(all.subList(0, 9)).isSorted();
        assertThat(all.subList(9, 11)).containsExactly("left:" + zhao, "changed:" + li);
        assertThat(walkDiff(path + "?limit=4", cadre).stream().flatMap(List::stream).toList())
                .hasSize(9).endsWith("left:" + zhao, "changed:" + li);
        hub.assertPagingBounds(path, staff, 1000);
        TestHub.Answer foreign = hub.get(path + "?cursor=" + org.courtyard.hub.core.Cursor.of("SOON", "r-1", 1, 2, 3)
                .token(), staff);
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.errorMessage()).contains("'cursor'");
        String csv = hub.get(path + ".csv", staff).body();
        assertThat(csv.split("\r\n")).hasSize(1 + 11);
    }

    /** The diff's people page by page, following the Link: "came:ID", "left:ID", "changed:ID". */
    private List<List<String>> walkDiff(String path, String token) {
        List<List<String>> pages = new java.util.ArrayList<>();
        Integer came = null;
        for (String at = path; at != null; ) {
            TestHub.Answer page = hub.get(at, token);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            JsonNode diff = page.json();
            if (came != null) {
                assertThat(diff.get("cameCount").asInt()).as("the whole diff's count on every page").isEqualTo(came);
            }
            came = diff.get("cameCount").asInt();
            List<String> people = new java.util.ArrayList<>();
            for (String kind : List.of("came", "left", "changed")) {
                diff.get(kind).forEach(person -> people.add(kind + ":" + person.get("residentId").asText()));
            }
            pages.add(people);
            at = page.next().orElse(null);
        }
        return pages;
    }

    @Test
    void a_person_the_survey_finds_is_added_to_the_ledger_with_the_round_and_waits_for_the_township() {
        String round = open("2027年上半年").json().get("id").asText();
        ObjectNode found = child("马小花").put("village", "和平村").put("round", round);

        TestHub.Answer added = hub.post("/api/v1/residents", cadre, found);

        assertThat(added.status()).as(added.body()).isEqualTo(201);
        String id = added.json().get("id").asText();
        assertThat(added.json().get("name").asText()).isEqualTo("马小花");
        assertThat(added.json().has("round")).isFalse();
        JsonNode person = hub.get("/api/v1/survey-rounds/" + round + "/people/" + id, staff).json();
        assertThat(person.get("added").asBoolean()).isTrue();
        assertThat(person.get("flag").asText()).isEqualTo("NEWLY_MEETS");
        JsonNode progress = hub.get("/api/v1/survey-rounds/" + round, staff).json().get("progress");
        assertThat(progress.get("added").asInt()).isEqualTo(1);
        assertThat(progress.get("flagged").asInt()).isEqualTo(1);
        assertThat(hub.column("SELECT action FROM audit_log WHERE target = '" + id + "' ORDER BY seq"))
                .containsExactly("resident.create", "survey.add");

        assertThat(hub.post("/api/v1/residents", cadre, child("马小草").put("village", "和平村").put("round", "s-nothere"))
                .status()).isEqualTo(404);
        assertThat(hub.post("/api/v1/residents", cadre, child("马小草").put("village", "和平村").put("round", 7))
                .errorMessage()).contains("round");
        assertThat(hub.post("/api/v1/residents", cadre, child("马小草").put("village", "团结村").put("round", round))
                .status()).isEqualTo(403);
        assertThat(hub.column("SELECT COUNT(*) FROM residents WHERE name = '马小草'")).containsExactly("0");
    }

    private TestHub.Answer open(String name) {
        return open(name, staff);
    }

    private TestHub.Answer open(String name, String token) {
        return hub.post("/api/v1/survey-rounds", token, Map.of("name", name, "closesOn", "2027-06-30"));
    }

    private TestHub.Answer review(String token, String round, Map<String, ?> body) {
        return hub.post("/api/v1/survey-rounds/" + URLEncoder.encode(round, StandardCharsets.UTF_8) + "/reviews", token,
                body);
    }

    private String resident(ObjectNode body) {
        TestHub.Answer answer = hub.post("/api/v1/residents", hub.adminToken, body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().get("id").asText();
    }

    private static ObjectNode child(String name) {
        return ProtocolJson.mapper().createObjectNode().put("name", name).put("village", "和平村").put("type", "CHILD")
                .put("birthDate", "2017-04-01").put("parentsAway", "BOTH").put("school", "和平村完小");
    }
}
