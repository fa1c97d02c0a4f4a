package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.courtyard.hub.api.help.HelpFeature;
import org.courtyard.hub.notify.WebhookEvent;
import org.courtyard.hub.notify.WebhookFormat;
import org.courtyard.hub.notify.WebhookTarget;
import org.courtyard.protocol.ProtocolJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Overdue marking and webhooks, with a clock the test moves. */
class NotifyTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    TestHub hub;
    WebhookReceiver json;
    WebhookReceiver wecom;

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
    void a_request_still_new_after_the_overdue_time_is_marked_once_and_streamed() throws Exception {
        hub = new TestHub(dir, config -> config.overdueAfter(Duration.ofMinutes(5)));
        TestHub.Kiosk kiosk = hub.kiosk("村委会活动室", "大村");
        UUID late = UUID.randomUUID();
        UUID handled = UUID.randomUUID();
        hub.sync(kiosk, null, TestHub.helpRequested(late, TestHub.START), TestHub.helpRequested(handled, TestHub.START));
        hub.transition(hub.adminToken, handled, "ACKNOWLEDGED", null);

        try (EventStreamReader stream = new EventStreamReader(hub.http, hub.uri("/api/v1/stream"),
                "Authorization", "Bearer " + hub.adminToken)) {
            hub.clock.advance(Duration.ofMinutes(4));
            assertThat(hub.hub.runCheck(HelpFeature.OVERDUE_CHECK)).isZero();

            hub.clock.advance(Duration.ofMinutes(1));
            assertThat(hub.hub.runCheck(HelpFeature.OVERDUE_CHECK)).isEqualTo(1);
            assertThat(hub.hub.runCheck(HelpFeature.OVERDUE_CHECK)).isZero();

            EventStreamReader.Received overdue = stream.nextHelpEvent(WAIT);
            assertThat(overdue.name()).isEqualTo("help-overdue");
            assertThat(overdue.data().get("id").asText()).isEqualTo(late.toString());
            assertThat(overdue.data().get("overdue").asBoolean()).isTrue();
        }
        JsonNode list = hub.get("/api/v1/help-requests", hub.adminToken).json();
        for (JsonNode help : list) {
            assertThat(help.get("overdue").asBoolean()).as(help.get("id").asText())
                    .isEqualTo(help.get("id").asText().equals(late.toString()));
        }
    }

    @Test
    void webhooks_get_new_overdue_and_resolved_in_both_formats() throws Exception {
        json = new WebhookReceiver(0);
        wecom = new WebhookReceiver(0);
        hub = new TestHub(dir, config -> config
                .webhook(WebhookTarget.of("1", json.url(), WebhookFormat.JSON, EnumSet.allOf(WebhookEvent.class)))
                .webhook(WebhookTarget.of("2", wecom.url(), WebhookFormat.WECOM, EnumSet.allOf(WebhookEvent.class))));
        TestHub.Kiosk kiosk = hub.kiosk("村委会活动室", "大村");
        UUID id = UUID.randomUUID();

        // 10:02:00 UTC is 18:02 in Yunnan (Asia/Shanghai).
        hub.sync(kiosk, null, TestHub.event(id, "HELP_REQUESTED", Instant.parse("2026-11-29T10:02:00Z"), true,
                Map.of("source", "BUTTON")));
        await().atMost(WAIT).until(() -> json.bodies.size() == 1 && wecom.bodies.size() == 1);

        JsonNode created = ProtocolJson.mapper().readTree(json.bodies.get(0));
        assertThat(created.get("event").asText()).isEqualTo("help.new");
        assertThat(created.get("request").get("id").asText()).isEqualTo(id.toString());
        assertThat(created.get("request").get("village").asText()).isEqualTo("大村");
        JsonNode text = ProtocolJson.mapper().readTree(wecom.bodies.get(0));
        assertThat(text.get("msgtype").asText()).isEqualTo("text");
        assertThat(text.get("text").get("content").asText()).isEqualTo("【求助】大村 村委会活动室 18:02 新求助，请尽快处理");

        hub.clock.advance(Duration.ofMinutes(6));
        hub.hub.runCheck(HelpFeature.OVERDUE_CHECK);
        await().atMost(WAIT).until(() -> json.bodies.size() == 2 && wecom.bodies.size() == 2);
        assertThat(ProtocolJson.mapper().readTree(json.bodies.get(1)).get("event").asText()).isEqualTo("help.overdue");
        assertThat(ProtocolJson.mapper().readTree(wecom.bodies.get(1)).get("text").get("content").asText())
                .startsWith("【求助超时】大村 村委会活动室 18:02");

        hub.transition(hub.adminToken, id, "ACKNOWLEDGED", null);
        hub.transition(hub.adminToken, id, "RESOLVED", null);
        await().atMost(WAIT).until(() -> json.bodies.size() == 3 && wecom.bodies.size() == 3);
        JsonNode resolved = ProtocolJson.mapper().readTree(json.bodies.get(2));
        assertThat(resolved.get("event").asText()).isEqualTo("help.resolved");
        assertThat(resolved.get("request").get("status").asText()).isEqualTo("RESOLVED");
        assertThat(ProtocolJson.mapper().readTree(wecom.bodies.get(2)).get("text").get("content").asText())
                .startsWith("【已解决】大村 村委会活动室 18:02");
    }

    @Test
    void a_webhook_only_gets_the_events_it_asked_for() throws Exception {
        json = new WebhookReceiver(0);
        hub = new TestHub(dir, config -> config
                .webhook(WebhookTarget.of("1", json.url(), WebhookFormat.JSON, EnumSet.of(WebhookEvent.RESOLVED))));
        TestHub.Kiosk kiosk = hub.kiosk("村委会活动室", "大村");
        UUID id = UUID.randomUUID();
        hub.sync(kiosk, null, TestHub.helpRequested(id, TestHub.START));
        hub.transition(hub.adminToken, id, "ACKNOWLEDGED", null);
        hub.transition(hub.adminToken, id, "RESOLVED", null);

        await().atMost(WAIT).until(() -> json.bodies.size() == 1);
        assertThat(ProtocolJson.mapper().readTree(json.bodies.get(0)).get("event").asText()).isEqualTo("help.resolved");
        assertThat(hub.column("SELECT COUNT(*) FROM webhook_outbox")).containsExactly("1");
    }

    @Test
    void a_failing_receiver_gets_the_message_again_after_the_backoff() throws Exception {
        json = new WebhookReceiver(2);
        hub = new TestHub(dir, config -> config.webhookRetryBase(Duration.ofSeconds(10))
                .webhook(WebhookTarget.of("1", json.url(), WebhookFormat.JSON, EnumSet.allOf(WebhookEvent.class))));
        TestHub.Kiosk kiosk = hub.kiosk("村委会活动室", "大村");
        UUID id = UUID.randomUUID();

        TestHub.Answer sync = hub.sync(kiosk, null, TestHub.helpRequested(id, TestHub.START));
        assertThat(sync.status()).isEqualTo(200);

        awaitFailedAttempts(1);
        assertThat(json.calls.get()).isEqualTo(1);
        assertThat(hub.column("SELECT last_error FROM webhook_outbox")).containsExactly("HTTP 500");
        hub.clock.advance(Duration.ofSeconds(10));
        awaitFailedAttempts(2);
        assertThat(json.calls.get()).isEqualTo(2);
        hub.clock.advance(Duration.ofSeconds(20));
        await().atMost(WAIT).until(() -> json.bodies.size() == 1);

        assertThat(json.calls.get()).isEqualTo(3);
        assertThat(ProtocolJson.mapper().readTree(json.bodies.get(0)).get("request").get("id").asText())
                .isEqualTo(id.toString());
        // The receiver has the body before the hub, reading its answer, records the delivery.
        await().atMost(WAIT).untilAsserted(() -> assertThat(hub.column(
                "SELECT attempts FROM webhook_outbox WHERE delivered_at IS NOT NULL")).containsExactly("3"));
    }

    @Test
    void a_receiver_that_never_answers_well_is_given_up_after_the_max_attempts() throws Exception {
        json = new WebhookReceiver(Integer.MAX_VALUE);
        hub = new TestHub(dir, config -> config.webhookMaxAttempts(2).webhookRetryBase(Duration.ofSeconds(1))
                .webhook(WebhookTarget.of("1", json.url(), WebhookFormat.JSON, EnumSet.allOf(WebhookEvent.class))));
        TestHub.Kiosk kiosk = hub.kiosk("村委会活动室", "大村");
        hub.sync(kiosk, null, TestHub.helpRequested(UUID.randomUUID(), TestHub.START));

        awaitFailedAttempts(1);
        hub.clock.advance(Duration.ofSeconds(1));
        await().atMost(WAIT).until(() -> !hub.column("SELECT id FROM webhook_outbox WHERE failed_at IS NOT NULL").isEmpty());

        hub.clock.advance(Duration.ofHours(2));
        assertThat(hub.hub.deliverWebhooks()).isZero();
        assertThat(json.calls.get()).isEqualTo(2);
    }

    /**
     * Waits until the hub has stored its {@code n}th failed attempt, and with it the time of the
     * next one. Waiting for the receiver to count the call is not enough: the hub computes the next
     * attempt from its clock after the answer arrives, so a clock moved in between pushes the retry
     * past the moved time and it never becomes due.
     */
    private void awaitFailedAttempts(int n) {
        await().atMost(WAIT).until(() -> hub.column("SELECT attempts FROM webhook_outbox")
                .equals(List.of(Integer.toString(n))));
    }

    @Test
    void queued_messages_survive_a_restart_and_go_to_the_receivers_address_as_configured_now() throws Exception {
        json = new WebhookReceiver(0);
        queueOneForAReceiverThatIsDownThenStop();
        assertThat(hub.column("SELECT url FROM webhook_outbox")).as("stored without the key in its query")
                .allSatisfy(url -> assertThat(url).doesNotContain("secret-key"));

        // The same receiver, webhook.1, now at an address that works (a new key, a new server).
        hub = new TestHub(dir, config -> config.webhook(WebhookTarget.of("1", json.url(), WebhookFormat.JSON,
                EnumSet.allOf(WebhookEvent.class))));
        hub.clock.advance(Duration.ofMinutes(1));

        await().atMost(WAIT).until(() -> json.bodies.size() == 1);
    }

    @Test
    void a_message_for_a_receiver_no_longer_configured_is_given_up_with_the_reason() throws Exception {
        queueOneForAReceiverThatIsDownThenStop();

        hub = new TestHub(dir);

        assertThat(hub.column("SELECT last_error FROM webhook_outbox WHERE failed_at IS NOT NULL"))
                .containsExactly("its receiver is no longer configured");
    }

    /** A hub whose webhook.1 answers 500 queues a help request's message, tries it once and stops. */
    private void queueOneForAReceiverThatIsDownThenStop() throws Exception {
        try (WebhookReceiver down = new WebhookReceiver(Integer.MAX_VALUE)) {
            hub = new TestHub(dir, config -> config.webhook(WebhookTarget.of("1", down.url(), WebhookFormat.JSON,
                    EnumSet.allOf(WebhookEvent.class))));
            TestHub.Kiosk kiosk = hub.kiosk("村委会活动室", "大村");
            hub.sync(kiosk, null, TestHub.helpRequested(UUID.randomUUID(), TestHub.START));
            await().atMost(WAIT).until(() -> down.calls.get() == 1);
            hub.close();
        }
    }
}
