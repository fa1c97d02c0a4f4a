package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.courtyard.hub.notify.WebhookEvent;
import org.courtyard.hub.notify.WebhookFormat;
import org.courtyard.hub.notify.WebhookTarget;
import org.courtyard.protocol.ProtocolJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 on the hub: a press again while the request is open (HELP_REPEATED), who asked
 * (HELP_DETAILS.residentId) and what staff and webhooks see of them, and the cancelled request that
 * stays on the default list for ten minutes.
 */
class HelpRepeatTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** 10:02:00 UTC is 18:02 in Yunnan. */
    private static final Instant PRESSED = Instant.parse("2026-11-29T10:02:00Z");

    @TempDir
    Path dir;

    WebhookReceiver json;
    WebhookReceiver wecom;
    TestHub hub;
    TestHub.Kiosk kiosk;
    String staff;

    @BeforeEach
    void start() throws Exception {
        json = new WebhookReceiver(0);
        wecom = new WebhookReceiver(0);
        hub = new TestHub(dir, config -> config
                .webhook(WebhookTarget.of("1", json.url(), WebhookFormat.JSON, EnumSet.allOf(WebhookEvent.class)))
                .webhook(WebhookTarget.of("2", wecom.url(), WebhookFormat.WECOM, EnumSet.allOf(WebhookEvent.class))));
        kiosk = hub.kiosk("村委会活动室", "和平村");
        staff = hub.user("wang", "STAFF", null);
    }

    @AfterEach
    void stop() {
        hub.close();
        json.close();
        wecom.close();
    }

    @Test
    void a_repeat_counts_adds_a_history_entry_and_moves_the_request_to_the_top() {
        UUID first = request(PRESSED);
        hub.clock.advance(Duration.ofMinutes(1));
        UUID second = request(PRESSED.plusSeconds(60));
        assertThat(ids(hub.get("/api/v1/help-requests?open=true", staff))).containsExactly(second, first);
        hub.transition(staff, first, "ACKNOWLEDGED", null);
        hub.clock.advance(Duration.ofMinutes(1));

        TestHub.Answer answer = hub.sync(kiosk, null, repeated(first, PRESSED.plusSeconds(120)));

        assertThat(answer.json().get("accepted")).hasSize(1);
        JsonNode help = hub.get("/api/v1/help-requests/" + first, staff).json();
        assertThat(help.get("repeatCount").asInt()).isEqualTo(1);
        assertThat(help.get("status").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(help.get("repeatedAt").asText()).isEqualTo(hub.clock.instant().toString());
        JsonNode last = help.get("history").get(2);
        assertThat(last.get("event").asText()).isEqualTo("REPEATED");
        assertThat(last.get("status").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(help.get("history").get(1).get("event").asText()).isEqualTo("STATUS");
        assertThat(ids(hub.get("/api/v1/help-requests?open=true", staff))).containsExactly(first, second);
    }

    @Test
    void presses_within_five_seconds_of_the_last_counted_one_count_once() {
        UUID id = request(PRESSED);

        // Pressed again 2 s after the request itself, then three times in a burst, then once more later.
        hub.sync(kiosk, null, repeated(id, PRESSED.plusSeconds(2)), repeated(id, PRESSED.plusSeconds(20)),
                repeated(id, PRESSED.plusSeconds(21)), repeated(id, PRESSED.plusMillis(24_900)),
                repeated(id, PRESSED.plusSeconds(40)));

        JsonNode help = hub.get("/api/v1/help-requests/" + id, staff).json();
        assertThat(help.get("repeatCount").asInt()).isEqualTo(2);
        assertThat(help.get("history").findValuesAsText("event")).containsExactly("STATUS", "REPEATED", "REPEATED");
        assertThat(hub.column("SELECT COUNT(*) FROM events WHERE type = 'HELP_REPEATED'")).containsExactly("5");
    }

    @Test
    void a_repeat_streams_help_repeated_and_sends_help_repeated_with_the_person_to_webhooks() throws Exception {
        String resident = person();
        UUID id = request(PRESSED);
        hub.sync(kiosk, null, details(id, null, resident));
        await().atMost(WAIT).until(() -> json.bodies.size() == 2 && wecom.bodies.size() == 2);

        try (EventStreamReader stream = new EventStreamReader(hub.http, hub.uri("/api/v1/stream"),
                "Authorization", "Bearer " + staff)) {
            hub.sync(kiosk, null, repeated(id, PRESSED.plusSeconds(30)));

            EventStreamReader.Received live = stream.nextEventNamed("help-repeated", WAIT);
            assertThat(live.data().get("id").asText()).isEqualTo(id.toString());
            assertThat(live.data().get("repeatCount").asInt()).isEqualTo(1);
            assertThat(live.data().get("resident").get("name").asText()).isEqualTo("张桂英");
        }
        await().atMost(WAIT).until(() -> json.bodies.size() == 3 && wecom.bodies.size() == 3);
        JsonNode body = ProtocolJson.mapper().readTree(json.bodies.get(2));
        assertThat(body.get("event").asText()).isEqualTo("help.repeated");
        assertThat(body.get("request").get("repeatCount").asInt()).isEqualTo(1);
        assertThat(body.get("request").get("resident").get("cadres").get(0).get("phone").asText())
                .isEqualTo("13900001111");
        assertThat(text(wecom, 2)).isEqualTo("【再次求助】和平村 村委会活动室 18:02 张桂英 的求助又按了一次（共按2次），现在还没有人受理，"
                + "请尽快处理。结对干部：李建华");
    }

    @Test
    void who_asked_shows_with_type_tags_address_photo_cadres_and_last_check_in_and_is_told_to_webhooks()
            throws Exception {
        String resident = person();
        hub.sync(kiosk, null, TestHub.checkedIn(resident, PRESSED.minusSeconds(3600), true));
        UUID id = request(PRESSED);
        await().atMost(WAIT).until(() -> wecom.bodies.size() == 1);
        assertThat(text(wecom, 0)).isEqualTo("【求助】和平村 村委会活动室 18:02 新求助，请尽快处理");
        assertThat(hub.get("/api/v1/help-requests/" + id, staff).json().get("resident").isNull()).isTrue();

        TestHub.Answer answer = hub.sync(kiosk, null, details(id, "MEDICAL", null), details(id, null, resident));

        assertThat(answer.json().get("rejected")).isEmpty();
        JsonNode help = hub.get("/api/v1/help-requests/" + id, staff).json();
        assertThat(help.get("category").asText()).isEqualTo("MEDICAL");
        assertThat(help.get("residentId").asText()).isEqualTo(resident);
        JsonNode person = help.get("resident");
        assertThat(person.get("name").asText()).isEqualTo("张桂英");
        assertThat(person.get("type").asText()).isEqualTo("ELDER");
        assertThat(person.get("tags").get(0).asText()).isEqualTo("独居");
        assertThat(person.get("address").asText()).isEqualTo("和平村3组12号");
        assertThat(person.get("photoUrl").isNull()).isTrue();
        assertThat(person.get("cadres").get(0).get("name").asText()).isEqualTo("李建华");
        assertThat(person.get("cadres").get(0).get("phone").asText()).isEqualTo("13900001111");
        assertThat(person.get("lastCheckInAt").asText()).isEqualTo(PRESSED.minusSeconds(3600).toString());
        JsonNode listed = hub.get("/api/v1/help-requests", staff).json().get(0);
        assertThat(listed.get("resident").get("name").asText()).isEqualTo("张桂英");

        await().atMost(WAIT).until(() -> wecom.bodies.size() == 2);
        assertThat(ProtocolJson.mapper().readTree(json.bodies.get(1)).get("event").asText()).isEqualTo("help.person");
        assertThat(text(wecom, 1)).isEqualTo("【求助人】和平村 村委会活动室 18:02 张桂英 的求助。结对干部：李建华");
        // The same person again tells nobody twice.
        hub.sync(kiosk, null, details(id, null, resident));
        hub.transition(staff, id, "CANCELLED", null);
        assertThat(hub.column("SELECT COUNT(*) FROM webhook_outbox")).containsExactly("4");
    }

    @Test
    void a_person_of_another_village_or_unknown_is_rejected_and_the_request_keeps_the_kiosk() {
        String elsewhere = hub.resident("赵大爷", "二村", "ELDER");
        UUID id = request(PRESSED);

        JsonNode rejected = hub.sync(kiosk, null, details(id, null, elsewhere), details(id, null, "r-nobody"))
                .json().get("rejected");

        assertThat(rejected.findValuesAsText("code")).containsExactly("other_village", "unknown_resident");
        JsonNode help = hub.get("/api/v1/help-requests/" + id, staff).json();
        assertThat(help.get("residentId").isNull()).isTrue();
        assertThat(help.get("resident").isNull()).isTrue();
        assertThat(help.get("kioskName").asText()).isEqualTo("村委会活动室");
    }

    @Test
    void repeats_never_reach_the_kiosk_as_status_updates() {
        UUID id = request(PRESSED);
        String cursor = hub.sync(kiosk, null).json().get("cursor").asText();

        TestHub.Answer answer = hub.sync(kiosk, cursor, repeated(id, PRESSED.plusSeconds(30)));

        assertThat(answer.json().get("helpUpdates")).isEmpty();
        hub.transition(staff, id, "ACKNOWLEDGED", null);
        JsonNode updates = hub.sync(kiosk, answer.json().get("cursor").asText()).json().get("helpUpdates");
        assertThat(updates.findValuesAsText("status")).containsExactly("ACKNOWLEDGED");
    }

    @Test
    void a_repeat_of_a_request_closed_meanwhile_is_counted_and_told() throws Exception {
        UUID id = request(PRESSED);
        hub.transition(staff, id, "ACKNOWLEDGED", null);
        hub.transition(staff, id, "RESOLVED", null);

        hub.sync(kiosk, null, repeated(id, PRESSED.plusSeconds(90)));

        JsonNode help = hub.get("/api/v1/help-requests/" + id, staff).json();
        assertThat(help.get("repeatCount").asInt()).isEqualTo(1);
        assertThat(help.get("status").asText()).isEqualTo("RESOLVED");
        await().atMost(WAIT).until(() -> json.bodies.stream().anyMatch(body -> body.contains("help.repeated")));
    }

    @Test
    void a_repeat_of_another_kiosks_request_is_rejected() {
        TestHub.Kiosk other = hub.kiosk("小学", "二村");
        UUID foreign = UUID.randomUUID();
        hub.sync(other, null, TestHub.helpRequested(foreign, PRESSED));

        JsonNode rejected = hub.sync(kiosk, null, repeated(foreign, PRESSED.plusSeconds(30)),
                repeated(UUID.randomUUID(), PRESSED)).json().get("rejected");

        assertThat(rejected.findValuesAsText("code")).containsExactly("not_this_kiosk", "unknown_request");
        assertThat(hub.get("/api/v1/help-requests/" + foreign, staff).json().get("repeatCount").asInt()).isZero();
    }

    @Test
    void a_cancelled_request_stays_on_the_default_list_for_ten_minutes() {
        UUID cancelled = request(PRESSED);
        UUID open = request(PRESSED.plusSeconds(1));
        hub.sync(kiosk, null, TestHub.helpCancelled(cancelled));
        String defaultList = "/api/v1/help-requests?open=true&cancelledWithin=10";

        assertThat(ids(hub.get(defaultList, staff))).containsExactlyInAnyOrder(open, cancelled);
        assertThat(ids(hub.get("/api/v1/help-requests?open=true", staff))).containsExactly(open);
        hub.clock.advance(Duration.ofMinutes(10));
        assertThat(ids(hub.get(defaultList, staff))).containsExactlyInAnyOrder(open, cancelled);
        hub.clock.advance(Duration.ofSeconds(1));
        assertThat(ids(hub.get(defaultList, staff))).containsExactly(open);
        TestHub.Answer bad = hub.get("/api/v1/help-requests?open=true&cancelledWithin=soon", staff);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorMessage()).contains("cancelledWithin");
    }

    /** 张桂英 of 和平村, living alone at 和平村3组12号, paired with 李建华 (13900001111); returns her id. */
    private String person() {
        String cadre = hub.cadre("李建华", "和平村", "13900001111", "2468");
        String id = hub.resident("张桂英", "和平村", "ELDER");
        TestHub.Answer patched = hub.send("PATCH", "/api/v1/residents/" + id, hub.adminToken,
                Map.of("address", "和平村3组12号", "tags", List.of("独居"), "cadreIds", List.of(cadre)));
        assertThat(patched.status()).isEqualTo(200);
        return id;
    }

    private UUID request(Instant pressed) {
        UUID id = UUID.randomUUID();
        TestHub.Answer answer = hub.sync(kiosk, null, TestHub.event(id, "HELP_REQUESTED", pressed, true,
                Map.of("source", "BUTTON")));
        assertThat(answer.json().get("accepted").get(0).asText()).isEqualTo(id.toString());
        return id;
    }

    private static JsonNode repeated(UUID requestId, Instant pressed) {
        return TestHub.event(UUID.randomUUID(), "HELP_REPEATED", pressed, true, Map.of("requestId", requestId));
    }

    private static JsonNode details(UUID requestId, String category, String residentId) {
        Map<String, Object> payload = new java.util.LinkedHashMap<>();
        payload.put("requestId", requestId);
        if (category != null) {
            payload.put("category", category);
        }
        if (residentId != null) {
            payload.put("residentId", residentId);
        }
        return TestHub.event(UUID.randomUUID(), "HELP_DETAILS", PRESSED.plusSeconds(10), true, payload);
    }

    private static String text(WebhookReceiver receiver, int index) throws Exception {
        return ProtocolJson.mapper().readTree(receiver.bodies.get(index)).get("text").get("content").asText();
    }

    private static List<UUID> ids(TestHub.Answer answer) {
        assertThat(answer.status()).isEqualTo(200);
        List<UUID> out = new ArrayList<>();
        answer.json().forEach(node -> out.add(UUID.fromString(node.get("id").asText())));
        return out;
    }
}
