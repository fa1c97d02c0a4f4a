package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.courtyard.protocol.ProtocolJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two staff edit the same thing: every editable resource has an ETag, and a PUT or PATCH made from
 * an older copy (If-Match) is 412 with the current state instead of overwriting the other's edit.
 */
class EditConflictTest {

    @TempDir
    Path dir;

    TestHub hub;
    String wang;
    String li;

    @BeforeEach
    void start() {
        hub = new TestHub(dir);
        wang = hub.user("wang", "STAFF", null);
        li = hub.user("li", "STAFF", null);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void the_second_of_two_edits_of_a_resident_from_the_same_copy_is_412_and_changes_nothing() {
        String id = hub.resident("张桂英", "和平村", "ELDER");
        TestHub.Answer loaded = hub.get("/api/v1/residents/" + id, wang);
        String etag = loaded.headers().firstValue("ETag").orElseThrow();
        ObjectNode wangsEdit = editable(loaded).put("phone", "13800000001");
        ObjectNode lisEdit = editable(loaded).put("address", "和平村三组");

        TestHub.Answer first = send("PUT", "/api/v1/residents/" + id, wang, etag, wangsEdit);
        TestHub.Answer second = send("PUT", "/api/v1/residents/" + id, li, etag, lisEdit);

        assertThat(etag).isEqualTo("\"1\"");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.headers().firstValue("ETag")).hasValue("\"2\"");
        assertThat(second.status()).isEqualTo(412);
        assertThat(second.json().at("/error/code").asText()).isEqualTo("precondition_failed");
        assertThat(second.json().at("/error/version").asLong()).isEqualTo(2);
        assertThat(second.json().at("/error/current/phone").asText()).isEqualTo("13800000001");
        TestHub.Answer now = hub.get("/api/v1/residents/" + id, wang);
        assertThat(now.json().get("phone").asText()).isEqualTo("13800000001");
        assertThat(now.json().get("address").isNull()).as("li's stale edit did not land").isTrue();

        TestHub.Answer reapplied = send("PUT", "/api/v1/residents/" + id, li, "\"2\"",
                editable(now).put("address", "和平村三组"));
        assertThat(reapplied.status()).isEqualTo(200);
        assertThat(reapplied.json().get("phone").asText()).isEqualTo("13800000001");
        assertThat(reapplied.json().get("address").asText()).isEqualTo("和平村三组");
        assertThat(reapplied.json().get("version").asLong()).isEqualTo(3);
    }

    @Test
    void a_patch_with_if_match_is_checked_too_and_without_it_the_last_edit_wins_as_before() {
        String id = hub.resident("李小军", "和平村", "CHILD");

        TestHub.Answer stale = send("PATCH", "/api/v1/residents/" + id, wang, "\"7\"",
                ProtocolJson.mapper().createObjectNode().put("school", "和平小学"));
        TestHub.Answer any = send("PATCH", "/api/v1/residents/" + id, wang, "*",
                ProtocolJson.mapper().createObjectNode().put("school", "和平小学"));
        TestHub.Answer none = send("PATCH", "/api/v1/residents/" + id, wang, null,
                ProtocolJson.mapper().createObjectNode().put("schoolClass", "三年级"));

        assertThat(stale.status()).isEqualTo(412);
        assertThat(any.status()).isEqualTo(200);
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.headers().firstValue("ETag")).hasValue("\"3\"");
    }

    @Test
    void a_cadre_and_an_announcement_have_etags_and_honour_if_match() {
        String cadre = hub.cadre("李建华", "和平村", "13900001111", null);
        String cadreTag = hub.get("/api/v1/cadres/" + cadre, wang).headers().firstValue("ETag").orElseThrow();
        assertThat(send("PATCH", "/api/v1/cadres/" + cadre, wang, cadreTag,
                ProtocolJson.mapper().createObjectNode().put("phone", "13900002222")).status()).isEqualTo(200);
        TestHub.Answer staleCadre = send("PATCH", "/api/v1/cadres/" + cadre, li, cadreTag,
                ProtocolJson.mapper().createObjectNode().put("name", "李建国"));
        assertThat(staleCadre.status()).isEqualTo(412);
        assertThat(staleCadre.json().at("/error/current/phone").asText()).isEqualTo("13900002222");

        String announcement = new Announce(hub).created(wang, Announce.draft("停水通知", "{\"all\":true}"));
        String announcementTag = hub.get("/api/v1/announcements/" + announcement, wang).headers().firstValue("ETag")
                .orElseThrow();
        assertThat(send("PUT", "/api/v1/announcements/" + announcement, wang, announcementTag,
                Announce.draft("停水通知（改时间）", "{\"all\":true}")).status()).isEqualTo(200);
        TestHub.Answer staleAnnouncement = send("PUT", "/api/v1/announcements/" + announcement, li, announcementTag,
                Announce.draft("停电通知", "{\"all\":true}"));
        assertThat(staleAnnouncement.status()).isEqualTo(412);
        assertThat(staleAnnouncement.json().at("/error/current/title").asText()).isEqualTo("停水通知（改时间）");
        assertThat(hub.get("/api/v1/announcements/" + announcement, wang).json().get("title").asText())
                .isEqualTo("停水通知（改时间）");
    }

    @Test
    void an_if_match_that_is_not_an_etag_of_the_hub_is_400_naming_the_header() {
        String id = hub.resident("王德福", "和平村", "ELDER");

        TestHub.Answer answer = send("PATCH", "/api/v1/residents/" + id, wang, "yesterday",
                ProtocolJson.mapper().createObjectNode().put("note", "x"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorMessage()).contains("If-Match");
    }

    @Test
    void a_change_made_by_the_half_yearly_survey_counts_as_an_edit_so_a_copy_from_before_it_is_412() {
        String xiaojun = child("李小军");
        String xiaoyu = child("赵小雨");
        TestHub.Answer junLoaded = hub.get("/api/v1/residents/" + xiaojun, wang);
        TestHub.Answer yuLoaded = hub.get("/api/v1/residents/" + xiaoyu, wang);
        TestHub.Answer opened = hub.post("/api/v1/survey-rounds", li,
                Map.of("name", "2027年上半年", "closesOn", "2027-06-30"));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String reviews = "/api/v1/survey-rounds/" + opened.json().get("id").asText() + "/reviews";

        TestHub.Answer changed = hub.post(reviews, li, Map.of("residentId", xiaojun, "outcome",
                "CHANGED", "changes", Map.of("school", "镇中心小学")));
        TestHub.Answer left = hub.post(reviews, li, Map.of("residentId", xiaoyu, "outcome", "LEFT",
                "reason", "PARENTS_RETURNED"));
        TestHub.Answer staleEdit = send("PUT", "/api/v1/residents/" + xiaojun, wang,
                junLoaded.headers().firstValue("ETag").orElseThrow(), editable(junLoaded).put("phone", "13800000001"));
        TestHub.Answer staleReturn = send("PATCH", "/api/v1/residents/" + xiaoyu, wang,
                yuLoaded.headers().firstValue("ETag").orElseThrow(),
                ProtocolJson.mapper().createObjectNode().put("note", "还在村里"));

        assertThat(changed.status()).as(changed.body()).isEqualTo(201);
        assertThat(left.status()).as(left.body()).isEqualTo(201);
        assertThat(staleEdit.status()).isEqualTo(412);
        assertThat(staleEdit.json().at("/error/version").asLong()).isEqualTo(2);
        assertThat(staleEdit.json().at("/error/current/school").asText()).isEqualTo("镇中心小学");
        assertThat(staleReturn.status()).isEqualTo(412);
        assertThat(staleReturn.json().at("/error/current/active").asBoolean()).isFalse();
        TestHub.Answer junNow = hub.get("/api/v1/residents/" + xiaojun, wang);
        assertThat(junNow.headers().firstValue("ETag")).hasValue("\"2\"");
        assertThat(junNow.json().get("school").asText()).as("the survey's change stands").isEqualTo("镇中心小学");
        assertThat(junNow.json().get("phone").isNull()).isTrue();
        TestHub.Answer yuNow = hub.get("/api/v1/residents/" + xiaoyu, wang);
        assertThat(yuNow.json().get("active").asBoolean()).isFalse();
        assertThat(yuNow.json().get("note").isNull()).isTrue();
    }

    /** A child the survey counts in (born 2017, both parents away). */
    private String child(String name) {
        TestHub.Answer answer = hub.post("/api/v1/residents", hub.adminToken, Map.of("name", name, "village", "和平村",
                "type", "CHILD", "birthDate", "2017-04-01", "parentsAway", "BOTH", "school", "和平村完小"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().get("id").asText();
    }

    /** The editable fields of a loaded resident, as a PUT body. */
    private static ObjectNode editable(TestHub.Answer loaded) {
        ObjectNode body = loaded.json().deepCopy();
        for (String derived : new String[] {"id", "photo", "pausedUntil", "pauseNote", "lastCheckInAt", "lastVisitAt",
            "alert", "createdAt", "updatedAt", "version", "cadres", "leftAt", "leftReason"}) {
            body.remove(derived);
        }
        return body;
    }

    private TestHub.Answer send(String method, String path, String token, String ifMatch, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(hub.uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(ProtocolJson.write(body), StandardCharsets.UTF_8));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return hub.send(request.build());
    }
}
