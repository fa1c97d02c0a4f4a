package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.courtyard.hub.api.kiosk.KioskFeature;
import org.courtyard.hub.notify.WebhookEvent;
import org.courtyard.hub.notify.WebhookFormat;
import org.courtyard.hub.notify.WebhookTarget;
import org.courtyard.protocol.ProtocolJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kiosk health on the hub: heartbeats shown as sent, the silent-kiosk alert and the notice of return. */
class FleetTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private TestHub hub;
    private WebhookReceiver json;
    private WebhookReceiver wecom;

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
        if (json != null) {
            json.close();
        }
        if (wecom != null) {
            wecom.close();
        }
    }

    @Test
    void the_kiosk_list_shows_the_health_a_heartbeat_reported() {
        hub = new TestHub(dir);
        TestHub.Kiosk kiosk = hub.kiosk("村委会活动室", "大村");
        ObjectNode heartbeat = TestHub.heartbeat();
        ObjectNode payload = (ObjectNode) heartbeat.get("payload");
        payload.put("diskFreeMb", 12650).put("temperatureC", 51.6).put("power", "battery 78%");
        payload.set("selfTest", ProtocolJson.mapper().valueToTree(Map.of("speaker", "ok", "relay", "ok",
                "button", "ok", "lamps", "ok", "microphone", "missing: no audio input device found")));

        assertThat(hub.sync(kiosk, null, heartbeat).json().get("accepted")).hasSize(1);

        JsonNode listed = hub.get("/api/v1/kiosks", hub.adminToken).json().get(0);
        assertThat(listed.at("/lastHeartbeat/diskFreeMb").asLong()).isEqualTo(12650);
        assertThat(listed.at("/lastHeartbeat/temperatureC").asDouble()).isEqualTo(51.6);
        assertThat(listed.at("/lastHeartbeat/power").asText()).isEqualTo("battery 78%");
        assertThat(listed.at("/lastHeartbeat/selfTest/microphone").asText())
                .isEqualTo("missing: no audio input device found");
        assertThat(listed.get("silentSince").isNull()).isTrue();
    }

    @Test
    void a_kiosk_that_keeps_syncing_without_events_stays_online_while_its_contact_is_written_only_now_and_then() {
        hub = new TestHub(dir);
        TestHub.Kiosk kiosk = hub.kiosk("村委会活动室", "大村");
        hub.sync(kiosk, null);
        Instant first = hub.clock.instant();

        // Long-polls every 25 s: within a quarter of the 3-minute online window nothing is written.
        hub.clock.advance(Duration.ofSeconds(25));
        hub.sync(kiosk, null);
        assertThat(lastSeen(kiosk)).isEqualTo(first);
        hub.clock.advance(Duration.ofSeconds(25));
        hub.sync(kiosk, null);
        Instant refreshed = hub.clock.instant();
        assertThat(lastSeen(kiosk)).as("50 s after the stored contact, older than 45 s: written again")
                .isEqualTo(refreshed);
        assertThat(listed(kiosk).get("online").asBoolean()).isTrue();

        // A batch with events is always a contact.
        hub.clock.advance(Duration.ofSeconds(5));
        hub.sync(kiosk, null, TestHub.heartbeat());
        assertThat(lastSeen(kiosk)).isEqualTo(hub.clock.instant());
    }

    private JsonNode listed(TestHub.Kiosk kiosk) {
        for (JsonNode listed : hub.get("/api/v1/kiosks", hub.adminToken).json()) {
            if (listed.get("id").asText().equals(kiosk.id())) {
                return listed;
            }
        }
        throw new AssertionError("kiosk " + kiosk.id() + " is not listed");
    }

    private Instant lastSeen(TestHub.Kiosk kiosk) {
        return Instant.parse(listed(kiosk).get("lastSeenAt").asText());
    }

    @Test
    void a_kiosk_silent_for_fifteen_minutes_raises_one_alert_and_its_return_a_notice() throws Exception {
        json = new WebhookReceiver(0);
        wecom = new WebhookReceiver(0);
        hub = new TestHub(dir, config -> config
                .webhook(WebhookTarget.of("1", json.url(), WebhookFormat.JSON,
                        EnumSet.of(WebhookEvent.SILENT, WebhookEvent.BACK)))
                .webhook(WebhookTarget.of("2", wecom.url(), WebhookFormat.WECOM,
                        EnumSet.of(WebhookEvent.SILENT, WebhookEvent.BACK))));
        TestHub.Kiosk kiosk = hub.kiosk("村委会活动室", "大村");
        TestHub.Kiosk quiet = hub.kiosk("小学门口", "大村");
        hub.sync(kiosk, null, TestHub.heartbeat());

        try (EventStreamReader stream = new EventStreamReader(hub.http, hub.uri("/api/v1/stream"),
                "Authorization", "Bearer " + hub.adminToken)) {
            hub.clock.advance(Duration.ofMinutes(15));
            assertThat(hub.hub.runCheck(KioskFeature.SILENT_CHECK)).as("exactly 15 minutes is not yet silent").isZero();

            hub.clock.advance(Duration.ofSeconds(1));
            assertThat(hub.hub.runCheck(KioskFeature.SILENT_CHECK)).isEqualTo(1);
            assertThat(hub.hub.runCheck(KioskFeature.SILENT_CHECK)).as("one alert, not one per check").isZero();

            EventStreamReader.Received silent = next(stream, "kiosk-silent");
            assertThat(silent.data().get("id").asText()).isEqualTo(kiosk.id());
            assertThat(silent.data().get("silentSince").asText()).isEqualTo("2026-11-29T10:00:00Z");
            assertThat(silent.data().get("online").asBoolean()).isFalse();
            JsonNode listed = hub.get("/api/v1/kiosks/" + kiosk.id(), hub.adminToken).json();
            assertThat(listed.get("silentSince").asText()).isEqualTo("2026-11-29T10:00:00Z");
            assertThat(hub.get("/api/v1/kiosks/" + quiet.id(), hub.adminToken).json().get("silentSince").isNull())
                    .as("a kiosk never installed is not an alarm").isTrue();

            await().atMost(WAIT).until(() -> json.bodies.size() == 1 && wecom.bodies.size() == 1);
            JsonNode alert = ProtocolJson.mapper().readTree(json.bodies.get(0));
            assertThat(alert.get("event").asText()).isEqualTo("kiosk.silent");
            assertThat(alert.at("/kiosk/id").asText()).isEqualTo(kiosk.id());
            // 10:00 UTC is 18:00 in Yunnan.
            assertThat(ProtocolJson.mapper().readTree(wecom.bodies.get(0)).at("/text/content").asText())
                    .isEqualTo("【设备失联】大村 村委会活动室 已超过15分钟没有联系（最后联系 18:00），"
                            + "老人求助可能发不出来，请检查设备的电源和网络");

            hub.clock.advance(Duration.ofMinutes(5));
            assertThat(hub.sync(kiosk, "0").status()).isEqualTo(200);

            EventStreamReader.Received back = next(stream, "kiosk-back");
            assertThat(back.data().get("id").asText()).isEqualTo(kiosk.id());
            assertThat(back.data().get("silentSince").isNull()).isTrue();
            assertThat(back.data().get("online").asBoolean()).isTrue();
        }
        await().atMost(WAIT).until(() -> json.bodies.size() == 2 && wecom.bodies.size() == 2);
        assertThat(ProtocolJson.mapper().readTree(json.bodies.get(1)).get("event").asText()).isEqualTo("kiosk.back");
        assertThat(ProtocolJson.mapper().readTree(wecom.bodies.get(1)).at("/text/content").asText())
                .isEqualTo("【设备恢复】大村 村委会活动室 18:20 恢复联系（18:00 起失联）");
        assertThat(hub.get("/api/v1/kiosks/" + kiosk.id(), hub.adminToken).json().get("silentSince").isNull()).isTrue();
        hub.clock.advance(Duration.ofMinutes(16));
        assertThat(hub.hub.runCheck(KioskFeature.SILENT_CHECK)).as("silent again after another quiet spell").isEqualTo(1);
    }

    @Test
    void the_silent_time_is_configurable_and_a_bad_value_names_the_key() {
        Properties properties = new Properties();
        properties.setProperty("kiosk.silent-minutes", "30");
        properties.setProperty("kiosk.enrolment-hours", "2");
        HubConfig config = HubConfig.builder(dir).apply(properties).build();
        assertThat(config.kioskSilentAfter()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.enrolmentCodeLifetime()).isEqualTo(Duration.ofHours(2));

        properties.setProperty("kiosk.silent-minutes", "0");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HubConfig.builder(dir).apply(properties))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kiosk.silent-minutes");
    }

    @Test
    void a_cadre_hears_only_of_their_own_villages_kiosks() throws Exception {
        hub = new TestHub(dir);
        TestHub.Kiosk other = hub.kiosk("小学门口", "小河村");
        TestHub.Kiosk own = hub.kiosk("村委会活动室", "大村");
        String cadre = hub.user("lixia", "CADRE", "大村");
        hub.sync(other, null, TestHub.heartbeat());
        hub.sync(own, null, TestHub.event(UUID.randomUUID(), "HEARTBEAT", TestHub.START, true,
                Map.of("version", "0.1.0", "uptimeSeconds", 60, "outbox", 0, "voice", "ok", "speaker", "ok")));

        try (EventStreamReader stream = new EventStreamReader(hub.http, hub.uri("/api/v1/stream"),
                "Authorization", "Bearer " + cadre)) {
            hub.clock.advance(Duration.ofMinutes(16));
            assertThat(hub.hub.runCheck(KioskFeature.SILENT_CHECK)).isEqualTo(2);

            EventStreamReader.Received silent = next(stream, "kiosk-silent");
            assertThat(silent.data().get("id").asText()).isEqualTo(own.id());
        }
    }

    /** The next event called {@code name}, skipping others (keep-alives, kiosk-seen). */
    private static EventStreamReader.Received next(EventStreamReader stream, String name) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            EventStreamReader.Received event = stream.nextEvent(Duration.ofNanos(Math.max(1,
                    deadline - System.nanoTime())));
            if (event.name().equals(name)) {
                return event;
            }
        }
    }
}
