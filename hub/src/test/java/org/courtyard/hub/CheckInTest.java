package org.courtyard.hub;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.courtyard.hub.api.checkin.CheckInFeature;
import org.courtyard.hub.notify.WebhookEvent;
import org.courtyard.hub.notify.WebhookFormat;
import org.courtyard.hub.notify.WebhookTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Check-ins end to end through sync with a kiosk token: the roster a kiosk receives, check-ins and
 * visits stored and shown, refusals by id, and the missed-check-in alert with a clock the test moves.
 */
class CheckInTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration DAY = Duration.ofDays(1);

    @TempDir
    Path dir;

    TestHub hub;
    WebhookReceiver wecom;
    WebhookReceiver json;

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
        if (wecom != null) {
            wecom.close();
        }
        if (json != null) {
            json.close();
        }
    }

    @Test
    void a_check_in_synced_by_the_kiosk_shows_in_todays_check_ins_and_the_village_board() {
        hub = new TestHub(dir);
        TestHub.Kiosk kiosk = hub.kiosk("和平村幸福小院", "和平村");
        String zhang = hub.resident("张桂英", "和平村", "ELDER");
        String li = hub.resident("李小军", "和平村", "CHILD");
        JsonNode event = TestHub.checkedIn(zhang, TestHub.START.minusSeconds(60), true);

        TestHub.Answer sync = hub.sync(kiosk, null, event);

        assertThat(sync.json().get("accepted")).extracting(JsonNode::asText).containsExactly(event.get("id").asText());
        JsonNode today = hub.get("/api/v1/check-ins?date=2026-11-29", hub.adminToken).json();
        assertThat(today).hasSize(1);
        assertThat(today.get(0).get("residentId").asText()).isEqualTo(zhang);
        assertThat(today.get(0).get("kioskId").asText()).isEqualTo(kiosk.id());
        assertThat(today.get(0).get("at").asText()).isEqualTo(TestHub.START.minusSeconds(60).toString());
        assertThat(hub.get("/api/v1/check-ins", hub.adminToken).json()).hasSize(1);
        assertThat(hub.get("/api/v1/check-ins?date=2026-11-28", hub.adminToken).json()).isEmpty();

        JsonNode board = hub.get("/api/v1/check-ins/by-village", hub.adminToken).json();
        assertThat(board).hasSize(1);
        assertThat(board.get(0).get("village").asText()).isEqualTo("和平村");
        assertThat(board.get(0).get("checkedIn")).extracting(p -> p.get("residentId").asText()).containsExactly(zhang);
        assertThat(board.get(0).get("notCheckedIn")).extracting(p -> p.get("residentId").asText()).containsExactly(li);

        JsonNode history = hub.get("/api/v1/residents/" + zhang + "/check-ins", hub.adminToken).json();
        assertThat(history).extracting(c -> c.get("at").asText())
                .containsExactly(TestHub.START.minusSeconds(60).toString());
        assertThat(hub.get("/api/v1/residents/" + zhang, hub.adminToken).json().get("lastCheckInAt").asText())
                .isEqualTo(TestHub.START.minusSeconds(60).toString());
    }

    @Test
    void a_check_in_with_an_untrusted_clock_counts_at_the_hubs_time_and_a_replay_counts_once() {
        hub = new TestHub(dir);
        TestHub.Kiosk kiosk = hub.kiosk("小院", "和平村");
        String zhang = hub.resident("张桂英", "和平村", "ELDER");
        JsonNode event = TestHub.checkedIn(zhang, Instant.parse("2001-01-01T00:00:00Z"), false);

        hub.sync(kiosk, null, event);
        hub.sync(kiosk, null, event);

        JsonNode today = hub.get("/api/v1/check-ins", hub.adminToken).json();
        assertThat(today).hasSize(1);
        assertThat(today.get(0).get("at").asText()).isEqualTo(TestHub.START.toString());
        assertThat(today.get(0).get("clockTrusted").asBoolean()).isFalse();
    }

    @Test
    void check_ins_of_an_unknown_resident_or_of_another_village_are_rejected_by_id() {
        hub = new TestHub(dir);
        TestHub.Kiosk kiosk = hub.kiosk("小院", "和平村");
        String other = hub.resident("赵大爷", "大村", "ELDER");
        JsonNode unknown = TestHub.checkedIn("r-nobody22");
        JsonNode elsewhere = TestHub.checkedIn(other);
        JsonNode visit = TestHub.visited("李建华", other, null);

        TestHub.Answer answer = hub.sync(kiosk, null, unknown, elsewhere, visit);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("accepted")).isEmpty();
        JsonNode rejected = answer.json().get("rejected");
        assertThat(rejected).extracting(r -> r.get("id").asText() + " " + r.get("code").asText()).containsExactly(
                unknown.get("id").asText() + " unknown_resident", elsewhere.get("id").asText() + " other_village",
                visit.get("id").asText() + " other_village");
        assertThat(rejected.get(1).get("message").asText()).contains(other, "大村", "和平村");
        assertThat(hub.column("SELECT COUNT(*) FROM events")).containsExactly("0");
        assertThat(hub.column("SELECT COUNT(*) FROM check_ins")).containsExactly("0");
    }

    @Test
    void the_kiosk_receives_its_villages_roster_once_and_again_only_after_a_change() {
        hub = new TestHub(dir);
        TestHub.Kiosk kiosk = hub.kiosk("小院", "和平村");
        hub.post("/api/v1/residents", hub.adminToken, ResidentsTest.childBody());
        String zhang = hub.resident("张桂英", "和平村", "ELDER");
        hub.resident("赵大爷", "大村", "ELDER");
        hub.cadre("李建华", "和平村", "13900001111", "2468");
        hub.cadre("没有密码", "和平村", "13900002222", null);

        hub.send("PATCH", "/api/v1/residents/" + zhang, hub.adminToken, Map.of("group", "三组"));

        JsonNode first = hub.sync(kiosk, null).json();

        assertThat(first.get("residents")).extracting(r -> r.get("name").asText() + " " + r.get("type").asText()
                + " " + r.get("group").asText()).containsExactly("张桂英 ELDER 三组", "李小军 CHILD null");
        assertThat(first.get("residents").get(0).get("photoSha256").isNull()).isTrue();
        assertThat(first.get("cadres")).extracting(c -> c.get("name").asText()).containsExactly("李建华");
        assertThat(first.get("cadres").get(0).get("pinHash").asText()).startsWith("pbkdf2-sha256$");
        // The village's duty phone is public (posted in the courtyard); no one else's number is sent.
        assertThat(((ObjectNode) first.deepCopy()).without("village").toString()).doesNotContain("phone", "Phone", "school", "address", "guardian", "1390000",
                "1381234", "和平村完小");

        JsonNode second = hub.sync(kiosk, first.get("cursor").asText()).json();
        assertThat(second.get("residents").isNull()).isTrue();
        assertThat(second.get("cadres").isNull()).isTrue();

        hub.send("PATCH", "/api/v1/residents/" + zhang, hub.adminToken, Map.of("phone", "13700000000"));
        assertThat(hub.sync(kiosk, second.get("cursor").asText()).json().get("residents").isNull())
                .as("a phone the kiosk never sees changes nothing for it").isTrue();

        hub.send("PATCH", "/api/v1/residents/" + zhang, hub.adminToken, Map.of("group", "四组"));
        JsonNode moved = hub.sync(kiosk, second.get("cursor").asText()).json();
        assertThat(moved.get("residents")).as("a new 村民小组 is news for the kiosk")
                .extracting(r -> r.get("group").asText()).contains("四组");

        hub.send("PATCH", "/api/v1/residents/" + zhang, hub.adminToken, Map.of("active", false));
        JsonNode third = hub.sync(kiosk, moved.get("cursor").asText()).json();
        assertThat(third.get("residents")).extracting(r -> r.get("name").asText()).containsExactly("李小军");
        assertThat(third.get("cadres")).hasSize(1);
    }

    @Test
    void an_old_cursor_without_a_roster_part_gets_the_roster() {
        hub = new TestHub(dir);
        TestHub.Kiosk kiosk = hub.kiosk("小院", "和平村");
        hub.resident("张桂英", "和平村", "ELDER");

        JsonNode answer = hub.sync(kiosk, "0").json();

        assertThat(answer.get("residents")).hasSize(1);
        assertThat(answer.get("cursor").asText()).contains(".");
    }

    @Test
    void a_waiting_kiosk_hears_of_a_new_resident_of_its_village_at_once() throws Exception {
        hub = new TestHub(dir);
        TestHub.Kiosk kiosk = hub.kiosk("小院", "和平村");
        String cursor = hub.sync(kiosk, null).json().get("cursor").asText();

        CompletableFuture<TestHub.Answer> waiting = hub.sendAsync(hub.postRequest("/api/v1/sync?wait=20",
                kiosk.token(), TestHub.syncBody(kiosk, cursor)));
        await().atMost(WAIT).until(() -> hub.hub.waitingSyncs() == 1);
        hub.resident("张桂英", "和平村", "ELDER");

        TestHub.Answer answer = waiting.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        assertThat(answer.json().get("residents")).extracting(r -> r.get("name").asText()).containsExactly("张桂英");
    }

    @Test
    void a_missed_check_in_raises_one_alert_after_the_grace_days_and_a_check_in_clears_it() throws Exception {
        wecom = new WebhookReceiver(0);
        json = new WebhookReceiver(0);
        hub = new TestHub(dir, config -> config.sessionLifetime(Duration.ofDays(60))
                .webhook(WebhookTarget.of("1", wecom.url(), WebhookFormat.WECOM, EnumSet.of(WebhookEvent.CHECKIN_MISSED)))
                .webhook(WebhookTarget.of("2", json.url(), WebhookFormat.JSON, EnumSet.of(WebhookEvent.CHECKIN_MISSED))));
        TestHub.Kiosk kiosk = hub.kiosk("小院", "和平村");
        String cadre = hub.cadre("李建华", "和平村", "13900001111", "2468");
        String zhang = hub.post("/api/v1/residents", hub.adminToken, Map.of("name", "张桂英", "village", "和平村",
                "type", "ELDER", "checkInEveryDays", 1, "cadreIds", List.of(cadre))).json().get("id").asText();
        hub.resident("李小军", "和平村", "CHILD");
        hub.sync(kiosk, null, TestHub.checkedIn(zhang, TestHub.START, true));

        try (EventStreamReader stream = new EventStreamReader(hub.http, hub.uri("/api/v1/stream"),
                "Authorization", "Bearer " + hub.adminToken)) {
            // Seen on Nov 29, due Nov 30, two grace days: quiet until Dec 2.
            hub.clock.advance(DAY.multipliedBy(2));
            assertThat(hub.hub.runCheck(CheckInFeature.MISSED_CHECK)).isZero();

            hub.clock.advance(DAY);
            assertThat(hub.hub.runCheck(CheckInFeature.MISSED_CHECK)).as("李小军 (never seen) and 张桂英").isEqualTo(2);
            assertThat(hub.hub.runCheck(CheckInFeature.MISSED_CHECK)).as("once per silence").isZero();

            EventStreamReader.Received raised = stream.nextEventNamed("checkin-alert", WAIT);
            assertThat(raised.data().get("village").asText()).isEqualTo("和平村");
            JsonNode alerts = hub.get("/api/v1/check-in-alerts", hub.adminToken).json();
            assertThat(alerts).extracting(a -> a.get("name").asText()).containsExactlyInAnyOrder("张桂英", "李小军");
            JsonNode zhangAlert = alerts.findParents("residentId").stream()
                    .filter(a -> a.get("residentId").asText().equals(zhang)).findFirst().orElseThrow();
            assertThat(zhangAlert.get("dueDate").asText()).isEqualTo("2026-11-30");
            assertThat(zhangAlert.get("cadres").get(0).get("name").asText()).isEqualTo("李建华");
            assertThat(hub.get("/api/v1/residents/" + zhang, hub.adminToken).json().get("alert").asBoolean()).isTrue();

            await().atMost(WAIT).until(() -> wecom.bodies.size() == 2 && json.bodies.size() == 2);
            JsonNode message = wecom.bodies.stream().map(hub::json)
                    .filter(m -> m.get("text").get("content").asText().contains("张桂英")).findFirst().orElseThrow();
            assertThat(message.get("text").get("content").asText())
                    .isEqualTo("【未报平安】和平村 张桂英（老人）已3天没有报平安（上次11月29日），请结对干部李建华尽快联系。");
            assertThat(message.get("text").get("mentioned_mobile_list")).extracting(JsonNode::asText)
                    .containsExactly("13900001111");
            JsonNode hook = json.bodies.stream().map(hub::json)
                    .filter(m -> m.get("alert").get("residentId").asText().equals(zhang)).findFirst().orElseThrow();
            assertThat(hook.get("event").asText()).isEqualTo("checkin.missed");
            assertThat(hook.get("cadres").get(0).get("phone").asText()).isEqualTo("13900001111");

            hub.sync(kiosk, null, TestHub.checkedIn(zhang, hub.clock.instant(), true));

            EventStreamReader.Received cleared = stream.nextEventNamed("checkin-alert-cleared", WAIT);
            assertThat(cleared.data().get("residentId").asText()).isEqualTo(zhang);
            assertThat(cleared.data().get("clearReason").asText()).isEqualTo("CHECKED_IN");
            assertThat(hub.get("/api/v1/check-in-alerts", hub.adminToken).json())
                    .extracting(a -> a.get("name").asText()).containsExactly("李小军");
            assertThat(hub.get("/api/v1/check-in-alerts?open=false", hub.adminToken).json()).hasSize(2);
        }
    }

    @Test
    void not_me_takes_a_check_in_back_and_opens_again_the_alert_it_cleared() throws Exception {
        hub = new TestHub(dir, config -> config.sessionLifetime(Duration.ofDays(60)));
        TestHub.Kiosk kiosk = hub.kiosk("小院", "和平村");
        String zhang = hub.resident("张桂英", "和平村", "ELDER");
        hub.clock.advance(DAY.multipliedBy(3));
        assertThat(hub.hub.runCheck(CheckInFeature.MISSED_CHECK)).isOne();
        java.util.UUID checkIn = java.util.UUID.randomUUID();
        String cursor = hub.sync(kiosk, null, TestHub.event(checkIn, "CHECKED_IN", hub.clock.instant(), true,
                Map.of("residentId", zhang))).json().get("cursor").asText();
        assertThat(hub.get("/api/v1/check-in-alerts", hub.adminToken).json()).isEmpty();
        String today = hub.clock.instant().atZone(java.time.ZoneId.of("Asia/Shanghai")).toLocalDate().toString();
        assertThat(hub.get("/api/v1/check-ins?date=" + today, hub.adminToken).json()).hasSize(1);

        try (EventStreamReader stream = new EventStreamReader(hub.http, hub.uri("/api/v1/stream"),
                "Authorization", "Bearer " + hub.adminToken)) {
            JsonNode answer = hub.sync(kiosk, cursor, TestHub.event(java.util.UUID.randomUUID(), "CHECK_IN_UNDONE",
                    hub.clock.instant(), true, Map.of("checkInId", checkIn.toString()))).json();

            assertThat(answer.get("accepted")).hasSize(1);
            assertThat(answer.get("rejected")).isEmpty();
            assertThat(stream.nextEventNamed("checkin-undone", WAIT).data().get("residentId").asText()).isEqualTo(zhang);
            assertThat(stream.nextEventNamed("checkin-alert", WAIT).data().get("residentId").asText()).isEqualTo(zhang);
        }
        assertThat(hub.get("/api/v1/check-ins?date=" + today, hub.adminToken).json()).isEmpty();
        assertThat(hub.get("/api/v1/check-in-alerts", hub.adminToken).json())
                .singleElement().satisfies(alert -> assertThat(alert.get("residentId").asText()).isEqualTo(zhang));
        assertThat(hub.get("/api/v1/residents/" + zhang, hub.adminToken).json().get("alert").asBoolean()).isTrue();
        assertThat(hub.get("/api/v1/residents/" + zhang, hub.adminToken).json().get("lastCheckInAt").isNull()).isTrue();
    }

    @Test
    void undoing_a_check_in_the_hub_does_not_have_or_another_kiosks_changes_nothing() {
        hub = new TestHub(dir);
        TestHub.Kiosk kiosk = hub.kiosk("小院", "和平村");
        TestHub.Kiosk other = hub.kiosk("二号小院", "和平村");
        String zhang = hub.resident("张桂英", "和平村", "ELDER");
        java.util.UUID checkIn = java.util.UUID.randomUUID();
        hub.sync(kiosk, null, TestHub.event(checkIn, "CHECKED_IN", TestHub.START, true, Map.of("residentId", zhang)));

        JsonNode unknown = hub.sync(kiosk, null, TestHub.event(java.util.UUID.randomUUID(), "CHECK_IN_UNDONE",
                TestHub.START, true, Map.of("checkInId", java.util.UUID.randomUUID().toString()))).json();
        JsonNode otherKiosks = hub.sync(other, null, TestHub.event(java.util.UUID.randomUUID(), "CHECK_IN_UNDONE",
                TestHub.START, true, Map.of("checkInId", checkIn.toString()))).json();

        assertThat(unknown.get("accepted")).hasSize(1);
        assertThat(otherKiosks.get("accepted")).hasSize(1);
        assertThat(hub.get("/api/v1/check-ins?date=2026-11-29", hub.adminToken).json()).hasSize(1);
    }

    @Test
    void a_pause_clears_the_alert_keeps_quiet_until_it_ends_and_counts_again_from_its_last_day() {
        hub = new TestHub(dir, config -> config.sessionLifetime(Duration.ofDays(60)));
        String zhang = hub.resident("张桂英", "和平村", "ELDER");
        hub.clock.advance(DAY.multipliedBy(3));
        assertThat(hub.hub.runCheck(CheckInFeature.MISSED_CHECK)).isEqualTo(1);

        TestHub.Answer paused = hub.post("/api/v1/residents/" + zhang + "/pause", hub.adminToken,
                Map.of("until", "2026-12-10", "note", "住院"));

        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.json().get("pausedUntil").asText()).isEqualTo("2026-12-10");
        assertThat(paused.json().get("pauseNote").asText()).isEqualTo("住院");
        assertThat(paused.json().get("alert").asBoolean()).isFalse();
        JsonNode history = hub.get("/api/v1/check-in-alerts?open=false", hub.adminToken).json();
        assertThat(history.get(0).get("clearReason").asText()).isEqualTo("PAUSED");
        assertThat(history.get(0).get("clearedBy").asText()).contains("住院");

        hub.clock.advance(DAY.multipliedBy(8));
        assertThat(hub.hub.runCheck(CheckInFeature.MISSED_CHECK)).as("Dec 10, the last day of the pause").isZero();
        hub.clock.advance(DAY.multipliedBy(2));
        assertThat(hub.hub.runCheck(CheckInFeature.MISSED_CHECK)).as("Dec 12: due Dec 11, within grace").isZero();
        hub.clock.advance(DAY);
        assertThat(hub.hub.runCheck(CheckInFeature.MISSED_CHECK)).as("Dec 13").isEqualTo(1);

        assertThat(hub.post("/api/v1/residents/" + zhang + "/pause", hub.adminToken, Map.of("until", "2026-11-01"))
                .errorMessage()).contains("'until'");
        assertThat(hub.post("/api/v1/residents/" + zhang + "/pause", hub.adminToken, Map.of("until", "soon"))
                .status()).isEqualTo(400);
    }

    @Test
    void ending_a_pause_early_restarts_the_count_from_that_day() {
        hub = new TestHub(dir, config -> config.sessionLifetime(Duration.ofDays(60)));
        String zhang = hub.resident("张桂英", "和平村", "ELDER");
        hub.post("/api/v1/residents/" + zhang + "/pause", hub.adminToken, Map.of("until", "2026-12-20"));
        hub.clock.advance(DAY.multipliedBy(5));

        TestHub.Answer resumed = hub.delete("/api/v1/residents/" + zhang + "/pause", hub.adminToken);

        assertThat(resumed.status()).isEqualTo(200);
        assertThat(resumed.json().get("pausedUntil").asText()).isEqualTo("2026-12-04");
        hub.clock.advance(DAY.multipliedBy(2));
        assertThat(hub.hub.runCheck(CheckInFeature.MISSED_CHECK)).isZero();
        hub.clock.advance(DAY);
        assertThat(hub.hub.runCheck(CheckInFeature.MISSED_CHECK)).isEqualTo(1);
    }

    @Test
    void an_alert_clears_at_once_when_staff_remove_the_expectation_or_set_the_resident_inactive() throws Exception {
        hub = new TestHub(dir, config -> config.sessionLifetime(Duration.ofDays(60)));
        String zhang = hub.resident("张桂英", "和平村", "ELDER");
        String wang = hub.resident("王德福", "和平村", "ELDER");
        String chen = hub.resident("陈秀兰", "和平村", "ELDER");
        hub.clock.advance(DAY.multipliedBy(3));
        assertThat(hub.hub.runCheck(CheckInFeature.MISSED_CHECK)).isEqualTo(3);

        try (EventStreamReader stream = new EventStreamReader(hub.http, hub.uri("/api/v1/stream"),
                "Authorization", "Bearer " + hub.adminToken)) {
            java.util.HashMap<String, Object> noExpectation = new java.util.HashMap<>();
            noExpectation.put("checkInEveryDays", null);
            assertThat(hub.send("PATCH", "/api/v1/residents/" + zhang, hub.adminToken, noExpectation).status())
                    .isEqualTo(200);

            EventStreamReader.Received cleared = stream.nextEventNamed("checkin-alert-cleared", WAIT);
            assertThat(cleared.data().get("residentId").asText()).isEqualTo(zhang);
            assertThat(cleared.data().get("clearReason").asText()).isEqualTo("NOT_EXPECTED");
        }
        String csv = "id,name,village,type,active\n" + wang + ",王德福,和平村,ELDER,否\n";
        assertThat(hub.postRaw("/api/v1/residents.csv", hub.adminToken, "text/csv", csv.getBytes(UTF_8)).status())
                .isEqualTo(200);

        assertThat(hub.get("/api/v1/check-in-alerts", hub.adminToken).json())
                .extracting(a -> a.get("residentId").asText()).containsExactly(chen);
        assertThat(hub.hub.runCheck(CheckInFeature.MISSED_CHECK)).as("nothing left to raise or clear").isZero();
    }

    @Test
    void residents_without_an_expectation_or_inactive_are_never_alerted() {
        hub = new TestHub(dir, config -> config.sessionLifetime(Duration.ofDays(60)));
        hub.post("/api/v1/residents", hub.adminToken, Map.of("name", "周奶奶", "village", "和平村", "type", "ELDER"));
        String away = hub.resident("搬走了", "和平村", "ELDER");
        hub.send("PATCH", "/api/v1/residents/" + away, hub.adminToken, Map.of("active", false));

        hub.clock.advance(DAY.multipliedBy(30));

        assertThat(hub.hub.runCheck(CheckInFeature.MISSED_CHECK)).isZero();
    }

    @Test
    void visits_are_stored_and_the_monthly_coverage_names_who_had_none() throws Exception {
        hub = new TestHub(dir);
        TestHub.Kiosk kiosk = hub.kiosk("小院", "和平村");
        String zhang = hub.resident("张桂英", "和平村", "ELDER");
        String li = hub.resident("李小军", "和平村", "CHILD");
        JsonNode visit = TestHub.visited("李建华", zhang, "身体良好");

        try (EventStreamReader stream = new EventStreamReader(hub.http, hub.uri("/api/v1/stream"),
                "Authorization", "Bearer " + hub.adminToken)) {
            assertThat(hub.sync(kiosk, null, visit).json().get("accepted")).hasSize(1);
            assertThat(stream.nextEventNamed("visit-checked-in", WAIT).data().get("cadre").asText())
                    .isEqualTo("李建华");
        }

        JsonNode visits = hub.get("/api/v1/visits?month=2026-11", hub.adminToken).json();
        assertThat(visits).hasSize(1);
        assertThat(visits.get(0).get("note").asText()).isEqualTo("身体良好");
        JsonNode coverage = hub.get("/api/v1/visits/coverage?month=2026-11", hub.adminToken).json();
        assertThat(coverage.get(0).get("residents").asInt()).isEqualTo(2);
        assertThat(coverage.get(0).get("visited").asInt()).isEqualTo(1);
        assertThat(coverage.get(0).get("notVisited")).extracting(r -> r.get("residentId").asText()).containsExactly(li);
        assertThat(hub.get("/api/v1/visits/coverage?month=2026-12", hub.adminToken).json().get(0).get("visited")
                .asInt()).isZero();
        assertThat(hub.get("/api/v1/residents/" + zhang + "/visits", hub.adminToken).json()).hasSize(1);
        assertThat(hub.get("/api/v1/visits/coverage?month=November", hub.adminToken).errorMessage())
                .contains("month");
    }

    @Test
    void a_cadre_sees_check_ins_visits_and_alerts_of_their_own_village_only() {
        hub = new TestHub(dir, config -> config.sessionLifetime(Duration.ofDays(60)));
        TestHub.Kiosk own = hub.kiosk("小院", "和平村");
        TestHub.Kiosk far = hub.kiosk("小院", "大村");
        String zhang = hub.resident("张桂英", "和平村", "ELDER");
        String zhao = hub.resident("赵大爷", "大村", "ELDER");
        hub.sync(own, null, TestHub.checkedIn(zhang));
        hub.sync(far, null, TestHub.checkedIn(zhao));
        hub.clock.advance(DAY.multipliedBy(4));
        hub.hub.runCheck(CheckInFeature.MISSED_CHECK);
        String cadre = hub.user("lixia", "CADRE", "和平村");

        assertThat(hub.get("/api/v1/check-ins?date=2026-11-29", cadre).json())
                .extracting(c -> c.get("residentId").asText()).containsExactly(zhang);
        assertThat(hub.get("/api/v1/check-ins?date=2026-11-29&village=大村", cadre).status()).isEqualTo(403);
        assertThat(hub.get("/api/v1/check-ins/by-village?date=2026-11-29", cadre).json())
                .extracting(v -> v.get("village").asText()).containsExactly("和平村");
        assertThat(hub.get("/api/v1/check-in-alerts", cadre).json()).extracting(a -> a.get("residentId").asText())
                .containsExactly(zhang);
        assertThat(hub.get("/api/v1/residents/" + zhao + "/check-ins", cadre).status()).isEqualTo(403);
        assertThat(hub.post("/api/v1/residents/" + zhao + "/pause", cadre, Map.of("until", "2026-12-10")).status())
                .isEqualTo(403);
        assertThat(hub.get("/api/v1/visits/coverage?village=大村", cadre).status()).isEqualTo(403);
    }

    @Test
    void the_grace_days_come_from_the_config_file_and_a_bad_value_names_the_key() {
        Properties good = new Properties();
        good.setProperty("checkin.grace-days", "3");
        Properties bad = new Properties();
        bad.setProperty("checkin.grace-days", "-1");

        assertThat(HubConfig.builder(dir).apply(good).build().checkInGraceDays()).isEqualTo(3);
        assertThat(HubConfig.builder(dir).build().checkInGraceDays()).isEqualTo(2);
        assertThatThrownBy(() -> HubConfig.builder(dir).apply(bad)).hasMessageContaining("checkin.grace-days");
    }
}
