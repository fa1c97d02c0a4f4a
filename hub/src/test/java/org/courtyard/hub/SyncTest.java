package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.courtyard.protocol.ProtocolJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncTest {

    @TempDir
    Path dir;

    TestHub hub;
    TestHub.Kiosk kiosk;
    String wang;
    String li;

    @BeforeEach
    void start() {
        hub = new TestHub(dir);
        kiosk = hub.kiosk("村委会活动室", "大村");
        wang = hub.resident("王秀英", "大村", "ELDER");
        li = hub.resident("李小军", "大村", "CHILD");
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void accepted_events_are_stored_with_the_kiosk_and_both_times() {
        UUID help = UUID.randomUUID();
        JsonNode heartbeat = TestHub.heartbeat();
        JsonNode checkIn = TestHub.checkedIn(wang);

        TestHub.Answer answer = hub.sync(kiosk, null, TestHub.helpRequested(help, TestHub.START.minusSeconds(30)),
                heartbeat, checkIn);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(ids(answer.json().get("accepted")))
                .containsExactly(help.toString(), heartbeat.get("id").asText(), checkIn.get("id").asText());
        assertThat(answer.json().get("rejected")).isEmpty();
        assertThat(answer.json().get("announcements")).isEmpty();
        assertThat(answer.json().get("cursor").asText()).isNotBlank();
        assertThat(answer.json().get("serverTime").asText()).isEqualTo(TestHub.START.toString());
        assertThat(hub.column("SELECT type FROM events ORDER BY type"))
                .containsExactly("CHECKED_IN", "HEARTBEAT", "HELP_REQUESTED");
        assertThat(hub.column("SELECT DISTINCT kiosk_id FROM events")).containsExactly(kiosk.id());
        assertThat(hub.column("SELECT received_at FROM events WHERE id = '" + help + "'"))
                .containsExactly(Long.toString(TestHub.START.toEpochMilli()));
        assertThat(hub.column("SELECT occurred_at FROM events WHERE id = '" + help + "'"))
                .containsExactly(Long.toString(TestHub.START.minusSeconds(30).toEpochMilli()));
    }

    @Test
    void a_help_request_made_while_the_kiosk_clock_said_1970_is_kept_at_the_hubs_receive_time() {
        UUID help = UUID.randomUUID();
        JsonNode pressed = TestHub.event(help, "HELP_REQUESTED", java.time.Instant.EPOCH, true,
                java.util.Map.of("source", "BUTTON", "category", "MEDICAL"));

        TestHub.Answer answer = hub.sync(kiosk, null, pressed);

        assertThat(ids(answer.json().get("accepted"))).containsExactly(help.toString());
        assertThat(answer.json().get("rejected")).isEmpty();
        String staff = hub.user("zhou", "STAFF", null);
        JsonNode request = hub.get("/api/v1/help-requests/" + help, staff).json();
        assertThat(request.get("occurredAt").asText()).isEqualTo(TestHub.START.toString());
        assertThat(request.get("receivedAt").asText()).isEqualTo(TestHub.START.toString());
        assertThat(request.get("clockTrusted").asBoolean()).isFalse();
        assertThat(request.get("status").asText()).isEqualTo("NEW");
        assertThat(hub.column("SELECT occurred_at || ' ' || clock_trusted FROM events WHERE id = '" + help + "'"))
                .as("the event log keeps what the kiosk said, marked untrusted").containsExactly("0 0");
    }

    @Test
    void a_check_in_dated_1970_or_years_ahead_counts_today_at_the_hubs_time_not_on_that_day() {
        JsonNode from1970 = TestHub.checkedIn(wang, java.time.Instant.EPOCH, true);
        JsonNode from2031 = TestHub.checkedIn(li, TestHub.START.plus(java.time.Duration.ofDays(5 * 365)), true);
        JsonNode lastWeek = TestHub.checkedIn(wang, TestHub.START.minus(java.time.Duration.ofDays(7)), true);

        TestHub.Answer answer = hub.sync(kiosk, null, from1970, from2031, lastWeek);

        assertThat(ids(answer.json().get("accepted"))).hasSize(3);
        JsonNode today = hub.get("/api/v1/check-ins", hub.adminToken).json();
        assertThat(today).hasSize(2);
        for (JsonNode checkIn : today) {
            assertThat(checkIn.get("at").asText()).isEqualTo(TestHub.START.toString());
            assertThat(checkIn.get("clockTrusted").asBoolean()).isFalse();
        }
        assertThat(hub.column("SELECT clock_trusted FROM events WHERE id = '" + lastWeek.get("id").asText() + "'"))
                .as("a believable time from an offline week stays trusted").containsExactly("1");
    }

    @Test
    void a_replayed_batch_creates_no_duplicates() {
        UUID help = UUID.randomUUID();
        ObjectNode body = TestHub.syncBody(kiosk, null, TestHub.helpRequested(help, TestHub.START), TestHub.checkedIn(wang));

        TestHub.Answer first = hub.post("/api/v1/sync", kiosk.token(), body);
        TestHub.Answer replay = hub.post("/api/v1/sync", kiosk.token(), body);

        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.json().get("accepted")).isEqualTo(first.json().get("accepted"));
        assertThat(replay.json().get("rejected")).isEmpty();
        assertThat(hub.column("SELECT COUNT(*) FROM events")).containsExactly("2");
        assertThat(hub.column("SELECT COUNT(*) FROM help_requests")).containsExactly("1");
        assertThat(hub.column("SELECT COUNT(*) FROM help_history")).containsExactly("1");
    }

    @Test
    void a_partly_duplicated_batch_stores_only_the_new_events_and_accepts_all() {
        JsonNode old = TestHub.checkedIn(wang);
        hub.sync(kiosk, null, old);
        JsonNode fresh = TestHub.checkedIn(li);
        UUID help = UUID.randomUUID();

        TestHub.Answer answer = hub.sync(kiosk, null, old, fresh, TestHub.helpRequested(help, TestHub.START));

        assertThat(ids(answer.json().get("accepted")))
                .containsExactly(old.get("id").asText(), fresh.get("id").asText(), help.toString());
        assertThat(hub.column("SELECT COUNT(*) FROM events")).containsExactly("3");
    }

    @Test
    void a_bad_event_is_rejected_by_id_while_the_good_ones_are_accepted() {
        UUID good = UUID.randomUUID();
        ObjectNode bad = TestHub.helpRequested(UUID.randomUUID(), TestHub.START);
        ((ObjectNode) bad.get("payload")).remove("source");
        JsonNode unknownCancel = TestHub.helpCancelled(UUID.randomUUID());

        TestHub.Answer answer = hub.sync(kiosk, null, bad, TestHub.helpRequested(good, TestHub.START), unknownCancel);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(ids(answer.json().get("accepted"))).containsExactly(good.toString());
        JsonNode rejected = answer.json().get("rejected");
        assertThat(rejected).hasSize(2);
        assertThat(rejected.get(0).get("id").asText()).isEqualTo(bad.get("id").asText());
        assertThat(rejected.get(0).get("code").asText()).isEqualTo("invalid_event");
        assertThat(rejected.get(0).get("message").asText()).contains("source");
        assertThat(rejected.get(1).get("id").asText()).isEqualTo(unknownCancel.get("id").asText());
        assertThat(rejected.get(1).get("code").asText()).isEqualTo("unknown_request");
        assertThat(hub.column("SELECT id FROM events")).containsExactly(good.toString());
    }

    @Test
    void an_event_of_unknown_type_or_without_a_uuid_is_rejected() {
        ObjectNode unknownType = TestHub.checkedIn("r-1").put("type", "DANCED");
        ObjectNode badId = TestHub.checkedIn("r-1").put("id", "not-a-uuid");

        TestHub.Answer answer = hub.sync(kiosk, null, unknownType, badId);

        assertThat(answer.json().get("accepted")).isEmpty();
        assertThat(answer.json().get("rejected").get(0).get("message").asText()).contains("type");
        assertThat(answer.json().get("rejected").get(1).get("id").asText()).isEqualTo("not-a-uuid");
        assertThat(answer.json().get("rejected").get(1).get("message").asText()).contains("id");
    }

    @Test
    void a_body_that_is_not_a_sync_request_is_400_naming_the_field() {
        ObjectNode noKiosk = TestHub.syncBody(kiosk, null);
        noKiosk.remove("kioskId");
        TestHub.Answer missing = hub.post("/api/v1/sync", kiosk.token(), noKiosk);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.errorMessage()).contains("kioskId");

        ObjectNode eventsNotArray = TestHub.syncBody(kiosk, null).put("events", "many");
        TestHub.Answer notArray = hub.post("/api/v1/sync", kiosk.token(), eventsNotArray);
        assertThat(notArray.status()).isEqualTo(400);
        assertThat(notArray.errorMessage()).contains("events");

        ObjectNode wrongProtocol = TestHub.syncBody(kiosk, null).put("protocol", 7);
        assertThat(hub.post("/api/v1/sync", kiosk.token(), wrongProtocol).errorMessage()).contains("protocol");

        ObjectNode badCursor = TestHub.syncBody(kiosk, "yesterday");
        assertThat(hub.post("/api/v1/sync", kiosk.token(), badCursor).errorMessage()).contains("cursor");

        TestHub.Answer malformed = hub.postRaw("/api/v1/sync", kiosk.token(), "application/json",
                "{\"protocol\":1,".getBytes(StandardCharsets.UTF_8));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("error").get("code").asText()).isEqualTo("malformed_json");
        assertThat(hub.column("SELECT COUNT(*) FROM events")).containsExactly("0");
    }

    @Test
    void another_kiosks_id_in_the_body_is_403() {
        TestHub.Kiosk other = hub.kiosk("小学", "二村");

        TestHub.Answer answer = hub.post("/api/v1/sync", kiosk.token(),
                TestHub.syncBody(other, null, TestHub.checkedIn("r-1")));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.errorMessage()).contains("kioskId");
        assertThat(hub.column("SELECT COUNT(*) FROM events")).containsExactly("0");
    }

    @Test
    void a_staff_token_cannot_sync() {
        TestHub.Answer answer = hub.post("/api/v1/sync", hub.adminToken, TestHub.syncBody(kiosk, null));

        assertThat(answer.status()).isEqualTo(403);
    }

    @Test
    void a_kiosk_token_cannot_call_staff_endpoints() {
        assertThat(hub.get("/api/v1/help-requests", kiosk.token()).status()).isEqualTo(403);
        assertThat(hub.get("/api/v1/kiosks", kiosk.token()).status()).isEqualTo(403);
    }

    @Test
    void sync_without_a_token_is_401() {
        TestHub.Answer answer = hub.post("/api/v1/sync", null, TestHub.syncBody(kiosk, null));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().get("error").get("code").asText()).isEqualTo("unauthorized");
    }

    @Test
    void a_body_over_one_mebibyte_is_413() {
        byte[] body = new byte[1024 * 1024 + 10];
        java.util.Arrays.fill(body, (byte) ' ');

        TestHub.Answer answer = hub.postRaw("/api/v1/sync", kiosk.token(), "application/json", body);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.json().get("error").get("code").asText()).isEqualTo("too_large");
    }

    @Test
    void a_body_that_is_not_json_is_415() {
        TestHub.Answer answer = hub.postRaw("/api/v1/sync", kiosk.token(), "text/plain",
                ProtocolJson.write(TestHub.syncBody(kiosk, null)).getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.json().get("error").get("code").asText()).isEqualTo("unsupported_media_type");
    }

    @Test
    void sync_updates_the_kiosks_last_contact_and_heartbeat() {
        TestHub.Answer before = hub.get("/api/v1/kiosks", hub.adminToken);
        assertThat(before.json().get(0).get("lastSeenAt").isNull()).isTrue();
        assertThat(before.json().get(0).get("online").asBoolean()).isFalse();

        hub.clock.advance(TestHub.seconds(5));
        hub.sync(kiosk, null, TestHub.heartbeat());

        JsonNode after = hub.get("/api/v1/kiosks", hub.adminToken).json().get(0);
        assertThat(after.get("id").asText()).isEqualTo(kiosk.id());
        assertThat(after.get("name").asText()).isEqualTo("村委会活动室");
        assertThat(after.get("village").asText()).isEqualTo("大村");
        assertThat(after.get("lastSeenAt").asText()).isEqualTo(TestHub.START.plusSeconds(5).toString());
        assertThat(after.get("online").asBoolean()).isTrue();
        assertThat(after.get("lastHeartbeat").get("version").asText()).isEqualTo("0.1.0");

        hub.clock.advance(TestHub.seconds(3 * 60 + 1));
        assertThat(hub.get("/api/v1/kiosks", hub.adminToken).json().get(0).get("online").asBoolean()).isFalse();
    }

    private static List<String> ids(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(node -> out.add(node.asText()));
        return out;
    }
}
