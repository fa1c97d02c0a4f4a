package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.courtyard.protocol.ProtocolJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every change staff and cadres make to residents, cadres, pauses and announcements leaves exactly
 * one audit row naming who, what and from where; a refused request leaves none. Details never hold
 * a PIN, a phone number or a pause note.
 */
class StaffActionAuditTest {

    private static final String PHONE = "13812345678";

    @TempDir
    Path dir;

    TestHub hub;
    String wang;
    String cadreOfOtherVillage;

    @BeforeEach
    void start() {
        hub = new TestHub(dir);
        wang = hub.user("wang", "STAFF", null);
        cadreOfOtherVillage = hub.user("zhao", "CADRE", "小村");
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void resident_create_edit_and_deactivate_are_each_one_row_and_refusals_none() {
        ObjectNode body = ProtocolJson.mapper().createObjectNode().put("name", "张桂英").put("village", "大村")
                .put("type", "ELDER").put("phone", PHONE);

        JsonNode created = only(logged(() -> expect(201, hub.post("/api/v1/residents", wang, body))));
        String id = created.get("target").asText();
        assertEntry(created, "wang", "resident.create", id, "village=大村 type=ELDER");

        assertEntry(only(logged(() -> expect(200, hub.send("PATCH", "/api/v1/residents/" + id, wang,
                Map.of("phone", "13900001111"))))), "wang", "resident.update", id, "changed: phone");
        ObjectNode replaced = body.deepCopy().put("name", "张桂英").put("note", "独居");
        assertEntry(only(logged(() -> expect(200, hub.send("PUT", "/api/v1/residents/" + id, wang, replaced)))),
                "wang", "resident.update", id, "changed: phone, note");
        assertEntry(only(logged(() -> expect(200, hub.send("PATCH", "/api/v1/residents/" + id, hub.adminToken,
                Map.of("active", false))))), "admin", "resident.deactivate", id, "changed: active");
        assertEntry(only(logged(() -> expect(200, hub.send("PATCH", "/api/v1/residents/" + id, hub.adminToken,
                Map.of("active", true))))), "admin", "resident.reactivate", id, "changed: active");

        assertThat(logged(() -> expect(403, hub.post("/api/v1/residents", cadreOfOtherVillage, body)))).isEmpty();
        assertThat(logged(() -> expect(400, hub.post("/api/v1/residents", wang, body.deepCopy().put("type", "DOG")))))
                .isEmpty();
        assertThat(logged(() -> expect(403, hub.send("PATCH", "/api/v1/residents/" + id, cadreOfOtherVillage,
                Map.of("note", "x"))))).isEmpty();
        assertThat(logged(() -> expect(400, hub.send("PATCH", "/api/v1/residents/" + id, wang,
                Map.of("checkInEveryDays", -3))))).isEmpty();
        assertThat(logged(() -> expect(403, hub.send("PUT", "/api/v1/residents/" + id, cadreOfOtherVillage,
                replaced)))).isEmpty();
        assertNoSecretsInTheLog();
    }

    @Test
    void a_photo_set_and_removed_is_audited_and_a_refused_upload_is_not() throws Exception {
        String id = hub.resident("张桂英", "大村", "ELDER");
        byte[] jpeg = ResidentsTest.picture(200, 200, "jpg");

        JsonNode set = only(logged(() -> expect(200, putPhoto(id, "image/jpeg", jpeg, wang))));
        assertEntry(set, "wang", "resident.photo.set", id, null);
        assertThat(set.get("detail").asText()).endsWith(" bytes stored");
        assertEntry(only(logged(() -> expect(204, hub.delete("/api/v1/residents/" + id + "/photo", wang)))), "wang",
                "resident.photo.delete", id, null);

        assertThat(logged(() -> expect(403, putPhoto(id, "image/jpeg", jpeg, cadreOfOtherVillage)))).isEmpty();
        assertThat(logged(() -> expect(415, putPhoto(id, "image/png", jpeg, wang)))).isEmpty();
        assertThat(logged(() -> expect(403, hub.delete("/api/v1/residents/" + id + "/photo", cadreOfOtherVillage))))
                .isEmpty();
    }

    @Test
    void a_csv_import_is_one_row_with_the_counts_and_a_file_with_errors_none() throws Exception {
        String existing = hub.resident("张桂英", "大村", "ELDER");
        String csv = "id,name,village,type,phone\n" + existing + ",张桂英,大村,ELDER," + PHONE + "\n,李大爷,大村,ELDER,\n"
                + ",王小明,大村,CHILD,\n";

        assertEntry(only(logged(() -> expect(200, importCsv(csv, wang)))), "wang", "resident.import", null,
                "created=2 updated=1");
        assertThat(logged(() -> expect(400, importCsv(csv + ",孙大爷,大村,DOG,\n", wang)))).isEmpty();
        String kioskToken = hub.kiosk("活动室", "大村").token();
        assertThat(logged(() -> expect(403, importCsv(csv, kioskToken)))).isEmpty();

        HttpResponse<byte[]> export = hub.http.send(HttpRequest.newBuilder(hub.uri("/api/v1/residents.csv"))
                .header("Authorization", "Bearer " + wang).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(export.statusCode()).isEqualTo(200);
        JsonNode exported = hub.get("/api/v1/audit?limit=1", hub.adminToken).json().get(0);
        assertEntry(exported, "wang", "resident.export", null, "village=all");
        assertNoSecretsInTheLog();
    }

    @Test
    void a_pause_and_its_end_are_audited_without_the_note() {
        String id = hub.resident("张桂英", "大村", "ELDER");

        assertEntry(only(logged(() -> expect(200, hub.post("/api/v1/residents/" + id + "/pause", wang,
                Map.of("until", "2026-12-10", "note", "住院治疗"))))), "wang", "resident.pause", id, "until=2026-12-10");
        assertEntry(only(logged(() -> expect(200, hub.delete("/api/v1/residents/" + id + "/pause", wang)))), "wang",
                "resident.resume", id, "pause ends today");

        assertThat(logged(() -> expect(400, hub.post("/api/v1/residents/" + id + "/pause", wang,
                Map.of("until", "2020-01-01"))))).isEmpty();
        assertThat(logged(() -> expect(403, hub.post("/api/v1/residents/" + id + "/pause", cadreOfOtherVillage,
                Map.of("until", "2026-12-10"))))).isEmpty();
        assertThat(logged(() -> expect(403, hub.delete("/api/v1/residents/" + id + "/pause", cadreOfOtherVillage))))
                .isEmpty();
        assertThat(hub.column("SELECT COALESCE(detail, '') FROM audit_log")).noneMatch(text -> text.contains("住院"));
    }

    @Test
    void cadre_create_edit_and_pin_are_audited_without_the_pin_or_phone() {
        ObjectNode body = ProtocolJson.mapper().createObjectNode().put("name", "李书记").put("village", "大村")
                .put("phone", PHONE).put("pin", "482913");

        JsonNode created = only(logged(() -> expect(201, hub.post("/api/v1/cadres", wang, body))));
        String id = created.get("target").asText();
        assertEntry(created, "wang", "cadre.create", id, "village=大村 pin=set");

        assertEntry(only(logged(() -> expect(200, hub.send("PATCH", "/api/v1/cadres/" + id, wang,
                Map.of("name", "李支书", "phone", "13900001111"))))), "wang", "cadre.update", id, "changed: name, phone");
        assertEntry(only(logged(() -> expect(200, hub.send("PATCH", "/api/v1/cadres/" + id, wang,
                Map.of("pin", "735106"))))), "wang", "cadre.pin", id, "pin set");
        ObjectNode noPin = ProtocolJson.mapper().createObjectNode().putNull("pin").put("name", "李书记");
        assertEntry(only(logged(() -> expect(200, hub.send("PATCH", "/api/v1/cadres/" + id, hub.adminToken,
                noPin)))), "admin", "cadre.update", id, "changed: name; pin removed");
        assertEntry(only(logged(() -> expect(200, hub.send("PATCH", "/api/v1/cadres/" + id, hub.adminToken,
                Map.of("active", false))))), "admin", "cadre.deactivate", id, "changed: active");

        String li = hub.user("li", "CADRE", "大村");
        String linked = hub.cadre("王委员", "大村", null, "1357");
        expect(200, hub.send("PATCH", "/api/v1/cadres/" + linked, hub.adminToken, Map.of("username", "li")));
        assertEntry(only(logged(() -> expect(200, hub.send("PATCH", "/api/v1/cadres/" + linked, li,
                Map.of("pin", "2468"))))), "li", "cadre.pin", linked, "pin set");

        assertThat(logged(() -> expect(403, hub.post("/api/v1/cadres", li, body)))).isEmpty();
        assertThat(logged(() -> expect(403, hub.send("PATCH", "/api/v1/cadres/" + id, li, Map.of("pin", "9999")))))
                .isEmpty();
        assertThat(logged(() -> expect(403, hub.send("PATCH", "/api/v1/cadres/" + linked, li,
                Map.of("name", "王")))))
                .isEmpty();
        assertThat(logged(() -> expect(400, hub.send("PATCH", "/api/v1/cadres/" + linked, wang,
                Map.of("pin", "12"))))).isEmpty();
        assertThat(logged(() -> expect(409, hub.post("/api/v1/cadres", wang, body.deepCopy().put("pin", "2468")))))
                .isEmpty();
        assertThat(hub.column("SELECT COALESCE(detail, '') || COALESCE(target, '') FROM audit_log"))
                .noneMatch(text -> text.contains("482913") || text.contains("735106") || text.contains("2468")
                        || text.contains("1357"));
        assertNoSecretsInTheLog();
    }

    @Test
    void announcement_create_edit_audio_and_withdraw_are_audited_and_refusals_are_not() {
        Announce api = new Announce(hub);
        hub.kiosk("活动室", "大村");

        JsonNode created = only(logged(() -> expect(201, api.create(wang, Announce.draft("冬季防火",
                "{\"villages\":[\"大村\"]}")))));
        String id = created.get("target").asText();
        assertEntry(created, "wang", "announcement.create", id, "NORMAL villages [大村]");
        assertEntry(only(logged(() -> expect(200, api.edit(wang, id, Announce.draft("冬季防火（更正）",
                "{\"villages\":[\"大村\"]}"))))), "wang", "announcement.update", id, "revision 2");
        JsonNode audio = only(logged(() -> expect(200, api.upload(wang, id, "audio/wav",
                Announce.wav(16_000f, 1, 500)))));
        assertEntry(audio, "wang", "announcement.audio", id, null);
        assertThat(audio.get("detail").asText()).endsWith(" bytes, 500 ms");
        assertEntry(only(logged(() -> expect(200, api.withdraw(hub.adminToken, id)))), "admin",
                "announcement.withdraw", id, "revision 4");

        assertThat(logged(() -> expect(403, api.create(cadreOfOtherVillage, Announce.draft("x",
                "{\"villages\":[\"大村\"]}"))))).isEmpty();
        assertThat(logged(() -> expect(400, api.create(wang, Announce.draft("x", "{\"kiosks\":[\"k-nope\"]}")))))
                .isEmpty();
        assertThat(logged(() -> expect(409, api.withdraw(wang, id)))).isEmpty();
        assertThat(logged(() -> expect(409, api.edit(wang, id, Announce.draft("y", "{\"all\":true}"))))).isEmpty();
    }

    /** Runs {@code call} and returns the audit rows it added, oldest first. */
    private List<JsonNode> logged(Supplier<TestHub.Answer> call) {
        long before = lastSeq();
        call.get();
        List<JsonNode> added = new ArrayList<>();
        hub.get("/api/v1/audit?limit=1000", hub.adminToken).json().forEach(entry -> {
            if (entry.get("seq").asLong() > before) {
                added.add(0, entry);
            }
        });
        return added;
    }

    private long lastSeq() {
        JsonNode last = hub.get("/api/v1/audit?limit=1", hub.adminToken).json();
        return last.isEmpty() ? 0 : last.get(0).get("seq").asLong();
    }

    private static TestHub.Answer expect(int status, TestHub.Answer answer) {
        assertThat(answer.status()).as("status of %s", answer).isEqualTo(status);
        return answer;
    }

    private static JsonNode only(List<JsonNode> entries) {
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    private static void assertEntry(JsonNode entry, String user, String action, String target, String detail) {
        assertThat(entry.get("user").asText()).isEqualTo(user);
        assertThat(entry.get("action").asText()).isEqualTo(action);
        assertThat(entry.get("target").isNull() ? null : entry.get("target").asText()).isEqualTo(target);
        if (detail != null) {
            assertThat(entry.get("detail").asText()).isEqualTo(detail);
        }
        assertThat(entry.get("address").asText()).isEqualTo("127.0.0.1");
        assertThat(entry.get("at").asText()).isNotBlank();
    }

    private void assertNoSecretsInTheLog() {
        assertThat(hub.column("SELECT COALESCE(detail, '') || COALESCE(target, '') FROM audit_log"))
                .noneMatch(text -> text.contains(PHONE) || text.contains("13900001111"));
    }

    private TestHub.Answer putPhoto(String id, String type, byte[] bytes, String token) {
        HttpRequest request = HttpRequest.newBuilder(hub.uri("/api/v1/residents/" + id + "/photo"))
                .header("Content-Type", type).header("Authorization", "Bearer " + token)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        return hub.send(request);
    }

    private TestHub.Answer importCsv(String csv, String token) {
        return hub.postRaw("/api/v1/residents.csv", token, "text/csv; charset=utf-8",
                csv.getBytes(StandardCharsets.UTF_8));
    }
}
