package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelpTest {

    @TempDir
    Path dir;

    TestHub hub;
    TestHub.Kiosk kiosk;
    String staff;

    @BeforeEach
    void start() {
        hub = new TestHub(dir);
        kiosk = hub.kiosk("村委会活动室", "大村");
        staff = hub.user("wang", "STAFF", null);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void help_requested_creates_a_new_request_with_the_kiosks_time_and_the_hubs() {
        UUID id = UUID.randomUUID();
        Instant pressed = Instant.parse("2026-11-29T09:58:12.345Z");
        hub.sync(kiosk, null, TestHub.event(id, "HELP_REQUESTED", pressed, false,
                Map.of("source", "VOICE", "category", "MEDICAL", "transcript", "救命")));

        JsonNode help = hub.get("/api/v1/help-requests/" + id, staff).json();

        assertThat(help.get("id").asText()).isEqualTo(id.toString());
        assertThat(help.get("kioskId").asText()).isEqualTo(kiosk.id());
        assertThat(help.get("kioskName").asText()).isEqualTo("村委会活动室");
        assertThat(help.get("village").asText()).isEqualTo("大村");
        assertThat(help.get("status").asText()).isEqualTo("NEW");
        assertThat(help.get("source").asText()).isEqualTo("VOICE");
        assertThat(help.get("category").asText()).isEqualTo("MEDICAL");
        assertThat(help.get("transcript").asText()).isEqualTo("救命");
        assertThat(help.get("occurredAt").asText()).isEqualTo(pressed.toString());
        assertThat(help.get("clockTrusted").asBoolean()).isFalse();
        assertThat(help.get("receivedAt").asText()).isEqualTo(TestHub.START.toString());
        assertThat(help.get("overdue").asBoolean()).isFalse();
        assertThat(help.get("history")).hasSize(1);
        assertThat(help.get("history").get(0).get("status").asText()).isEqualTo("NEW");
    }

    @Test
    void the_list_is_newest_first_and_filters_by_status_and_village() {
        TestHub.Kiosk other = hub.kiosk("小学", "二村");
        UUID first = help(kiosk);
        hub.clock.advance(Duration.ofMinutes(1));
        UUID second = help(kiosk);
        hub.clock.advance(Duration.ofMinutes(1));
        UUID elsewhere = help(other);
        hub.transition(staff, first, "ACKNOWLEDGED", null);

        assertThat(ids(hub.get("/api/v1/help-requests", staff))).containsExactly(elsewhere, second, first);
        assertThat(ids(hub.get("/api/v1/help-requests?status=NEW", staff))).containsExactly(elsewhere, second);
        assertThat(ids(hub.get("/api/v1/help-requests?status=ACKNOWLEDGED,RESOLVED", staff))).containsExactly(first);
        assertThat(ids(hub.get("/api/v1/help-requests?village=%E5%A4%A7%E6%9D%91", staff))).containsExactly(second, first);
        assertThat(ids(hub.get("/api/v1/help-requests?open=true&village=%E4%BA%8C%E6%9D%91", staff)))
                .containsExactly(elsewhere);
        TestHub.Answer bad = hub.get("/api/v1/help-requests?status=LOST", staff);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorMessage()).contains("status");
    }

    @Test
    void a_cadre_sees_only_their_own_village() {
        TestHub.Kiosk other = hub.kiosk("小学", "二村");
        UUID own = help(kiosk);
        UUID foreign = help(other);
        String cadre = hub.user("li", "CADRE", "大村");

        assertThat(ids(hub.get("/api/v1/help-requests", cadre))).containsExactly(own);
        assertThat(hub.get("/api/v1/help-requests/" + own, cadre).status()).isEqualTo(200);
        assertThat(hub.get("/api/v1/help-requests/" + foreign, cadre).status()).isEqualTo(403);
        assertThat(hub.transition(cadre, foreign, "ACKNOWLEDGED", null).status()).isEqualTo(403);
        assertThat(hub.get("/api/v1/help-requests?village=%E4%BA%8C%E6%9D%91", cadre).status()).isEqualTo(403);
        JsonNode kiosks = hub.get("/api/v1/kiosks", cadre).json();
        assertThat(kiosks).hasSize(1);
        assertThat(kiosks.get(0).get("id").asText()).isEqualTo(kiosk.id());
    }

    @Test
    void an_unknown_request_is_404() {
        assertThat(hub.get("/api/v1/help-requests/" + UUID.randomUUID(), staff).status()).isEqualTo(404);
        assertThat(hub.get("/api/v1/help-requests/nonsense", staff).status()).isEqualTo(404);
        assertThat(hub.transition(staff, UUID.randomUUID(), "ACKNOWLEDGED", null).status()).isEqualTo(404);
    }

    @Test
    void transitions_follow_the_state_machine_and_record_history() {
        UUID id = help(kiosk);

        TestHub.Answer acknowledged = hub.transition(staff, id, "ACKNOWLEDGED", null);
        assertThat(acknowledged.status()).isEqualTo(200);
        assertThat(acknowledged.json().get("status").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(acknowledged.json().get("acknowledgedBy").asText()).isEqualTo("wang");

        hub.clock.advance(Duration.ofMinutes(2));
        TestHub.Answer assigned = hub.transition(staff, id, "ASSIGNED", "张书记");
        assertThat(assigned.json().get("assignee").asText()).isEqualTo("张书记");

        hub.clock.advance(Duration.ofMinutes(20));
        TestHub.Answer resolved = hub.transition(staff, id, "RESOLVED", null);
        assertThat(resolved.json().get("status").asText()).isEqualTo("RESOLVED");

        JsonNode history = hub.get("/api/v1/help-requests/" + id, staff).json().get("history");
        assertThat(history).hasSize(4);
        assertThat(history.findValuesAsText("status")).containsExactly("NEW", "ACKNOWLEDGED", "ASSIGNED", "RESOLVED");
        assertThat(history.get(0).get("by").asText()).isEqualTo("kiosk");
        assertThat(history.get(1).get("by").asText()).isEqualTo("wang");
        assertThat(history.get(1).get("note").asText()).isEqualTo("note for ACKNOWLEDGED");
        assertThat(history.get(2).get("assignee").asText()).isEqualTo("张书记");
        assertThat(history.get(2).get("at").asText()).isEqualTo(TestHub.START.plusSeconds(120).toString());
        assertThat(history.get(3).get("at").asText()).isEqualTo(TestHub.START.plusSeconds(22 * 60).toString());
    }

    @Test
    void every_illegal_transition_is_409() {
        Map<String, List<String>> illegal = Map.of(
                "NEW", List.of("NEW", "ASSIGNED", "RESOLVED"),
                "ACKNOWLEDGED", List.of("NEW", "ACKNOWLEDGED"),
                "ASSIGNED", List.of("NEW", "ACKNOWLEDGED", "ASSIGNED"),
                "RESOLVED", List.of("NEW", "ACKNOWLEDGED", "ASSIGNED", "RESOLVED", "CANCELLED"),
                "CANCELLED", List.of("NEW", "ACKNOWLEDGED", "ASSIGNED", "RESOLVED", "CANCELLED"));
        illegal.forEach((from, targets) -> {
            for (String to : targets) {
                UUID id = requestIn(from);
                TestHub.Answer answer = hub.transition(staff, id, to, "张书记");
                assertThat(answer.status()).as(from + " -> " + to).isEqualTo(409);
                assertThat(answer.json().get("error").get("code").asText()).isEqualTo("conflict");
                assertThat(answer.errorMessage()).contains(from).contains(to);
                assertThat(hub.get("/api/v1/help-requests/" + id, staff).json().get("status").asText()).isEqualTo(from);
            }
        });
    }

    @Test
    void cancel_is_allowed_from_every_open_state() {
        for (String from : List.of("NEW", "ACKNOWLEDGED", "ASSIGNED")) {
            UUID id = requestIn(from);
            assertThat(hub.transition(staff, id, "CANCELLED", null).status()).as(from).isEqualTo(200);
        }
    }

    @Test
    void assigned_without_an_assignee_is_400_naming_it() {
        UUID id = requestIn("ACKNOWLEDGED");

        TestHub.Answer answer = hub.transition(staff, id, "ASSIGNED", null);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorMessage()).contains("assignee");
    }

    @Test
    void an_unknown_target_status_is_400_naming_the_field() {
        UUID id = help(kiosk);

        TestHub.Answer answer = hub.transition(staff, id, "FINISHED", null);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorMessage()).contains("to");
    }

    @Test
    void the_kiosk_gets_status_changes_on_its_next_sync_once() {
        UUID id = help(kiosk);
        String cursor = hub.sync(kiosk, null).json().get("cursor").asText();

        hub.transition(staff, id, "ACKNOWLEDGED", null);
        TestHub.Answer next = hub.sync(kiosk, cursor);

        JsonNode updates = next.json().get("helpUpdates");
        assertThat(updates).hasSize(1);
        assertThat(updates.get(0).get("requestId").asText()).isEqualTo(id.toString());
        assertThat(updates.get(0).get("status").asText()).isEqualTo("ACKNOWLEDGED");
        // "wang" has no display name: the kiosk is never told a login name, and says 村干部.
        assertThat(updates.get(0).get("by").isNull()).isTrue();
        String newCursor = next.json().get("cursor").asText();
        assertThat(newCursor).isNotEqualTo(cursor);
        assertThat(hub.sync(kiosk, newCursor).json().get("helpUpdates")).isEmpty();
    }

    @Test
    void the_kiosk_hears_display_names_never_login_names_for_who_acknowledged_and_who_is_sent() {
        hub.addUser("lihua", "STAFF", null, "李华");
        hub.addUser("zhaoli", "CADRE", "大村", "赵丽");
        String lihua = hub.login("lihua", "password-lihua");
        UUID id = help(kiosk);
        String cursor = hub.sync(kiosk, null).json().get("cursor").asText();

        hub.transition(lihua, id, "ACKNOWLEDGED", null);
        // Staff typed the cadre's login instead of her name, and then someone's plain name.
        hub.transition(lihua, id, "ASSIGNED", "zhaoli");
        hub.transition(lihua, id, "RESOLVED", null);
        JsonNode updates = hub.sync(kiosk, cursor).json().get("helpUpdates");

        assertThat(updates).extracting(u -> u.get("status").asText() + " " + u.get("by").asText() + " "
                + u.get("assignee").asText())
                .containsExactly("ACKNOWLEDGED 李华 null", "ASSIGNED 李华 赵丽", "RESOLVED 李华 null");
        // Staff still see what was typed and who did it.
        JsonNode history = hub.get("/api/v1/help-requests/" + id, hub.adminToken).json().get("history");
        assertThat(history.get(2).get("assignee").asText()).isEqualTo("zhaoli");
        assertThat(history.get(1).get("by").asText()).isEqualTo("李华");
    }

    @Test
    void another_kiosks_updates_are_not_sent() {
        TestHub.Kiosk other = hub.kiosk("小学", "二村");
        UUID foreign = help(other);
        hub.transition(staff, foreign, "ACKNOWLEDGED", null);

        assertThat(hub.sync(kiosk, null).json().get("helpUpdates")).isEmpty();
    }

    @Test
    void a_waiting_long_poll_is_released_within_a_second_of_a_transition() throws Exception {
        UUID id = help(kiosk);
        String cursor = hub.sync(kiosk, null).json().get("cursor").asText();
        CompletableFuture<TestHub.Answer> poll = hub.sendAsync(
                hub.postRequest("/api/v1/sync?wait=20", kiosk.token(), TestHub.syncBody(kiosk, cursor)));
        await().atMost(Duration.ofSeconds(5)).until(() -> hub.hub.waitingSyncs() == 1);
        assertThat(poll).isNotDone();

        hub.transition(staff, id, "ACKNOWLEDGED", null);

        TestHub.Answer answer = poll.get(1, TimeUnit.SECONDS);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("helpUpdates").get(0).get("status").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(hub.hub.waitingSyncs()).isZero();
    }

    @Test
    void a_long_poll_with_nothing_new_answers_empty_when_its_time_runs_out() throws Exception {
        String cursor = hub.sync(kiosk, null).json().get("cursor").asText();

        TestHub.Answer answer = hub.sendAsync(hub.postRequest("/api/v1/sync?wait=1", kiosk.token(),
                TestHub.syncBody(kiosk, cursor))).get(10, TimeUnit.SECONDS);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("helpUpdates")).isEmpty();
        assertThat(answer.json().get("cursor").asText()).isEqualTo(cursor);
    }

    @Test
    void a_long_poll_with_news_already_waiting_answers_at_once() throws Exception {
        UUID id = help(kiosk);
        String cursor = hub.sync(kiosk, null).json().get("cursor").asText();
        hub.transition(staff, id, "ACKNOWLEDGED", null);

        TestHub.Answer answer = hub.sendAsync(hub.postRequest("/api/v1/sync?wait=20", kiosk.token(),
                TestHub.syncBody(kiosk, cursor))).get(2, TimeUnit.SECONDS);

        assertThat(answer.json().get("helpUpdates")).hasSize(1);
    }

    @Test
    void a_bad_wait_is_400_naming_it() {
        TestHub.Answer answer = hub.send(hub.postRequest("/api/v1/sync?wait=soon", kiosk.token(),
                TestHub.syncBody(kiosk, null)));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorMessage()).contains("wait");
    }

    @Test
    void help_cancelled_cancels_the_kiosks_open_request() {
        UUID id = help(kiosk);

        TestHub.Answer answer = hub.sync(kiosk, null, TestHub.helpCancelled(id));

        assertThat(answer.json().get("rejected")).isEmpty();
        assertThat(answer.json().get("helpUpdates").get(0).get("status").asText()).isEqualTo("CANCELLED");
        JsonNode help = hub.get("/api/v1/help-requests/" + id, staff).json();
        assertThat(help.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(help.get("history").get(1).get("by").asText()).isEqualTo("kiosk");
    }

    @Test
    void help_cancelled_in_the_same_batch_as_its_request_works() {
        UUID id = UUID.randomUUID();

        TestHub.Answer answer = hub.sync(kiosk, null, TestHub.helpRequested(id, TestHub.START), TestHub.helpCancelled(id));

        assertThat(answer.json().get("accepted")).hasSize(2);
        assertThat(hub.get("/api/v1/help-requests/" + id, staff).json().get("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void help_cancelled_for_a_resolved_or_foreign_request_is_rejected() {
        TestHub.Kiosk other = hub.kiosk("小学", "二村");
        UUID foreign = help(other);
        UUID resolved = requestIn("RESOLVED");

        JsonNode rejected = hub.sync(kiosk, null, TestHub.helpCancelled(foreign), TestHub.helpCancelled(resolved))
                .json().get("rejected");

        assertThat(rejected.findValuesAsText("code")).containsExactly("not_this_kiosk", "not_open");
        assertThat(hub.get("/api/v1/help-requests/" + foreign, staff).json().get("status").asText()).isEqualTo("NEW");
    }

    @Test
    void help_details_set_the_category_chosen_after_sending_and_the_latest_wins() {
        UUID id = UUID.randomUUID();
        hub.sync(kiosk, null, TestHub.event(id, "HELP_REQUESTED", hub.clock.instant(), true,
                java.util.Map.of("source", "SCREEN")));
        assertThat(hub.get("/api/v1/help-requests/" + id, staff).json().get("category").isNull()).isTrue();

        TestHub.Answer answer = hub.sync(kiosk, null, TestHub.helpDetails(id, "DAILY"),
                TestHub.helpDetails(id, "MEDICAL"));

        assertThat(answer.json().get("accepted")).hasSize(2);
        JsonNode help = hub.get("/api/v1/help-requests/" + id, staff).json();
        assertThat(help.get("category").asText()).isEqualTo("MEDICAL");
        assertThat(help.get("status").asText()).isEqualTo("NEW");
    }

    @Test
    void help_details_for_another_kiosks_request_are_rejected() {
        UUID foreign = help(hub.kiosk("小学", "二村"));

        JsonNode rejected = hub.sync(kiosk, null, TestHub.helpDetails(foreign, "DAILY")).json().get("rejected");

        assertThat(rejected.findValuesAsText("code")).containsExactly("not_this_kiosk");
        assertThat(hub.get("/api/v1/help-requests/" + foreign, staff).json().get("category").asText())
                .isEqualTo("MEDICAL");
    }

    private UUID help(TestHub.Kiosk from) {
        UUID id = UUID.randomUUID();
        TestHub.Answer answer = hub.sync(from, null, TestHub.helpRequested(id, hub.clock.instant()));
        assertThat(answer.json().get("accepted").get(0).asText()).isEqualTo(id.toString());
        return id;
    }

    private UUID requestIn(String status) {
        UUID id = help(kiosk);
        List<String> path = switch (status) {
            case "NEW" -> List.of();
            case "ACKNOWLEDGED" -> List.of("ACKNOWLEDGED");
            case "ASSIGNED" -> List.of("ACKNOWLEDGED", "ASSIGNED");
            case "RESOLVED" -> List.of("ACKNOWLEDGED", "RESOLVED");
            case "CANCELLED" -> List.of("CANCELLED");
            default -> throw new IllegalArgumentException(status);
        };
        for (String step : path) {
            assertThat(hub.transition(staff, id, step, "张书记").status()).isEqualTo(200);
        }
        return id;
    }

    private static List<UUID> ids(TestHub.Answer answer) {
        assertThat(answer.status()).isEqualTo(200);
        List<UUID> out = new java.util.ArrayList<>();
        answer.json().forEach(node -> out.add(UUID.fromString(node.get("id").asText())));
        return out;
    }
}
