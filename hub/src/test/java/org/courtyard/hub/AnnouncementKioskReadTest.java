package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.courtyard.hub.kiosk.Kiosks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, "no list loads a whole table": an announcement's get, edit, withdrawal and delivery
 * board read only the kiosks its targets name (by id, or of the villages it names), never every
 * kiosk of the hub; and what they answer is what reading every kiosk answered.
 */
class AnnouncementKioskReadTest {

    @TempDir
    Path dir;

    @Test
    void the_kiosks_of_targets_are_read_by_id_and_village_never_by_a_scan_of_the_table() {
        try (TestHub hub = new TestHub(dir)) {
            hub.kiosk("村委会活动室", "大村");
            for (String sql : List.of(Kiosks.IN_VILLAGES_OR_WITH_IDS, Kiosks.IDS_IN_VILLAGES_OR_WITH_IDS)) {
                List<String> plan = TestHub.queryPlan(dir, sql);
                assertThat(plan).as(sql).noneMatch(step -> step.matches("SCAN kiosks\\b.*"))
                        .anyMatch(step -> step.matches("SEARCH kiosks USING (COVERING )?INDEX kiosks_by_village.*"))
                        .anyMatch(step -> step.matches("SEARCH kiosks USING (COVERING )?INDEX sqlite_autoindex_kiosks.*"));
            }
        }
    }

    @Test
    void an_announcement_for_one_kiosk_among_many_answers_as_before() {
        try (TestHub hub = new TestHub(dir)) {
            List<TestHub.Kiosk> big = new ArrayList<>();
            for (String village : List.of("大村", "和平村", "小河村", "东岭村")) {
                for (int i = 0; i < 10; i++) {
                    TestHub.Kiosk kiosk = hub.kiosk(village + "小院" + i, village);
                    if (village.equals("大村")) {
                        big.add(kiosk);
                    }
                }
            }
            String bigCadre = hub.user("li", "CADRE", "大村");
            String peaceCadre = hub.user("wang", "CADRE", "和平村");
            TestHub.Kiosk one = big.get(3);

            TestHub.Answer made = hub.post("/api/v1/announcements", hub.adminToken,
                    Announce.draft("一台", "{\"kiosks\":[\"" + one.id() + "\"]}"));
            assertThat(made.status()).as(made.body()).isEqualTo(201);
            String id = made.json().get("id").asText();

            assertThat(hub.get("/api/v1/announcements/" + id, bigCadre).status()).isEqualTo(200);
            assertThat(hub.get("/api/v1/announcements/" + id, peaceCadre).status()).isEqualTo(403);
            JsonNode board = hub.get("/api/v1/announcements/" + id + "/deliveries", hub.adminToken).json();
            assertThat(board).extracting(row -> row.get("kioskId").asText()).containsExactly(one.id());

            TestHub.Answer unknown = hub.post("/api/v1/announcements", bigCadre,
                    Announce.draft("没有", "{\"kiosks\":[\"k-nothere\"]}"));
            assertThat(unknown.status()).isEqualTo(400);
            assertThat(unknown.body()).contains("targets.kiosks[0]");

            TestHub.Answer village = hub.post("/api/v1/announcements", bigCadre,
                    Announce.draft("全村", "{\"villages\":[\"大村\"]}"));
            assertThat(village.status()).as(village.body()).isEqualTo(201);
            JsonNode villageBoard = hub.get("/api/v1/announcements/" + village.json().get("id").asText()
                    + "/deliveries", bigCadre).json();
            assertThat(villageBoard).extracting(row -> row.get("kioskId").asText())
                    .containsExactlyElementsOf(big.stream().map(TestHub.Kiosk::id).toList());

            assertThat(hub.post("/api/v1/announcements/" + id + "/withdraw", peaceCadre, Map.of()).status())
                    .isEqualTo(403);
            TestHub.Answer withdrawn = hub.post("/api/v1/announcements/" + id + "/withdraw", bigCadre, Map.of());
            assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
        }
    }
}
