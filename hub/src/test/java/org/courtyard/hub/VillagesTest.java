package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/v1/villages}: the villages the hub knows and their duty phones, which their kiosks get. */
class VillagesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

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
    void every_village_something_names_is_listed_in_pinyin_order_and_staff_set_its_duty_phone_audited() {
        hub = new TestHub(dir);
        hub.kiosk("村委会活动室", "和平村");
        hub.resident("张桂英", "大村", "ELDER");
        hub.cadre("李建华", "小村", "13900001111", "2468");
        hub.addUser("zhao", "CADRE", "新村", null);
        String staff = hub.user("wangfang", "STAFF", null);

        assertThat(hub.get("/api/v1/villages", staff).json()).extracting(v -> v.get("name").asText())
                .containsExactly("大村", "和平村", "小村", "新村");

        TestHub.Answer put = hub.send("PUT", "/api/v1/villages/和平村", staff, Map.of("dutyPhone", " 0871-6512 3456 "));

        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().get("dutyPhone").asText()).isEqualTo("0871-6512 3456");
        JsonNode listed = hub.get("/api/v1/villages", staff).json().get(1);
        assertThat(listed.get("name").asText()).isEqualTo("和平村");
        assertThat(listed.get("dutyPhone").asText()).isEqualTo("0871-6512 3456");
        assertThat(listed.get("updatedBy").asText()).isEqualTo("wangfang");
        assertThat(listed.get("updatedAt").asText()).isEqualTo(TestHub.START.toString());
        assertThat(hub.column("SELECT target || ' ' || detail FROM audit_log WHERE action = 'village.update'"))
                .containsExactly("和平村 dutyPhone=set");

        Map<String, Object> none = new HashMap<>();
        none.put("dutyPhone", null);
        assertThat(hub.send("PUT", "/api/v1/villages/和平村", staff, none).json().get("dutyPhone").isNull()).isTrue();
        assertThat(hub.get("/api/v1/villages", staff).json().get(1).get("dutyPhone").isNull()).isTrue();
    }

    @Test
    void a_new_duty_phone_is_a_roster_change_a_waiting_kiosk_of_the_village_gets_at_once_and_others_never()
            throws Exception {
        hub = new TestHub(dir);
        TestHub.Kiosk kiosk = hub.kiosk("村委会活动室", "和平村");
        TestHub.Kiosk elsewhere = hub.kiosk("大村小院", "大村");
        String staff = hub.user("wangfang", "STAFF", null);
        JsonNode first = hub.sync(kiosk, null).json();
        assertThat(first.get("village").get("name").asText()).isEqualTo("和平村");
        assertThat(first.get("village").get("dutyPhone").isNull()).as("no duty phone yet").isTrue();
        String cursor = first.get("cursor").asText();
        String otherCursor = hub.sync(elsewhere, null).json().get("cursor").asText();
        assertThat(hub.sync(kiosk, cursor).json().get("village").isNull()).as("unchanged").isTrue();

        CompletableFuture<TestHub.Answer> waiting = hub.sendAsync(hub.postRequest("/api/v1/sync?wait=20",
                kiosk.token(), TestHub.syncBody(kiosk, cursor)));
        await().atMost(WAIT).until(() -> hub.hub.waitingSyncs() == 1);
        hub.send("PUT", "/api/v1/villages/和平村", staff, Map.of("dutyPhone", "0871-6512 3456"));

        JsonNode woken = waiting.get(WAIT.toSeconds(), TimeUnit.SECONDS).json();
        assertThat(woken.get("village").get("dutyPhone").asText()).isEqualTo("0871-6512 3456");
        assertThat(woken.get("residents").isArray()).as("the roster is sent whole").isTrue();
        assertThat(hub.sync(elsewhere, otherCursor).json().get("village").isNull())
                .as("another village's duty phone is no news for this kiosk").isTrue();

        String after = woken.get("cursor").asText();
        hub.send("PUT", "/api/v1/villages/和平村", staff, Map.of("dutyPhone", "0871-6512 3456"));
        assertThat(hub.sync(kiosk, after).json().get("village").isNull())
                .as("the same number saved again changes nothing").isTrue();
        Map<String, Object> none = new HashMap<>();
        none.put("dutyPhone", null);
        hub.send("PUT", "/api/v1/villages/和平村", staff, none);
        JsonNode removed = hub.sync(kiosk, after).json().get("village");
        assertThat(removed.get("name").asText()).isEqualTo("和平村");
        assertThat(removed.get("dutyPhone").isNull()).as("a removed number reaches the kiosk too").isTrue();
    }

    @Test
    void a_bad_or_masked_phone_is_refused_naming_the_field_and_keeps_the_stored_one() {
        hub = new TestHub(dir);
        hub.kiosk("村委会活动室", "和平村");
        hub.send("PUT", "/api/v1/villages/和平村", hub.adminToken, Map.of("dutyPhone", "13800002222"));

        TestHub.Answer letters = hub.send("PUT", "/api/v1/villages/和平村", hub.adminToken, Map.of("dutyPhone", "值班室"));
        TestHub.Answer masked = hub.send("PUT", "/api/v1/villages/和平村", hub.adminToken,
                Map.of("dutyPhone", "138****2222"));

        for (TestHub.Answer answer : new TestHub.Answer[] {letters, masked}) {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.json().at("/error/code").asText()).isEqualTo("invalid_field");
            assertThat(answer.errorMessage()).contains("dutyPhone");
        }
        assertThat(hub.get("/api/v1/villages", hub.adminToken).json().get(0).get("dutyPhone").asText())
                .isEqualTo("13800002222");
    }

    @Test
    void a_village_nothing_names_is_404_and_a_cadre_sees_and_may_not_change_only_their_own() {
        hub = new TestHub(dir);
        hub.kiosk("村委会活动室", "和平村");
        hub.kiosk("村口", "大村");
        String cadre = hub.user("li", "CADRE", "和平村");

        assertThat(hub.send("PUT", "/api/v1/villages/和平镇", hub.adminToken, Map.of("dutyPhone", "13800002222"))
                .status()).isEqualTo(404);
        assertThat(hub.get("/api/v1/villages", cadre).json()).extracting(v -> v.get("name").asText())
                .containsExactly("和平村");
        assertThat(hub.send("PUT", "/api/v1/villages/和平村", cadre, Map.of("dutyPhone", "13800002222")).status())
                .isEqualTo(403);
        assertThat(hub.column("SELECT COUNT(*) FROM villages")).containsExactly("0");
    }
}
