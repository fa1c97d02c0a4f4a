package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.courtyard.hub.api.kiosk.KioskFeature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 设备状态 summary and state filter: {@code GET /api/v1/kiosks/summary[?village=V]} counts the
 * kiosks 在线, 离线 and 失联 (and those retired) as the list's own fields say they are, and
 * {@code GET /api/v1/kiosks?state=S} lists the kiosks of one state, paged like the rest; staff only,
 * a cadre their own village.
 */
class KioskSummaryTest {

    private static final String BIG = URLEncoder.encode("大村", StandardCharsets.UTF_8);
    private static final String PEACE = URLEncoder.encode("和平村", StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    TestHub hub;
    TestHub.Kiosk online;
    TestHub.Kiosk neverSeen;
    TestHub.Kiosk silent;
    TestHub.Kiosk quietAWhile;
    TestHub.Kiosk retired;
    TestHub.Kiosk peaceOnline;

    /**
     * 大村: one kiosk online, one registered but never installed (离线), one silent past the alert
     * (失联), one quiet for six minutes (离线, not yet 失联), one retired; 和平村: one online.
     */
    @BeforeEach
    void start() {
        hub = new TestHub(dir);
        online = hub.kiosk("村委会活动室", "大村");
        neverSeen = hub.kiosk("卫生室", "大村");
        silent = hub.kiosk("小学门口", "大村");
        quietAWhile = hub.kiosk("老年活动中心", "大村");
        retired = hub.kiosk("旧设备", "大村");
        peaceOnline = hub.kiosk("幸福小院", "和平村");

        assertThat(hub.sync(silent, null, TestHub.heartbeat()).status()).isEqualTo(200);
        assertThat(hub.sync(retired, null, TestHub.heartbeat()).status()).isEqualTo(200);
        hub.clock.advance(Duration.ofMinutes(10));
        assertThat(hub.sync(quietAWhile, null, TestHub.heartbeat()).status()).isEqualTo(200);
        hub.clock.advance(Duration.ofMinutes(6));
        assertThat(hub.post("/api/v1/kiosks/" + retired.id() + "/retire", hub.adminToken, Map.of()).status())
                .isEqualTo(200);
        assertThat(hub.hub.runCheck(KioskFeature.SILENT_CHECK)).as("only 小学门口 is past 15 minutes").isEqualTo(1);
        assertThat(hub.sync(online, null, TestHub.heartbeat()).status()).isEqualTo(200);
        assertThat(hub.sync(peaceOnline, null, TestHub.heartbeat()).status()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void the_summary_counts_each_state_of_all_villages_or_one() {
        TestHub.Answer all = hub.get("/api/v1/kiosks/summary", hub.adminToken);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json()).isEqualTo(counts(5, 2, 2, 1, 1));

        assertThat(hub.get("/api/v1/kiosks/summary?village=" + BIG, hub.adminToken).json())
                .isEqualTo(counts(4, 1, 2, 1, 1));
        assertThat(hub.get("/api/v1/kiosks/summary?village=" + PEACE, hub.adminToken).json())
                .isEqualTo(counts(1, 1, 0, 0, 0));
        assertThat(hub.get("/api/v1/kiosks/summary?village=" + URLEncoder.encode("没有的村", StandardCharsets.UTF_8),
                hub.adminToken).json()).as("a village nothing names has no kiosks").isEqualTo(counts(0, 0, 0, 0, 0));
    }

    @Test
    void the_summary_agrees_with_what_the_list_says_of_each_kiosk() {
        hub.clock.advance(Duration.ofMinutes(2));
        List<JsonNode> listed = walk("/api/v1/kiosks?limit=2", hub.adminToken);
        long lost = listed.stream().filter(k -> k.get("retiredAt").isNull() && !k.get("silentSince").isNull()).count();
        long on = listed.stream().filter(k -> k.get("retiredAt").isNull() && k.get("silentSince").isNull()
                && k.get("online").asBoolean()).count();
        long inService = listed.stream().filter(k -> k.get("retiredAt").isNull()).count();

        JsonNode summary = hub.get("/api/v1/kiosks/summary", hub.adminToken).json();

        assertThat(summary.get("total").asLong()).isEqualTo(inService);
        assertThat(summary.get("online").asLong()).isEqualTo(on).isEqualTo(2);
        assertThat(summary.get("lost").asLong()).isEqualTo(lost).isEqualTo(1);
        assertThat(summary.get("offline").asLong()).isEqualTo(inService - on - lost);

        hub.clock.advance(Duration.ofMinutes(2));
        assertThat(hub.get("/api/v1/kiosks/summary", hub.adminToken).json())
                .as("past the 3-minute online window the two that synced are 离线 too").isEqualTo(counts(5, 0, 4, 1, 1));
    }

    @Test
    void the_list_filters_by_state_and_village_and_the_link_keeps_the_filter() {
        assertThat(names(walk("/api/v1/kiosks?state=online", hub.adminToken)))
                .containsExactlyInAnyOrder("村委会活动室", "幸福小院");
        assertThat(names(walk("/api/v1/kiosks?state=lost", hub.adminToken))).containsExactly("小学门口");
        assertThat(names(walk("/api/v1/kiosks?state=retired", hub.adminToken))).containsExactly("旧设备");
        assertThat(names(walk("/api/v1/kiosks?state=online&village=" + BIG, hub.adminToken)))
                .containsExactly("村委会活动室");

        TestHub.Answer first = hub.get("/api/v1/kiosks?village=" + BIG + "&state=offline&limit=1", hub.adminToken);
        String link = first.next().orElseThrow();
        assertThat(link).startsWith("/api/v1/kiosks?village=" + BIG + "&state=offline&limit=1&cursor=");
        TestHub.Answer second = hub.get(link, hub.adminToken);
        assertThat(second.next()).isEmpty();
        List<String> offline = new ArrayList<>(names(List.of(first.json().get(0))));
        offline.addAll(names(List.of(second.json().get(0))));
        assertThat(offline).containsExactlyInAnyOrder("卫生室", "老年活动中心");
    }

    @Test
    void an_unknown_state_is_400_naming_state() {
        TestHub.Answer answer = hub.get("/api/v1/kiosks?state=ONLINE_NOW", hub.adminToken);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().at("/error/code").asText()).isEqualTo("invalid_field");
        assertThat(answer.errorMessage()).contains("'state'", "online, offline, lost, retired", "ONLINE_NOW");
    }

    @Test
    void the_summary_is_for_staff_and_a_cadre_gets_their_own_village() {
        assertThat(hub.get("/api/v1/kiosks/summary", null).status()).isEqualTo(401);
        assertThat(hub.get("/api/v1/kiosks/summary", online.token()).status())
                .as("a kiosk token is not a staff login").isEqualTo(403);
        String staff = hub.user("wang", "STAFF", null);
        assertThat(hub.get("/api/v1/kiosks/summary", staff).json()).isEqualTo(counts(5, 2, 2, 1, 1));

        String cadre = hub.user("li", "CADRE", "和平村");
        assertThat(hub.get("/api/v1/kiosks/summary", cadre).json()).isEqualTo(counts(1, 1, 0, 0, 0));
        assertThat(hub.get("/api/v1/kiosks/summary?village=" + PEACE, cadre).json()).isEqualTo(counts(1, 1, 0, 0, 0));
        TestHub.Answer other = hub.get("/api/v1/kiosks/summary?village=" + BIG, cadre);
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.json().at("/error/code").asText()).isEqualTo("forbidden");
        assertThat(names(walk("/api/v1/kiosks?state=lost", cadre))).as("大村's lost kiosk is not theirs").isEmpty();
    }

    private static JsonNode counts(int total, int online, int offline, int lost, int retired) {
        return org.courtyard.protocol.ProtocolJson.mapper().valueToTree(Map.of("total", total, "online", online,
                "offline", offline, "lost", lost, "retired", retired));
    }

    private List<JsonNode> walk(String path, String token) {
        List<JsonNode> out = new ArrayList<>();
        for (String at = path; at != null;) {
            TestHub.Answer page = hub.get(at, token);
            assertThat(page.status()).as(at).isEqualTo(200);
            page.json().forEach(out::add);
            at = page.next().orElse(null);
        }
        return out;
    }

    private static List<String> names(List<JsonNode> list) {
        return list.stream().map(item -> item.get("name").asText()).toList();
    }
}
