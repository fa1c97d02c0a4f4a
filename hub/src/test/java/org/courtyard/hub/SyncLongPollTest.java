package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a held kiosk costs the hub: a long-poll is parked until a change that concerns its kiosk
 * or village, and a sync with nothing to write does not take the single writer.
 */
class SyncLongPollTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    TestHub hub;
    TestHub.Kiosk big;
    TestHub.Kiosk small;

    @BeforeEach
    void start() {
        hub = new TestHub(dir);
        big = hub.kiosk("大村活动室", "大村");
        small = hub.kiosk("小村活动室", "小村");
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void a_parked_long_poll_is_answered_on_a_change_of_its_village_and_not_on_another_villages() throws Exception {
        CompletableFuture<TestHub.Answer> bigPoll = hold(big);
        CompletableFuture<TestHub.Answer> smallPoll = hold(small);

        hub.resident("王秀英", "大村", "ELDER");

        TestHub.Answer answer = bigPoll.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("residents")).extracting(r -> r.get("name").asText()).containsExactly("王秀英");
        assertThat(smallPoll).as("the other village's kiosk is still held").isNotDone();
        assertThat(hub.hub.waitingSyncs()).isEqualTo(1);

        hub.resident("李桂兰", "小村", "ELDER");

        TestHub.Answer smallAnswer = smallPoll.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(smallAnswer.json().get("residents")).extracting(r -> r.get("name").asText()).containsExactly("李桂兰");
    }

    @Test
    void a_sync_with_nothing_to_write_and_nothing_new_does_not_commit() throws Exception {
        String cursor = hub.sync(big, null).json().get("cursor").asText();
        long commits = hub.hub.databaseCommits();

        hub.clock.advance(TestHub.seconds(20));
        TestHub.Answer renewed = hub.sync(big, cursor);
        TestHub.Answer timedOut = hub.sendAsync(hub.postRequest("/api/v1/sync?wait=1", big.token(),
                TestHub.syncBody(big, cursor))).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        assertThat(renewed.json().get("cursor").asText()).isEqualTo(cursor);
        assertThat(timedOut.json().get("cursor").asText()).isEqualTo(cursor);
        assertThat(hub.hub.databaseCommits()).as("commits for two syncs without events or news").isEqualTo(commits);

        // Once the stored contact is older than a quarter of the online window, it is written again.
        hub.clock.advance(TestHub.seconds(60));
        hub.sync(big, cursor);
        assertThat(hub.hub.databaseCommits()).isEqualTo(commits + 1);
    }

    @Test
    void a_long_poll_that_runs_out_answers_its_own_cursor_and_what_a_sync_with_nothing_new_answers() throws Exception {
        hub.resident("王秀英", "大村", "ELDER");
        String cursor = hub.sync(big, null).json().get("cursor").asText();
        ObjectNode now = (ObjectNode) hub.sync(big, cursor).json();

        ObjectNode timedOut = (ObjectNode) hub.sendAsync(hub.postRequest("/api/v1/sync?wait=1", big.token(),
                TestHub.syncBody(big, cursor))).get(PATIENCE.toSeconds(), TimeUnit.SECONDS).json();

        assertThat(timedOut.get("cursor").asText()).isEqualTo(cursor);
        assertThat(timedOut.get("residents").isNull()).as("roster unchanged").isTrue();
        now.remove("serverTime");
        timedOut.remove("serverTime");
        assertThat(timedOut).isEqualTo(now);
    }

    /** Sends a long-poll from {@code kiosk} after its first sync and returns once the hub holds it. */
    private CompletableFuture<TestHub.Answer> hold(TestHub.Kiosk kiosk) {
        String cursor = hub.sync(kiosk, null).json().get("cursor").asText();
        int held = hub.hub.waitingSyncs();
        CompletableFuture<TestHub.Answer> poll = hub.sendAsync(hub.postRequest("/api/v1/sync?wait=20", kiosk.token(),
                TestHub.syncBody(kiosk, cursor)));
        await().atMost(PATIENCE).until(() -> hub.hub.waitingSyncs() == held + 1);
        return poll;
    }
}
