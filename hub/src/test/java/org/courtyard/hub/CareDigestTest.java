package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.courtyard.hub.api.care.CareFeature;
import org.courtyard.hub.notify.WebhookEvent;
import org.courtyard.hub.notify.WebhookFormat;
import org.courtyard.hub.notify.WebhookTarget;
import org.courtyard.protocol.ProtocolJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daily visit digest per village, through the webhooks to a local stand-in for a WeCom group
 * robot and a JSON receiver, with a clock the test moves: once a village a day, from 08:00 Beijing
 * time, naming who is due within three days and who is overdue, mentioning the paired cadres.
 */
class CareDigestTest {

    @TempDir
    Path dir;

    TestHub hub;
    WebhookReceiver wecom;
    WebhookReceiver json;
    String zhang;

    @BeforeEach
    void start() throws Exception {
        wecom = new WebhookReceiver(0);
        json = new WebhookReceiver(0);
        hub = new TestHub(dir, config -> config.sessionLifetime(Duration.ofDays(60))
                .webhook(WebhookTarget.of("1", wecom.url(), WebhookFormat.WECOM, EnumSet.of(WebhookEvent.CARE_DIGEST)))
                .webhook(WebhookTarget.of("2", json.url(), WebhookFormat.JSON, EnumSet.of(WebhookEvent.CARE_DIGEST))));
        String cadre = hub.cadre("李建华", "和平村", "13900001111", "2468");
        zhang = hub.post("/api/v1/residents", hub.adminToken, Map.of("name", "张桂英", "village", "和平村",
                "type", "ELDER", "cadreIds", List.of(cadre))).json().get("id").asText();
        hub.post("/api/v1/residents", hub.adminToken, Map.of("name", "李小军", "village", "和平村", "type", "CHILD"));
        hub.post("/api/v1/residents", hub.adminToken, Map.of("name", "王大爷", "village", "大村", "type", "ELDER"));
    }

    @AfterEach
    void stop() {
        hub.close();
        wecom.close();
        json.close();
    }

    @Test
    void each_village_is_told_once_a_day_who_is_due_soon_mentioning_their_cadres() throws Exception {
        // 18:00 on 29 November: November's visits are due tomorrow.
        assertThat(hub.hub.runCheck(CareFeature.DIGEST_CHECK)).isEqualTo(2);
        assertThat(hub.hub.runCheck(CareFeature.DIGEST_CHECK)).as("once a day").isZero();
        hub.hub.deliverWebhooks();

        JsonNode heping = robotMessage("和平村");
        assertThat(heping.get("text").get("content").asText()).isEqualTo("【走访提醒】和平村 11月29日：3天内要走访2人："
                + "张桂英（11月走访，11月30日前）、李小军（11月走访，11月30日前，未结对）。请结对干部及时走访。");
        assertThat(heping.get("text").get("mentioned_mobile_list")).extracting(JsonNode::asText)
                .containsExactly("13900001111");
        JsonNode document = json.bodies.stream().map(this::read)
                .filter(body -> body.get("village").asText().equals("和平村")).findFirst().orElseThrow();
        assertThat(document.get("event").asText()).isEqualTo("care.digest");
        assertThat(document.get("date").asText()).isEqualTo("2026-11-29");
        assertThat(document.get("due")).extracting(line -> line.get("residentName").asText())
                .containsExactly("张桂英", "李小军");
        assertThat(document.get("overdue")).isEmpty();
    }

    @Test
    void the_next_mornings_digest_leaves_out_who_was_visited_and_names_who_is_overdue() throws Exception {
        hub.hub.runCheck(CareFeature.DIGEST_CHECK);
        hub.hub.deliverWebhooks();
        wecom.bodies.clear();
        String token = hub.login("admin", TestHub.ADMIN_PASSWORD);
        hub.post("/api/v1/visits", token, Map.of("id", UUID.randomUUID().toString(), "residentId", zhang,
                "at", "2026-11-29T10:30:00Z", "cadreId", hub.column("SELECT id FROM cadres").get(0)));

        // 07:00 on 1 December: not yet; 08:00: now.
        moveTo("2026-11-30T23:00:00Z");
        assertThat(hub.hub.runCheck(CareFeature.DIGEST_CHECK)).isZero();
        moveTo("2026-12-01T00:00:00Z");
        assertThat(hub.hub.runCheck(CareFeature.DIGEST_CHECK)).isEqualTo(2);
        hub.hub.deliverWebhooks();

        assertThat(robotMessage("和平村").get("text").get("content").asText()).isEqualTo("【走访提醒】和平村 12月1日："
                + "超期未走访1人：李小军（11月走访，11月30日到期，未结对）。请结对干部及时走访。");
        assertThat(robotMessage("和平村").get("text").has("mentioned_mobile_list")).isFalse();
    }

    private JsonNode robotMessage(String village) {
        return wecom.bodies.stream().map(this::read)
                .filter(body -> body.get("text").get("content").asText().startsWith("【走访提醒】" + village))
                .findFirst().orElseThrow(() -> new AssertionError("no digest of " + village + " in " + wecom.bodies));
    }

    private JsonNode read(String body) {
        try {
            return ProtocolJson.mapper().readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError(body, e);
        }
    }

    private void moveTo(String instant) {
        hub.clock.advance(Duration.between(hub.clock.instant(), Instant.parse(instant)));
    }
}
