package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.courtyard.hub.api.checkin.CheckInFeature;
import org.courtyard.hub.api.kiosk.KioskFeature;
import org.courtyard.hub.notify.WebhookEvent;
import org.courtyard.hub.notify.WebhookFormat;
import org.courtyard.hub.notify.WebhookTarget;
import org.courtyard.protocol.ProtocolJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Home units on the hub: kinds and the binding to one resident of the village, one unit in service
 * per resident, a unit that speaks only for its resident (check-ins, help), its own resident's
 * card instead of a roster, and the offline alert 「居家呼叫器离线」 to the paired cadres.
 */
class HomeUnitsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private TestHub hub;
    private WebhookReceiver json;
    private WebhookReceiver wecom;

    @AfterEach
    void stop() {
        for (AutoCloseable open : new AutoCloseable[] {hub, json, wecom}) {
            if (open != null) {
                try {
                    open.close();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** A resident of 和平村 with an address and a paired cadre; returns their id. */
    private String zhang() {
        String cadre = hub.cadre("李建华", "和平村", "13912345678", null);
        Map<String, Object> body = new HashMap<>(Map.of("name", "张桂英", "village", "和平村", "type", "ELDER",
                "checkInEveryDays", 1, "address", "和平村三组12号", "cadreIds", List.of(cadre)));
        TestHub.Answer answer = hub.post("/api/v1/residents", hub.adminToken, body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().get("id").asText();
    }

    private TestHub.Answer registerHome(String name, String village, String residentId) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "village", village, "kind", "HOME"));
        if (residentId != null) {
            body.put("residentId", residentId);
        }
        return hub.post("/api/v1/kiosks", hub.adminToken, body);
    }

    private TestHub.Kiosk home(String residentId) {
        TestHub.Answer answer = registerHome("张桂英家", "和平村", residentId);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return new TestHub.Kiosk(answer.json().get("id").asText(), answer.json().get("token").asText(), "和平村");
    }

    @Test
    void a_home_unit_is_bound_to_a_resident_and_the_kiosk_list_shows_its_kind_and_resident() {
        hub = new TestHub(dir);
        String zhang = zhang();
        TestHub.Kiosk courtyard = hub.kiosk("小院", "和平村");
        TestHub.Kiosk unit = home(zhang);

        JsonNode listed = hub.get("/api/v1/kiosks", hub.adminToken).json();
        assertThat(listed).extracting(kiosk -> kiosk.get("id").asText() + " " + kiosk.get("kind").asText()
                + " " + kiosk.at("/resident/name").asText("-")).containsExactlyInAnyOrder(
                        courtyard.id() + " COURTYARD -", unit.id() + " HOME 张桂英");
        JsonNode one = hub.get("/api/v1/kiosks/" + unit.id(), hub.adminToken).json();
        assertThat(one.at("/resident/id").asText()).isEqualTo(zhang);
        assertThat(one.get("retiredAt").isNull()).isTrue();
        assertThat(hub.column("SELECT detail FROM audit_log WHERE action = 'kiosk.create' ORDER BY seq DESC LIMIT 1"))
                .singleElement().asString().contains("kind=HOME", "resident=" + zhang);
    }

    @Test
    void a_home_unit_without_its_resident_or_with_one_of_another_village_is_refused_naming_the_field() {
        hub = new TestHub(dir);
        String zhang = zhang();
        String elsewhere = hub.resident("赵大爷", "大村", "ELDER");

        assertRefused(registerHome("张桂英家", "和平村", null), "residentId");
        assertRefused(registerHome("张桂英家", "和平村", "r-nobody22"), "residentId");
        TestHub.Answer otherVillage = registerHome("赵大爷家", "和平村", elsewhere);
        assertRefused(otherVillage, "residentId");
        assertThat(otherVillage.errorMessage()).contains("大村", "和平村");
        assertRefused(hub.post("/api/v1/kiosks", hub.adminToken, Map.of("name", "小院", "village", "和平村",
                "residentId", zhang)), "residentId");
        assertRefused(hub.post("/api/v1/kiosks", hub.adminToken, Map.of("name", "小院", "village", "和平村",
                "kind", "SHED")), "kind");
        assertThat(hub.column("SELECT COUNT(*) FROM kiosks")).containsExactly("0");
    }

    private static void assertRefused(TestHub.Answer answer, String field) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.errorMessage()).contains(field);
    }

    @Test
    void a_resident_has_one_home_unit_in_service_and_a_retired_one_can_no_longer_sync() {
        hub = new TestHub(dir);
        String zhang = zhang();
        TestHub.Kiosk first = home(zhang);
        assertThat(hub.sync(first, null).status()).isEqualTo(200);

        TestHub.Answer second = registerHome("张桂英家（新）", "和平村", zhang);
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.errorMessage()).contains(first.id(), "retire");

        TestHub.Answer retired = hub.post("/api/v1/kiosks/" + first.id() + "/retire", hub.adminToken, Map.of());
        assertThat(retired.status()).isEqualTo(200);
        assertThat(retired.json().get("retiredAt").asText()).isEqualTo(TestHub.START.toString());
        assertThat(retired.json().get("online").asBoolean()).isFalse();
        assertThat(hub.sync(first, null).status()).as("a retired unit's token no longer works").isEqualTo(401);
        assertThat(hub.post("/api/v1/kiosks/" + first.id() + "/enrolment-code", hub.adminToken, Map.of()).status())
                .isEqualTo(409);
        assertThat(hub.column("SELECT action FROM audit_log WHERE target = '" + first.id() + "' ORDER BY seq"))
                .containsExactly("kiosk.create", "kiosk.retire");

        TestHub.Kiosk next = home(zhang);
        assertThat(hub.get("/api/v1/home-units?residentId=" + zhang, hub.adminToken).json())
                .extracting(unit -> unit.get("id").asText()).containsExactly(next.id());
        assertThat(hub.post("/api/v1/kiosks/nobody/retire", hub.adminToken, Map.of()).status()).isEqualTo(404);
    }

    @Test
    void a_home_unit_checks_in_its_resident_and_nobody_else() {
        hub = new TestHub(dir);
        String zhang = zhang();
        String neighbour = hub.resident("王德福", "和平村", "ELDER");
        TestHub.Kiosk unit = home(zhang);
        hub.clock.advance(Duration.ofDays(4));
        assertThat(hub.hub.runCheck(CheckInFeature.MISSED_CHECK)).isEqualTo(2);

        JsonNode own = TestHub.checkedIn(zhang, hub.clock.instant(), true);
        JsonNode other = TestHub.checkedIn(neighbour, hub.clock.instant(), true);
        JsonNode answer = hub.sync(unit, null, own, other).json();

        assertThat(answer.get("accepted")).extracting(JsonNode::asText).containsExactly(own.get("id").asText());
        assertThat(answer.get("rejected")).singleElement().satisfies(rejection -> {
            assertThat(rejection.get("code").asText()).isEqualTo("other_resident");
            assertThat(rejection.get("message").asText()).contains(neighbour, zhang);
        });
        assertThat(hub.column("SELECT resident_id FROM check_ins")).containsExactly(zhang);
        String staff = hub.login("admin", TestHub.ADMIN_PASSWORD);
        assertThat(hub.get("/api/v1/check-in-alerts", staff).json().findValuesAsText("residentId"))
                .as("her alert cleared, his open").containsExactly(neighbour);
    }

    @Test
    void a_home_units_help_request_is_its_residents_and_staff_see_home_and_the_address() throws Exception {
        wecom = new WebhookReceiver(0);
        hub = new TestHub(dir, config -> config.webhook(WebhookTarget.of("1", wecom.url(), WebhookFormat.WECOM,
                EnumSet.of(WebhookEvent.NEW))));
        String zhang = zhang();
        TestHub.Kiosk unit = home(zhang);
        UUID pressed = UUID.randomUUID();

        hub.sync(unit, null, TestHub.event(pressed, "HELP_REQUESTED", TestHub.START, true,
                Map.of("source", "BUTTON")));

        JsonNode help = hub.get("/api/v1/help-requests/" + pressed, hub.adminToken).json();
        assertThat(help.get("residentId").asText()).as("set by the hub from the binding").isEqualTo(zhang);
        assertThat(help.get("kioskKind").asText()).isEqualTo("HOME");
        assertThat(help.at("/resident/name").asText()).isEqualTo("张桂英");
        assertThat(help.at("/resident/address").asText()).isEqualTo("和平村三组12号");
        await().atMost(WAIT).until(() -> wecom.bodies.size() == 1);
        assertThat(ProtocolJson.mapper().readTree(wecom.bodies.get(0)).at("/text/content").asText())
                .isEqualTo("【求助】和平村 居家 18:00 张桂英（和平村三组12号） 新求助，请尽快处理。结对干部：李建华");

        TestHub.Kiosk courtyard = hub.kiosk("小院", "和平村");
        UUID atCourtyard = UUID.randomUUID();
        hub.sync(courtyard, null, TestHub.helpRequested(atCourtyard, TestHub.START));
        JsonNode plain = hub.get("/api/v1/help-requests/" + atCourtyard, hub.adminToken).json();
        assertThat(plain.get("kioskKind").asText()).isEqualTo("COURTYARD");
        assertThat(plain.get("resident").isNull()).isTrue();
    }

    @Test
    void a_home_units_request_names_its_resident_its_details_no_one_else_and_its_presses_again_count() {
        hub = new TestHub(dir);
        String zhang = zhang();
        String neighbour = hub.resident("王德福", "和平村", "ELDER");
        TestHub.Kiosk unit = home(zhang);
        UUID pressed = UUID.randomUUID();
        hub.sync(unit, null, TestHub.event(pressed, "HELP_REQUESTED", TestHub.START, true,
                Map.of("source", "BUTTON", "residentId", zhang)));

        JsonNode other = TestHub.event(UUID.randomUUID(), "HELP_DETAILS", TestHub.START.plusSeconds(2), true,
                Map.of("requestId", pressed.toString(), "residentId", neighbour));
        JsonNode again = TestHub.event(UUID.randomUUID(), "HELP_REPEATED", TestHub.START.plusSeconds(20), true,
                Map.of("requestId", pressed.toString()));
        JsonNode answer = hub.sync(unit, null, other, again).json();

        assertThat(answer.get("rejected")).singleElement().satisfies(rejection -> {
            assertThat(rejection.get("id").asText()).isEqualTo(other.get("id").asText());
            assertThat(rejection.get("code").asText()).isEqualTo("other_resident");
        });
        assertThat(answer.get("accepted")).extracting(JsonNode::asText).containsExactly(again.get("id").asText());
        JsonNode help = hub.get("/api/v1/help-requests/" + pressed, hub.adminToken).json();
        assertThat(help.get("residentId").asText()).isEqualTo(zhang);
        assertThat(help.at("/resident/name").asText()).isEqualTo("张桂英");
        assertThat(help.get("repeatCount").asInt()).isEqualTo(1);
    }

    /**
     * The delivery board of a NORMAL announcement to the village: the courtyard kiosk is to play
     * it; the home unit, which by default plays EMERGENCY ones only, is marked as not playing it by
     * its setting, whether its heartbeat says so or it has not said (a unit from before the field).
     * A unit whose heartbeat says it plays NORMAL ones is to play it; an EMERGENCY one every unit plays.
     */
    @Test
    void the_delivery_board_marks_a_home_unit_that_does_not_play_normal_announcements_by_its_setting() {
        hub = new TestHub(dir);
        TestHub.Kiosk courtyard = hub.kiosk("小院", "和平村");
        TestHub.Kiosk unit = home(zhang());
        String staff = hub.user("wang", "STAFF", null);
        Announce api = new Announce(hub);
        String normal = api.created(staff, Announce.draft("防火通知", "{\"villages\":[\"和平村\"]}"));
        ObjectNode urgent = Announce.draft("寒潮预警", "{\"villages\":[\"和平村\"]}");
        urgent.put("priority", "EMERGENCY");
        String emergency = api.created(staff, urgent);
        hub.sync(courtyard, null, heartbeat(true));

        hub.sync(unit, null);
        assertThat(notPlayed(staff, normal)).as("not said: a home unit's default")
                .containsEntry(courtyard.id(), false).containsEntry(unit.id(), true);
        assertThat(notPlayed(staff, emergency)).containsEntry(courtyard.id(), false).containsEntry(unit.id(), false);

        hub.sync(unit, null, heartbeat(false));
        assertThat(notPlayed(staff, normal)).containsEntry(unit.id(), true);

        hub.sync(unit, null, heartbeat(true));
        assertThat(notPlayed(staff, normal)).as("home.announce-normal=true").containsEntry(unit.id(), false);

        // Set back to off, after it played one: it did play it, and is counted as such.
        hub.sync(unit, null, Announce.played(normal, TestHub.START, TestHub.START.plusSeconds(5), "PLAYED", null),
                heartbeat(false));
        assertThat(notPlayed(staff, normal)).containsEntry(unit.id(), false);
    }

    @Test
    void the_monthly_report_counts_a_home_unit_that_does_not_play_normal_announcements_apart_as_the_board_does()
            throws Exception {
        hub = new TestHub(dir);
        TestHub.Kiosk courtyard = hub.kiosk("小院", "和平村");
        TestHub.Kiosk unit = home(zhang());
        String staff = hub.user("wang", "STAFF", null);
        Announce api = new Announce(hub);
        String normal = api.created(staff, Announce.draft("防火通知", "{\"villages\":[\"和平村\"]}"));
        ObjectNode urgent = Announce.draft("寒潮预警", "{\"villages\":[\"和平村\"]}");
        urgent.put("priority", "EMERGENCY");
        api.created(staff, urgent);
        hub.sync(courtyard, null, heartbeat(true),
                Announce.played(normal, TestHub.START, TestHub.START.plusSeconds(30), "PLAYED", null));
        hub.sync(unit, null, heartbeat(false));
        assertThat(notPlayed(staff, normal)).as("the board").containsEntry(unit.id(), true)
                .containsEntry(courtyard.id(), false);

        // The NORMAL one: the courtyard kiosk (played), the unit apart; the EMERGENCY one: both, neither played.
        for (String village : List.of("", "&village=和平村")) {
            JsonNode announcements = report("/api/v1/reports", village, staff).get("announcements");
            assertThat(announcements.get("published").asInt()).isEqualTo(2);
            assertThat(announcements.get("kiosksTargeted").asInt()).as("1/1 for the NORMAL one, 2 for the other")
                    .isEqualTo(3);
            assertThat(announcements.get("kiosksPlayed").asInt()).isEqualTo(1);
            assertThat(announcements.get("kiosksNotPlayedBySetting").asInt()).isEqualTo(1);
        }
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(
                hub.http.send(HttpRequest.newBuilder(hub.uri("/api/v1/reports.xlsx?from=2026-11-01&to=2026-11-30"))
                        .header("Authorization", "Bearer " + staff).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray()).body()))) {
            Map<String, Double> figures = new HashMap<>();
            for (Row row : workbook.getSheet("通知广播")) {
                if (row.getCell(1) != null && row.getCell(1).getCellType() == CellType.NUMERIC) {
                    figures.put(row.getCell(0).getStringCellValue(), row.getCell(1).getNumericCellValue());
                }
            }
            assertThat(figures).containsEntry("送达小院设备（台次）", 3.0).containsEntry("完整播放（台次）", 1.0)
                    .containsEntry("居家设备不播放普通通知（台次）", 1.0);
        }

        // Set to play them (home.announce-normal=true): the unit is a target like any other, not yet played.
        hub.sync(unit, null, heartbeat(true));
        JsonNode switched = report("/api/v1/reports", "", staff).get("announcements");
        assertThat(switched.get("kiosksTargeted").asInt()).isEqualTo(4);
        assertThat(switched.get("kiosksPlayed").asInt()).isEqualTo(1);
        assertThat(switched.get("kiosksNotPlayedBySetting").asInt()).isZero();
        assertThat(notPlayed(staff, normal)).as("the board").containsEntry(unit.id(), false);
    }

    /** November 2026's report (the test hub starts on November 29), as JSON. */
    private JsonNode report(String path, String more, String token) {
        TestHub.Answer answer = hub.get(path + "?from=2026-11-01&to=2026-11-30" + more, token);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    /** Each kiosk's {@code notPlayedBySetting} on the announcement's delivery board. */
    private Map<String, Boolean> notPlayed(String token, String announcementId) {
        Map<String, Boolean> out = new HashMap<>();
        for (JsonNode row : hub.get("/api/v1/announcements/" + announcementId + "/deliveries", token).json()) {
            out.put(row.get("kioskId").asText(), row.get("notPlayedBySetting").asBoolean());
        }
        return out;
    }

    private static ObjectNode heartbeat(boolean playsNormal) {
        return TestHub.event(UUID.randomUUID(), "HEARTBEAT", TestHub.START, true, Map.of("version", "0.1.0",
                "uptimeSeconds", 60, "outbox", 0, "voice", "off", "speaker", "ok", "playsNormal", playsNormal));
    }

    @Test
    void a_home_unit_gets_its_residents_card_and_the_villages_duty_phone_and_never_the_villages_roster() {
        hub = new TestHub(dir);
        String zhang = zhang();
        hub.resident("王德福", "和平村", "ELDER");
        TestHub.Kiosk unit = home(zhang);

        JsonNode first = hub.sync(unit, null).json();
        assertThat(first.has("residents")).isFalse();
        assertThat(first.has("cadres")).isFalse();
        assertThat(first.at("/homeResident/id").asText()).isEqualTo(zhang);
        assertThat(first.at("/homeResident/name").asText()).isEqualTo("张桂英");
        assertThat(first.at("/homeResident/photoSha256").isNull()).isTrue();
        assertThat(first.at("/village/name").asText()).isEqualTo("和平村");
        assertThat(first.at("/village/dutyPhone").isNull()).isTrue();

        JsonNode again = hub.sync(unit, first.get("cursor").asText()).json();
        assertThat(again.get("homeResident").isNull()).as("unchanged").isTrue();
        assertThat(again.get("village").isNull()).as("unchanged").isTrue();

        hub.send("PUT", "/api/v1/villages/和平村", hub.adminToken, Map.of("dutyPhone", "0871-6512 3456"));
        JsonNode phoned = hub.sync(unit, again.get("cursor").asText()).json();
        assertThat(phoned.at("/village/dutyPhone").asText()).as("the duty phone for help offline")
                .isEqualTo("0871-6512 3456");
        again = phoned;

        hub.send("PATCH", "/api/v1/residents/" + zhang, hub.adminToken, Map.of("name", "张桂英（奶奶）"));
        JsonNode renamed = hub.sync(unit, again.get("cursor").asText()).json();
        assertThat(renamed.at("/homeResident/name").asText()).isEqualTo("张桂英（奶奶）");

        JsonNode courtyard = hub.sync(hub.kiosk("小院", "和平村"), null).json();
        assertThat(courtyard.has("homeResident")).isFalse();
        assertThat(courtyard.get("residents")).hasSize(2);
    }

    @Test
    void a_silent_home_unit_raises_the_offline_alert_to_its_residents_cadres_and_clears_it_when_back()
            throws Exception {
        json = new WebhookReceiver(0);
        wecom = new WebhookReceiver(0);
        EnumSet<WebhookEvent> fleet = EnumSet.of(WebhookEvent.SILENT, WebhookEvent.BACK, WebhookEvent.HOME_OFFLINE,
                WebhookEvent.HOME_BACK);
        hub = new TestHub(dir, config -> config
                .webhook(WebhookTarget.of("1", json.url(), WebhookFormat.JSON, fleet))
                .webhook(WebhookTarget.of("2", wecom.url(), WebhookFormat.WECOM, fleet)));
        String zhang = zhang();
        TestHub.Kiosk unit = home(zhang);
        ObjectNode heartbeat = TestHub.heartbeat();
        ((ObjectNode) heartbeat.get("payload")).put("power", "battery 64%");
        hub.sync(unit, null, heartbeat);

        try (EventStreamReader stream = new EventStreamReader(hub.http, hub.uri("/api/v1/stream"),
                "Authorization", "Bearer " + hub.user("lijianhua", "CADRE", "和平村"))) {
            hub.clock.advance(Duration.ofMinutes(30));
            assertThat(hub.hub.runCheck(KioskFeature.SILENT_CHECK)).as("30 minutes is not yet offline").isZero();
            hub.clock.advance(Duration.ofSeconds(1));
            assertThat(hub.hub.runCheck(KioskFeature.SILENT_CHECK)).isEqualTo(1);

            EventStreamReader.Received offline = next(stream, "home-offline");
            assertThat(offline.data().get("id").asText()).isEqualTo(unit.id());
            assertThat(offline.data().at("/resident/name").asText()).isEqualTo("张桂英");
            assertThat(offline.data().get("address").asText()).isEqualTo("和平村三组12号");
            assertThat(offline.data().get("cadres")).extracting(cadre -> cadre.get("name").asText())
                    .containsExactly("李建华");
            assertThat(offline.data().get("silentSince").asText()).isEqualTo(TestHub.START.toString());
            JsonNode listed = hub.get("/api/v1/home-units", hub.adminToken).json().get(0);
            assertThat(listed.get("silentSince").asText()).isEqualTo(TestHub.START.toString());
            assertThat(listed.at("/lastHeartbeat/power").asText()).isEqualTo("battery 64%");

            await().atMost(WAIT).until(() -> json.bodies.size() == 1 && wecom.bodies.size() == 1);
            JsonNode alert = ProtocolJson.mapper().readTree(json.bodies.get(0));
            assertThat(alert.get("event").asText()).as("not the courtyard's kiosk.silent").isEqualTo("home.offline");
            assertThat(alert.at("/unit/id").asText()).isEqualTo(unit.id());
            assertThat(alert.at("/cadres/0/phone").asText()).isEqualTo("13912345678");
            JsonNode text = ProtocolJson.mapper().readTree(wecom.bodies.get(0)).get("text");
            assertThat(text.get("content").asText()).isEqualTo("【居家呼叫器离线】和平村 张桂英（和平村三组12号）家的居家呼叫器"
                    + "已超过30分钟没有联系（最后联系 18:00），老人按求助可能发不出来。请结对干部李建华尽快上门或打电话看看，"
                    + "并检查呼叫器的电源和网络。");
            assertThat(text.get("mentioned_mobile_list")).extracting(JsonNode::asText).containsExactly("13912345678");

            hub.clock.advance(Duration.ofMinutes(9));
            assertThat(hub.sync(unit, null).status()).isEqualTo(200);
            EventStreamReader.Received back = next(stream, "home-back");
            assertThat(back.data().get("silentSince").isNull()).isTrue();
        }
        await().atMost(WAIT).until(() -> json.bodies.size() == 2 && wecom.bodies.size() == 2);
        assertThat(ProtocolJson.mapper().readTree(json.bodies.get(1)).get("event").asText()).isEqualTo("home.back");
        assertThat(ProtocolJson.mapper().readTree(wecom.bodies.get(1)).at("/text/content").asText())
                .isEqualTo("【居家呼叫器恢复】和平村 张桂英家的居家呼叫器 18:39 恢复联系（18:00 起离线）。");
    }

    @Test
    void a_retired_home_unit_is_never_offline() {
        hub = new TestHub(dir);
        TestHub.Kiosk unit = home(zhang());
        hub.sync(unit, null);
        hub.post("/api/v1/kiosks/" + unit.id() + "/retire", hub.adminToken, Map.of());

        hub.clock.advance(Duration.ofHours(2));

        assertThat(hub.hub.runCheck(KioskFeature.SILENT_CHECK)).isZero();
        assertThat(hub.get("/api/v1/home-units", hub.adminToken).json()).isEmpty();
    }

    @Test
    void the_home_units_silent_time_is_configurable_and_a_bad_value_names_the_key() {
        Properties properties = new Properties();
        properties.setProperty("home.silent-minutes", "45");
        assertThat(HubConfig.builder(dir).apply(properties).build().homeSilentAfter()).isEqualTo(Duration.ofMinutes(45));
        assertThat(HubConfig.builder(dir).build().homeSilentAfter()).isEqualTo(Duration.ofMinutes(30));

        properties.setProperty("home.silent-minutes", "0");
        assertThatThrownBy(() -> HubConfig.builder(dir).apply(properties))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("home.silent-minutes");
    }

    @Test
    void a_cadre_lists_the_home_units_of_their_village_only() {
        hub = new TestHub(dir);
        home(zhang());
        String elsewhere = hub.resident("赵大爷", "大村", "ELDER");
        assertThat(registerHome("赵大爷家", "大村", elsewhere).status()).isEqualTo(201);
        String cadre = hub.user("lixia", "CADRE", "和平村");

        assertThat(hub.get("/api/v1/home-units", cadre).json()).extracting(unit -> unit.get("village").asText())
                .containsExactly("和平村");
        assertThat(hub.get("/api/v1/home-units?residentId=" + elsewhere, cadre).status()).isEqualTo(403);
    }

    @Test
    void the_home_units_page_by_village_and_name_and_a_walk_by_the_link_gives_every_unit_once() {
        hub = new TestHub(dir);
        for (int i = 0; i < 25; i++) {
            String id = hub.resident(String.format("和平村老人%02d", i), "和平村", "ELDER");
            assertThat(registerHome(String.format("居家%02d", i), "和平村", id).status()).isEqualTo(201);
        }
        for (int i = 0; i < 3; i++) {
            String id = hub.resident("大村老人" + i, "大村", "ELDER");
            assertThat(registerHome("大村居家" + i, "大村", id).status()).isEqualTo(201);
        }
        String retired = hub.resident("退役", "大村", "ELDER");
        String retiredUnit = registerHome("大村居家（已停用）", "大村", retired).json().get("id").asText();
        assertThat(hub.post("/api/v1/kiosks/" + retiredUnit + "/retire", hub.adminToken, Map.of()).status())
                .isEqualTo(200);
        hub.kiosk("村委会活动室", "和平村");

        List<Integer> sizes = new ArrayList<>();
        List<String> names = walk("/api/v1/home-units?limit=10", hub.adminToken, sizes);
        // Every unit in service once, by village then name; no courtyard kiosk, no retired unit.
        assertThat(sizes).containsExactly(10, 10, 8);
        assertThat(names).doesNotHaveDuplicates().hasSize(28).isSorted();
        assertThat(names.get(0)).isEqualTo("和平村|居家00");

        sizes.clear();
        String peace = URLEncoder.encode("和平村", StandardCharsets.UTF_8);
        assertThat(walk("/api/v1/home-units?village=" + peace + "&limit=10", hub.adminToken, sizes))
                .hasSize(25).allMatch(name -> name.startsWith("和平村|"));
        assertThat(sizes).containsExactly(10, 10, 5);

        String cadre = hub.user("dacun", "CADRE", "大村");
        assertThat(walk("/api/v1/home-units?limit=2", cadre, new ArrayList<>()))
                .containsExactly("大村|大村居家0", "大村|大村居家1", "大村|大村居家2");
        assertThat(hub.get("/api/v1/home-units?village=" + peace, cadre).status()).isEqualTo(403);
        hub.assertPagingBounds("/api/v1/home-units", hub.adminToken, 1000);
    }

    /** Follows the Link header from {@code path}; each unit as "village|name", each page's size into {@code sizes}. */
    private List<String> walk(String path, String token, List<Integer> sizes) {
        List<String> out = new ArrayList<>();
        String next = path;
        while (next != null) {
            TestHub.Answer page = hub.get(next, token);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().forEach(unit -> out.add(unit.get("village").asText() + "|" + unit.get("name").asText()));
            sizes.add(page.json().size());
            next = page.next().orElse(null);
        }
        return out;
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
