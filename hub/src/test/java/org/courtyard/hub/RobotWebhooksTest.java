package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.courtyard.hub.api.checkin.CheckInFeature;
import org.courtyard.hub.api.help.HelpFeature;
import org.courtyard.hub.notify.WebhookEvent;
import org.courtyard.hub.notify.WebhookFormat;
import org.courtyard.hub.notify.WebhookTarget;
import org.courtyard.protocol.ProtocolJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks to group robots that behave like WeCom's and DingTalk's ({@link FakeRobot}): the budget
 * of 20 a minute with help first and alone and the rest folded into a digest, rate-limit answers,
 * an invalid key or a wrong signature as a failure the staff see, mentions of the people who must
 * act, the byte limit, and the link to the staff page. The hub's clock and the robot's are one
 * {@link MutableClock} the test moves; nothing waits for real time to pass.
 */
class RobotWebhooksTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final URI PUBLIC = URI.create("https://hub.example.cn/");
    private static final String VILLAGE = "和平村";
    private static final String KEY = "3f2c1a9e-7b44-4d1e-9c0f-5a6b7c8d9e0f";
    private static final String DING_SECRET = "SEC6f1d2c3b4a5968778695a4b3c2d1e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6";

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(TestHub.START);
    TestHub hub;
    FakeRobot robot;
    FakeRobot other;

    @AfterEach
    void stop() {
        for (AutoCloseable running : new AutoCloseable[] {hub, robot, other}) {
            if (running != null) {
                try {
                    running.close();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    @Test
    void a_flood_of_forty_events_reaches_the_robot_within_three_minutes_never_over_twenty_a_minute_help_alone()
            throws Exception {
        robot = FakeRobot.wecom(clock, KEY);
        start(config -> config.publicUrl(PUBLIC).webhook(wecom("1", robot.url())));
        TestHub.Kiosk kiosk = hub.kiosk("村委会活动室", VILLAGE);
        assertThat(hub.send("PUT", "/api/v1/villages/" + VILLAGE, hub.adminToken, Map.of("dutyPhone", "13800002222"))
                .status()).isEqualTo(200);
        String cadre = hub.cadre("李建华", VILLAGE, "13900001111", "2468");
        List<String> names = names(36);
        Map<String, String> ids = new HashMap<>();
        for (String name : names) {
            ids.put(name, resident(name, cadre));
        }

        // A township-wide power cut: three days later four help requests arrive and, in the same
        // moment, 36 people are found overdue for their check-in.
        clock.advance(Duration.ofDays(3));
        Instant flood = clock.instant();
        List<UUID> help = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        hub.sync(kiosk, null, helpRequested(help.get(0), ids.get(names.get(0))),
                helpRequested(help.get(1), ids.get(names.get(1))), helpRequested(help.get(2), null),
                helpRequested(help.get(3), null));
        assertThat(hub.hub.runCheck(CheckInFeature.MISSED_CHECK)).isEqualTo(36);
        deliverUntil(() -> allArrived(robot, help, names), Duration.ofMinutes(3));

        assertThat(allArrived(robot, help, names)).as("every event reached the group").isTrue();
        assertThat(robot.messages).allSatisfy(message -> assertThat(message.at())
                .isBeforeOrEqualTo(flood.plus(Duration.ofMinutes(3))));
        assertThat(robot.mostRequestsInAnyMinute()).isLessThanOrEqualTo(20);
        assertThat(robot.requests).as("the robot never had to refuse one").allSatisfy(request ->
                assertThat(request.errcode()).isZero());
        assertThat(robot.messages.subList(0, 4)).as("help first").allSatisfy(message ->
                assertThat(message.content()).startsWith("【求助】"));
        for (UUID id : help) {
            List<FakeRobot.Message> carrying = robot.messages.stream()
                    .filter(message -> message.content().contains("#help/" + id)).toList();
            assertThat(carrying).as("help request " + id + " in a message of its own").hasSize(1);
            FakeRobot.Message alone = carrying.get(0);
            assertThat(alone.content()).startsWith("【求助】" + VILLAGE + " 村委会活动室").doesNotContain("未报平安");
            assertThat(alone.content().split("#help/", -1)).hasSize(2);
            assertThat(alone.mentions()).contains("13800002222");
        }
        FakeRobot.Message asking = robot.messages.stream()
                .filter(message -> message.content().contains("#help/" + help.get(0))).findFirst().orElseThrow();
        assertThat(asking.content()).contains(names.get(0), "结对干部：李建华", "村值班电话：13800002222");
        assertThat(asking.mentions()).containsExactly("13900001111", "13800002222");
        FakeRobot.Message digest = robot.messages.stream().filter(message -> message.content().contains("另有"))
                .findFirst().orElseThrow();
        assertThat(digest.content()).containsPattern("【未报平安】另有 \\d+ 人未报平安，请结对干部尽快联系：")
                .endsWith("\n查看详情：https://hub.example.cn/#checkins");
        assertThat(digest.mentions()).containsExactly("13900001111");
        assertThat(hub.get("/api/v1/webhooks", hub.adminToken).json().get(0).get("queued").asInt()).isZero();
    }

    @Test
    void help_beyond_the_budget_goes_alone_in_the_next_minute_and_is_never_folded() throws Exception {
        robot = FakeRobot.wecom(clock, KEY);
        start(config -> config.publicUrl(PUBLIC).webhook(wecom("1", robot.url())));
        TestHub.Kiosk kiosk = hub.kiosk("村委会活动室", VILLAGE);
        List<UUID> help = new ArrayList<>();
        List<JsonNode> events = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            help.add(UUID.randomUUID());
            events.add(helpRequested(help.get(i), null));
        }
        hub.sync(kiosk, null, events.toArray(JsonNode[]::new));

        deliverUntil(() -> robot.messages.size() == 24, Duration.ofMinutes(3));

        assertThat(robot.messages).hasSize(24).allSatisfy(message ->
                assertThat(message.content().split("#help/", -1)).hasSize(2));
        assertThat(robot.messages.stream().map(FakeRobot.Message::at).distinct().count())
                .as("twenty in the first minute, four in the next").isEqualTo(2);
        assertThat(robot.messages.get(20).at()).isAfterOrEqualTo(robot.messages.get(0).at().plusSeconds(60));
        assertThat(robot.mostRequestsInAnyMinute()).isEqualTo(20);
        assertThat(robot.requests).allSatisfy(request -> assertThat(request.errcode()).isZero());
    }

    @Test
    void a_rate_limit_answer_holds_the_robot_for_its_window_and_the_message_then_goes_uncharged() throws Exception {
        robot = FakeRobot.wecom(clock, KEY);
        start(config -> config.webhook(wecom("1", robot.url())));
        TestHub.Kiosk kiosk = hub.kiosk("村委会活动室", VILLAGE);
        robot.sentBySomeoneElse(20);

        hub.sync(kiosk, null, helpRequested(UUID.randomUUID(), null));
        await().atMost(WAIT).until(() -> receiver().get("state").asText().equals("THROTTLED"));

        assertThat(robot.requests).extracting(FakeRobot.Request::errcode).containsExactly(45009);
        JsonNode throttled = receiver();
        assertThat(throttled.get("pausedUntil").asText()).isEqualTo(clock.instant().plusSeconds(60).toString());
        assertThat(throttled.get("lastError").asText()).isEqualTo("errcode 45009: api freq out of limit");
        assertThat(throttled.get("queued").asInt()).isEqualTo(1);
        assertThat(hub.get("/healthz", null).json().get("status").asText()).as("a busy robot is no fault").isEqualTo("ok");

        clock.advance(Duration.ofSeconds(59));
        hub.hub.deliverWebhooks();
        assertThat(robot.requests).as("nothing during the window").hasSize(1);
        clock.advance(Duration.ofSeconds(2));
        hub.hub.deliverWebhooks();

        assertThat(robot.messages).hasSize(1);
        assertThat(receiver().get("state").asText()).isEqualTo("OK");
        assertThat(hub.column("SELECT attempts FROM webhook_outbox WHERE delivered_at IS NOT NULL"))
                .as("the refusal is not held against the message").containsExactly("1");
    }

    @Test
    void an_invalid_key_holds_every_message_shows_the_receiver_broken_and_degrades_healthz_without_the_key()
            throws Exception {
        robot = FakeRobot.wecom(clock, KEY);
        URI wrong = robot.url("0000aaaa-wrong-key");
        start(config -> config.webhook(wecom("1", wrong).withName("镇值班群")));
        TestHub.Kiosk kiosk = hub.kiosk("村委会活动室", VILLAGE);

        hub.sync(kiosk, null, helpRequested(UUID.randomUUID(), null));
        await().atMost(WAIT).until(() -> receiver().get("state").asText().equals("BROKEN"));

        JsonNode broken = receiver();
        assertThat(broken.get("name").asText()).isEqualTo("镇值班群");
        assertThat(broken.get("problem").asText()).isEqualTo("INVALID_KEY");
        assertThat(broken.get("lastError").asText()).startsWith("errcode 93000: invalid webhook url");
        assertThat(broken.get("queued").asInt()).isEqualTo(1);
        assertThat(broken.toString()).doesNotContain("wrong-key");
        JsonNode health = hub.get("/healthz", null).json();
        assertThat(health.get("status").asText()).isEqualTo("degraded");
        assertThat(health.get("reasons")).hasSize(1);
        assertThat(health.at("/reasons/0/code").asText()).isEqualTo("webhook_broken");
        assertThat(health.get("reasons").get(0).get("message").asText()).contains("webhook 1", "镇值班群", "INVALID_KEY")
                .doesNotContain("wrong-key");

        // Held: no retry hammers the robot while the key is wrong ...
        clock.advance(Duration.ofMinutes(30));
        hub.sync(kiosk, null, helpRequested(UUID.randomUUID(), null));
        hub.hub.deliverWebhooks();
        assertThat(robot.requests).hasSize(1);
        // ... but the test button tries once, and says it still does not work.
        String staff = hub.user("wangfang", "STAFF", null);
        TestHub.Answer tested = hub.post("/api/v1/webhooks/1/test", staff, Map.of());
        assertThat(tested.status()).isEqualTo(202);
        assertThat(tested.json().get("queued").asInt()).isEqualTo(3);
        await().atMost(WAIT).until(() -> receiver().get("failedMessages").asInt() == 1);
        clock.advance(Duration.ofMinutes(1));
        hub.hub.deliverWebhooks();
        assertThat(robot.requests).extracting(FakeRobot.Request::errcode).containsExactly(93000, 93000);
        assertThat(receiver().get("state").asText()).isEqualTo("BROKEN");
        assertThat(receiver().get("queued").asInt()).isEqualTo(2);
        assertThat(hub.column("SELECT action FROM audit_log WHERE action = 'webhook.test'")).hasSize(1);
        assertThat(hub.column("SELECT url || body FROM webhook_outbox")).allSatisfy(row -> assertThat(row)
                .doesNotContain("wrong-key"));

        // The right key: both held help requests go out.
        hub.close();
        hub = new TestHub(dir, clock, config -> config.webhook(wecom("1", robot.url()).withName("镇值班群")));
        hub.hub.deliverWebhooks();
        assertThat(robot.messages).hasSize(2).allSatisfy(message ->
                assertThat(message.content()).startsWith("【求助】"));
        assertThat(receiver().get("state").asText()).isEqualTo("OK");
        assertThat(hub.get("/healthz", null).json().get("status").asText()).isEqualTo("ok");
    }

    @Test
    void a_test_message_that_gets_through_ends_the_broken_state_and_the_held_messages_follow() throws Exception {
        robot = FakeRobot.dingtalk(clock, "ding-token", "SEC-the-robot-had-before-it-was-reset");
        start(config -> config.webhook(dingtalk("1", robot.url(), DING_SECRET)));
        TestHub.Kiosk kiosk = hub.kiosk("村委会活动室", VILLAGE);
        hub.sync(kiosk, null, helpRequested(UUID.randomUUID(), null));
        await().atMost(WAIT).until(() -> receiver().get("state").asText().equals("BROKEN"));
        assertThat(receiver().get("problem").asText()).isEqualTo("BAD_SIGNATURE");
        assertThat(robot.requests).extracting(FakeRobot.Request::errcode).containsExactly(310000);
        hub.close();
        hub = new TestHub(dir, clock, config -> config.webhook(dingtalk("1", robot.url(), DING_SECRET)));
        assertThat(receiver().get("state").asText()).as("the same configuration: still broken after a restart")
                .isEqualTo("BROKEN");

        // Someone fixes the robot on DingTalk's side; the test message shows it works.
        robot.secret(DING_SECRET);
        assertThat(hub.post("/api/v1/webhooks/1/test", hub.adminToken, Map.of()).status()).isEqualTo(202);
        hub.hub.deliverWebhooks();
        hub.hub.deliverWebhooks();

        assertThat(robot.messages).extracting(message -> message.content().substring(0, 4))
                .containsExactly("【测试】", "【求助】");
        assertThat(receiver().get("state").asText()).isEqualTo("OK");
    }

    @Test
    void dingtalk_messages_are_signed_mention_in_text_and_at_mobiles_and_a_wrong_secret_is_refused() throws Exception {
        robot = FakeRobot.dingtalk(clock, "ding-token", DING_SECRET);
        start(config -> config.publicUrl(PUBLIC)
                .webhook(dingtalk("1", robot.url(), DING_SECRET))
                .webhook(dingtalk("2", robot.url(), "SEC0000000000000000000000000000000000000000000000000000000000000000")));
        TestHub.Kiosk kiosk = hub.kiosk("村委会活动室", VILLAGE);
        String cadre = hub.cadre("李建华", VILLAGE, "13900001111", "2468");
        String zhang = resident("张桂英", cadre);
        UUID id = UUID.randomUUID();

        hub.sync(kiosk, null, helpRequested(id, zhang));
        await().atMost(WAIT).until(() -> robot.requests.size() == 2);

        assertThat(robot.messages).hasSize(1);
        FakeRobot.Message message = robot.messages.get(0);
        assertThat(message.content()).startsWith("【求助】和平村 村委会活动室 18:00 张桂英 新求助（看病），请尽快处理。结对干部：李建华")
                .contains(" @13900001111\n查看详情：https://hub.example.cn/#help/" + id);
        assertThat(message.mentions()).containsExactly("13900001111");
        JsonNode receivers = hub.get("/api/v1/webhooks", hub.adminToken).json();
        assertThat(receivers.get(0).get("state").asText()).isEqualTo("OK");
        assertThat(receivers.get(1).get("state").asText()).isEqualTo("BROKEN");
        assertThat(receivers.get(1).get("problem").asText()).isEqualTo("BAD_SIGNATURE");
        assertThat(receivers.toString()).doesNotContain("SEC");
    }

    @Test
    void overdue_help_mentions_the_paired_cadres_and_duty_phone_again_as_bare_numbers_resolved_without_mentions()
            throws Exception {
        robot = FakeRobot.wecom(clock, KEY);
        try (WebhookReceiver json = new WebhookReceiver(0)) {
            start(config -> config.webhook(wecom("1", robot.url()))
                    .webhook(WebhookTarget.of("2", json.url(), WebhookFormat.JSON, EnumSet.allOf(WebhookEvent.class))));
            TestHub.Kiosk kiosk = hub.kiosk("村委会活动室", VILLAGE);
            hub.send("PUT", "/api/v1/villages/" + VILLAGE, hub.adminToken, Map.of("dutyPhone", "0871-6512345"));
            String li = hub.cadre("李建华", VILLAGE, "13900001111", "2468");
            String wang = hub.cadre("王芳", VILLAGE, "+86 139-0000 2222", "1357");
            ObjectNode body = ProtocolJson.mapper().createObjectNode().put("name", "张桂英").put("village", VILLAGE)
                    .put("type", "ELDER");
            body.putArray("cadreIds").add(li).add(wang);
            String zhang = hub.post("/api/v1/residents", hub.adminToken, body).json().get("id").asText();
            UUID id = UUID.randomUUID();

            hub.sync(kiosk, null, helpRequested(id, zhang));
            await().atMost(WAIT).until(() -> robot.messages.size() == 1 && json.bodies.size() == 1);
            clock.advance(Duration.ofMinutes(6));
            hub.hub.runCheck(HelpFeature.OVERDUE_CHECK);
            await().atMost(WAIT).until(() -> robot.messages.size() == 2 && json.bodies.size() == 2);
            hub.transition(hub.adminToken, id, "ACKNOWLEDGED", null);
            hub.transition(hub.adminToken, id, "RESOLVED", null);
            await().atMost(WAIT).until(() -> robot.messages.size() == 3);

            assertThat(robot.messages.get(0).content()).isEqualTo("【求助】和平村 村委会活动室 18:00 张桂英 新求助（看病），"
                    + "请尽快处理。结对干部：李建华、王芳；村值班电话：0871-6512345");
            assertThat(robot.messages.get(1).content()).isEqualTo("【求助超时】和平村 村委会活动室 18:00 张桂英 的求助已超过"
                    + "5分钟无人受理，请尽快处理。结对干部：李建华、王芳；村值班电话：0871-6512345");
            for (FakeRobot.Message message : robot.messages.subList(0, 2)) {
                assertThat(message.mentions()).as("numbers as the robot matches its members'")
                        .containsExactly("13900001111", "13900002222", "08716512345");
            }
            assertThat(robot.messages.get(2).content()).startsWith("【已解决】");
            assertThat(robot.messages.get(2).mentions()).isEmpty();
            JsonNode hook = ProtocolJson.mapper().readTree(json.bodies.get(0));
            assertThat(hook.get("cadres")).extracting(cadre -> cadre.get("name").asText()).containsExactly("李建华", "王芳");
            assertThat(hook.get("dutyPhone").asText()).isEqualTo("0871-6512345");
            assertThat(hook.at("/request/residentId").asText()).isEqualTo(zhang);
        }
    }

    @Test
    void a_digest_over_the_byte_limit_is_cut_at_a_character_keeping_the_link_and_nothing_is_left_queued()
            throws Exception {
        robot = FakeRobot.wecom(clock, KEY);
        start(config -> config.publicUrl(PUBLIC).webhook(wecom("1", robot.url()).withPerMinute(2)));
        String cadre = hub.cadre("李建华", VILLAGE, "13900001111", "2468");
        for (String name : names(80)) {
            resident(name, cadre);
        }
        clock.advance(Duration.ofDays(3));

        assertThat(hub.hub.runCheck(CheckInFeature.MISSED_CHECK)).isEqualTo(80);
        deliverUntil(() -> robot.messages.size() == 2, Duration.ofMinutes(1));

        FakeRobot.Message digest = robot.messages.get(1);
        assertThat(digest.content()).startsWith("【未报平安】另有 79 人未报平安，请结对干部尽快联系：")
                .endsWith("…\n查看详情：https://hub.example.cn/#checkins");
        assertThat(digest.content().getBytes(StandardCharsets.UTF_8).length).isBetween(2000, 2048);
        assertThat(digest.mentions()).containsExactly("13900001111");
        assertThat(robot.requests).allSatisfy(request -> assertThat(request.errcode()).isZero());
        assertThat(receiver().get("queued").asInt()).isZero();
        assertThat(hub.column("SELECT COUNT(*) FROM webhook_outbox WHERE delivered_at IS NOT NULL")).containsExactly("81");
    }

    @Test
    void an_unreachable_robot_is_tried_again_with_back_off_its_messages_kept_and_healthz_degraded_after_three()
            throws Exception {
        robot = FakeRobot.wecom(clock, KEY);
        URI url = robot.url();
        robot.close();
        start(config -> config.webhookRetryBase(Duration.ofSeconds(10)).webhookMaxAttempts(2)
                .webhook(wecom("1", url)));
        TestHub.Kiosk kiosk = hub.kiosk("村委会活动室", VILLAGE);
        hub.sync(kiosk, null, helpRequested(UUID.randomUUID(), null));
        await().atMost(WAIT).until(() -> receiver().get("failures").asInt() == 1);

        assertThat(receiver().get("state").asText()).isEqualTo("FAILING");
        assertThat(receiver().get("pausedUntil").asText()).isEqualTo(clock.instant().plusSeconds(10).toString());
        clock.advance(Duration.ofSeconds(10));
        hub.hub.deliverWebhooks();
        assertThat(hub.get("/healthz", null).json().get("status").asText()).isEqualTo("ok");
        clock.advance(Duration.ofSeconds(20));
        hub.hub.deliverWebhooks();

        assertThat(receiver().get("failures").asInt()).isEqualTo(3);
        JsonNode health = hub.get("/healthz", null).json();
        assertThat(health.get("status").asText()).isEqualTo("degraded");
        assertThat(health.at("/reasons/0/code").asText()).isEqualTo("webhook_failing");
        assertThat(health.get("reasons").get(0).get("message").asText()).contains("webhook 1", "failed 3 times in a row");
        assertThat(receiver().get("queued").asInt()).as("kept, though max-attempts is 2").isEqualTo(1);
        assertThat(receiver().get("failedMessages").asInt()).isZero();
    }

    @Test
    void a_receivers_change_goes_live_to_staff_and_not_to_cadres() throws Exception {
        robot = FakeRobot.wecom(clock, KEY);
        start(config -> config.webhook(wecom("1", robot.url("0000aaaa-wrong-key"))));
        TestHub.Kiosk kiosk = hub.kiosk("村委会活动室", VILLAGE);
        String cadre = hub.user("li", "CADRE", VILLAGE);
        try (EventStreamReader staff = new EventStreamReader(hub.http, hub.uri("/api/v1/stream"),
                "Authorization", "Bearer " + hub.adminToken);
                EventStreamReader village = new EventStreamReader(hub.http, hub.uri("/api/v1/stream"),
                        "Authorization", "Bearer " + cadre)) {
            hub.sync(kiosk, null, helpRequested(UUID.randomUUID(), null));

            EventStreamReader.Received broken = staff.nextEventNamed("webhook-receiver", WAIT);
            while (!broken.data().get("state").asText().equals("BROKEN")) {
                broken = staff.nextEventNamed("webhook-receiver", WAIT);
            }
            assertThat(broken.data().get("problem").asText()).isEqualTo("INVALID_KEY");
            assertThat(broken.data().toString()).doesNotContain("wrong-key");
            // Up to a second help request, made after the receiver's change was published, the
            // cadre's stream has the village's events and no receiver's.
            hub.sync(kiosk, null, helpRequested(UUID.randomUUID(), null));
            List<String> seen = new ArrayList<>();
            int helps = 0;
            while (helps < 2) {
                String name = village.nextEvent(WAIT).name();
                seen.add(name);
                helps += name.equals("help-created") ? 1 : 0;
            }
            assertThat(seen).doesNotContain("webhook-receiver");
        }
    }

    @Test
    void a_test_message_goes_live_when_queued_and_again_when_tried_so_the_last_event_is_the_newest()
            throws Exception {
        robot = FakeRobot.wecom(clock, KEY);
        start(config -> config.webhook(wecom("1", robot.url("0000aaaa-wrong-key"))));
        TestHub.Kiosk kiosk = hub.kiosk("村委会活动室", VILLAGE);
        try (EventStreamReader staff = new EventStreamReader(hub.http, hub.uri("/api/v1/stream"),
                "Authorization", "Bearer " + hub.adminToken)) {
            hub.sync(kiosk, null, helpRequested(UUID.randomUUID(), null));
            EventStreamReader.Received event = staff.nextEventNamed("webhook-receiver", WAIT);
            while (!event.data().get("state").asText().equals("BROKEN")) {
                event = staff.nextEventNamed("webhook-receiver", WAIT);
            }
            assertThat(event.data().get("queued").asInt()).isEqualTo(1);

            TestHub.Answer tested = hub.post("/api/v1/webhooks/1/test", hub.adminToken, Map.of());

            // The staff page gets the answer and the stream on two connections, in either order;
            // the stream alone has both states in the order they happened, the tried one last.
            assertThat(tested.json().get("queued").asInt()).isEqualTo(2);
            EventStreamReader.Received queued = staff.nextEventNamed("webhook-receiver", WAIT);
            assertThat(queued.data().get("queued").asInt()).isEqualTo(2);
            assertThat(queued.data().get("failedMessages").asInt()).isZero();
            EventStreamReader.Received tried = staff.nextEventNamed("webhook-receiver", WAIT);
            assertThat(tried.data().get("queued").asInt()).isEqualTo(1);
            assertThat(tried.data().get("failedMessages").asInt()).isEqualTo(1);
            assertThat(robot.requests).extracting(FakeRobot.Request::errcode).containsExactly(93000, 93000);
        }
    }

    /** Starts the hub; its sessions outlast the days the tests move the clock on. */
    private void start(UnaryOperator<HubConfig.Builder> config) {
        hub = new TestHub(dir, clock, builder -> config.apply(builder.sessionLifetime(Duration.ofDays(60))));
    }

    /** The one receiver, or the first, as {@code GET /api/v1/webhooks} shows it. */
    private JsonNode receiver() {
        return hub.get("/api/v1/webhooks", hub.adminToken).json().get(0);
    }

    /**
     * Runs the sender, moving the clock on five seconds at a time, until {@code done} or
     * {@code within} has passed. Each {@link Hub#deliverWebhooks} returns only after everything due
     * at that moment was handled, also by the background sender.
     */
    private void deliverUntil(java.util.function.BooleanSupplier done, Duration within) {
        Instant end = clock.instant().plus(within);
        hub.hub.deliverWebhooks();
        while (!done.getAsBoolean() && clock.instant().isBefore(end)) {
            clock.advance(Duration.ofSeconds(5));
            hub.hub.deliverWebhooks();
        }
    }

    private static boolean allArrived(FakeRobot robot, List<UUID> help, List<String> names) {
        String all = String.join("\n", robot.messages.stream().map(FakeRobot.Message::content).toList());
        return help.stream().allMatch(id -> all.contains("#help/" + id)) && names.stream().allMatch(all::contains);
    }

    private String resident(String name, String cadre) {
        TestHub.Answer answer = hub.post("/api/v1/residents", hub.adminToken, Map.of("name", name, "village", VILLAGE,
                "type", "ELDER", "checkInEveryDays", 1, "cadreIds", List.of(cadre)));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().get("id").asText();
    }

    private JsonNode helpRequested(UUID id, String residentId) {
        Map<String, Object> payload = new HashMap<>();
        payload.put("source", "BUTTON");
        payload.put("category", "MEDICAL");
        payload.put("residentId", residentId);
        return TestHub.event(id, "HELP_REQUESTED", clock.instant(), true, payload);
    }

    /** {@code n} different names of three characters. */
    private static List<String> names(int n) {
        String surnames = "王李张刘陈杨赵黄周吴";
        String[] given = {"德福", "秀英", "桂兰", "建国", "玉珍", "守田", "春花", "长顺"};
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add(surnames.charAt(i / given.length) + given[i % given.length]);
        }
        return names;
    }

    private static WebhookTarget wecom(String id, URI url) {
        return WebhookTarget.of(id, url, WebhookFormat.WECOM, EnumSet.allOf(WebhookEvent.class));
    }

    private static WebhookTarget dingtalk(String id, URI url, String secret) {
        return WebhookTarget.of(id, url, WebhookFormat.DINGTALK, EnumSet.allOf(WebhookEvent.class)).withSecret(secret);
    }
}
