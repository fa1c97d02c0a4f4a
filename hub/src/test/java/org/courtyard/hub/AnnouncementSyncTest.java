package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Announcements travelling to kiosks in sync answers, and what kiosks report back on the delivery board. */
class AnnouncementSyncTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    TestHub hub;
    Announce api;
    TestHub.Kiosk big;
    TestHub.Kiosk big2;
    TestHub.Kiosk small;
    String staff;
    String cadre;

    @BeforeEach
    void start() {
        hub = new TestHub(dir);
        api = new Announce(hub);
        big = hub.kiosk("大村活动室", "大村");
        big2 = hub.kiosk("大村二组", "大村");
        small = hub.kiosk("小河村活动室", "小河村");
        staff = hub.user("wang", "STAFF", null);
        cadre = hub.user("li", "CADRE", "大村");
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void the_live_stream_tells_staff_and_the_village_cadre_when_a_kiosk_row_of_a_board_changes() throws Exception {
        String id = api.created(staff, Announce.draft("大村通知", "{\"villages\":[\"大村\"]}"));
        String otherCadre = hub.user("zhao", "CADRE", "小河村");
        try (EventStreamReader staffStream = stream(staff);
                EventStreamReader cadreStream = stream(cadre);
                EventStreamReader otherStream = stream(otherCadre)) {
            // Sent to the kiosk: its row now has deliveredAt.
            String cursor = hub.sync(big, null).json().get("cursor").asText();
            assertDelivery(staffStream.nextEventNamed("announcement-delivery", WAIT), id, big);
            assertDelivery(cadreStream.nextEventNamed("announcement-delivery", WAIT), id, big);

            // A play reported: the row changes again.
            Instant at = TestHub.START.plusSeconds(30);
            hub.sync(big, cursor, Announce.played(id, at, at.plusSeconds(4), "PLAYED", null));
            assertDelivery(staffStream.nextEventNamed("announcement-delivery", WAIT), id, big);
            assertDelivery(cadreStream.nextEventNamed("announcement-delivery", WAIT), id, big);

            // Syncs that change no row tell nobody; the other village's cadre hears of none of it.
            hub.sync(big, hub.sync(big, cursor).json().get("cursor").asText());
            hub.sync(small, null, TestHub.heartbeat());
            assertThat(namesUntilSeen(staffStream, small)).doesNotContain("announcement-delivery");
            assertThat(namesUntilSeen(otherStream, small)).as("only their own kiosk").isEmpty();
        }
    }

    @Test
    void a_play_reported_with_a_kiosk_clock_in_1970_shows_as_played_when_the_hub_heard_of_it() {
        String id = api.created(staff, Announce.draft("大村通知", "{\"villages\":[\"大村\"]}"));
        String cursor = hub.sync(big, null).json().get("cursor").asText();
        hub.clock.advance(Duration.ofMinutes(1));
        Instant heard = hub.clock.instant();

        hub.sync(big, cursor, Announce.played(id, Instant.EPOCH, Instant.EPOCH.plusSeconds(4), "PLAYED", null));

        JsonNode row = null;
        for (JsonNode kioskRow : hub.get("/api/v1/announcements/" + id + "/deliveries", staff).json()) {
            row = kioskRow.get("kioskId").asText().equals(big.id()) ? kioskRow : row;
        }
        assertThat(row).isNotNull();
        assertThat(row.get("playedAt").asText()).isEqualTo(heard.minusSeconds(4).toString());
        assertThat(row.get("outcome").asText()).isEqualTo("PLAYED");
    }

    private EventStreamReader stream(String token) throws Exception {
        return new EventStreamReader(hub.http, hub.uri("/api/v1/stream"), "Authorization", "Bearer " + token);
    }

    /** The names of the events before {@code kiosk-seen} of {@code kiosk}. */
    private static java.util.List<String> namesUntilSeen(EventStreamReader stream, TestHub.Kiosk kiosk) throws Exception {
        java.util.List<String> names = new java.util.ArrayList<>();
        while (true) {
            EventStreamReader.Received event = stream.nextEvent(WAIT);
            if (event.name().equals("kiosk-seen") && event.data().get("id").asText().equals(kiosk.id())) {
                return names;
            }
            names.add(event.name());
        }
    }

    private static void assertDelivery(EventStreamReader.Received event, String announcementId, TestHub.Kiosk kiosk) {
        assertThat(event.data().get("announcementId").asText()).isEqualTo(announcementId);
        assertThat(event.data().get("kioskId").asText()).isEqualTo(kiosk.id());
        assertThat(event.data().get("village").asText()).isEqualTo(kiosk.village());
    }

    @Test
    void a_sync_answer_carries_the_announcements_for_this_kiosk_once_until_they_change() {
        String forBig = api.created(staff, Announce.draft("大村通知", "{\"villages\":[\"大村\"]}"));
        String forSmall = api.created(staff, Announce.draft("小河村通知", "{\"villages\":[\"小河村\"]}"));
        String forAll = api.created(staff, Announce.draft("全乡通知", "{\"all\":true}"));
        String forOneKiosk = api.created(staff, Announce.draft("一台", "{\"kiosks\":[\"" + big.id() + "\"]}"));

        JsonNode first = hub.sync(big, null).json();
        JsonNode second = hub.sync(big, first.get("cursor").asText()).json();

        assertThat(Announce.ids(first)).containsExactly(forBig, forAll, forOneKiosk);
        JsonNode announcement = first.get("announcements").get(0);
        assertThat(announcement.get("title").asText()).isEqualTo("大村通知");
        assertThat(announcement.get("revision").asInt()).isEqualTo(1);
        assertThat(announcement.get("withdrawn").asBoolean()).isFalse();
        assertThat(announcement.has("createdBy")).as("kiosks get the protocol's Announcement, not staff fields")
                .isFalse();
        assertThat(second.get("announcements")).isEmpty();
        assertThat(second.get("cursor").asText()).isEqualTo(first.get("cursor").asText());
        assertThat(Announce.ids(hub.sync(small, null).json())).containsExactly(forSmall, forAll);
    }

    @Test
    void edits_and_withdrawals_reach_the_kiosk_at_its_next_sync_with_the_new_revision() {
        String id = api.created(staff, Announce.draft("通知", "{\"all\":true}"));
        String cursor = hub.sync(big, null).json().get("cursor").asText();

        api.edit(staff, id, Announce.draft("更正后的通知", "{\"all\":true}"));
        JsonNode afterEdit = hub.sync(big, cursor).json();
        api.withdraw(staff, id);
        JsonNode afterWithdrawal = hub.sync(big, afterEdit.get("cursor").asText()).json();

        assertThat(afterEdit.get("announcements")).singleElement().satisfies(a -> {
            assertThat(a.get("title").asText()).isEqualTo("更正后的通知");
            assertThat(a.get("revision").asInt()).isEqualTo(2);
        });
        assertThat(afterWithdrawal.get("announcements")).singleElement().satisfies(a -> {
            assertThat(a.get("withdrawn").asBoolean()).isTrue();
            assertThat(a.get("revision").asInt()).isEqualTo(3);
        });
    }

    @Test
    void a_kiosk_an_edit_takes_off_the_targets_is_told_to_stop_and_a_new_kiosk_never_hears_of_it() {
        String id = api.created(staff, Announce.draft("通知", "{\"villages\":[\"大村\",\"小河村\"]}"));
        String smallCursor = hub.sync(small, null).json().get("cursor").asText();

        api.edit(staff, id, Announce.draft("只给大村", "{\"villages\":[\"大村\"]}"));
        JsonNode told = hub.sync(small, smallCursor).json();
        api.withdraw(staff, id);
        JsonNode fresh = hub.sync(big2, null).json();

        assertThat(told.get("announcements")).singleElement().satisfies(a -> {
            assertThat(a.get("id").asText()).isEqualTo(id);
            assertThat(a.get("withdrawn").asBoolean()).isTrue();
        });
        assertThat(fresh.get("announcements")).as("first contact skips withdrawn announcements").isEmpty();
    }

    @Test
    void a_long_poll_is_answered_as_soon_as_an_announcement_for_the_kiosk_is_published() throws Exception {
        String cursor = hub.sync(big, null).json().get("cursor").asText();
        CompletableFuture<TestHub.Answer> held = hub.sendAsync(hub.postRequest("/api/v1/sync?wait=20", big.token(),
                TestHub.syncBody(big, cursor)));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> hub.hub.waitingSyncs() == 1);
        CompletableFuture<TestHub.Answer> other = hub.sendAsync(hub.postRequest("/api/v1/sync?wait=20", small.token(),
                TestHub.syncBody(small, hub.sync(small, null).json().get("cursor").asText())));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> hub.hub.waitingSyncs() == 2);

        ObjectNode draft = Announce.draft("紧急：山洪预警", "{\"villages\":[\"大村\"]}");
        draft.put("priority", "EMERGENCY");
        String id = api.created(staff, draft);

        TestHub.Answer answer = held.get(5, TimeUnit.SECONDS);
        assertThat(Announce.ids(answer.json())).containsExactly(id);
        assertThat(answer.json().get("announcements").get(0).get("priority").asText()).isEqualTo("EMERGENCY");
        assertThat(other).isNotDone();
        assertThat(hub.hub.waitingSyncs()).isEqualTo(1);
    }

    @Test
    void a_cursor_from_before_announcements_still_reads_and_a_made_up_one_is_400() {
        api.created(staff, Announce.draft("通知", "{\"all\":true}"));

        TestHub.Answer legacy = hub.sync(big, "0");
        TestHub.Answer garbage = hub.sync(big, "1.2.3.4");

        assertThat(legacy.status()).isEqualTo(200);
        assertThat(legacy.json().get("announcements")).hasSize(1);
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.errorMessage()).contains("cursor");
    }

    @Test
    void the_delivery_board_shows_sent_downloaded_and_played_for_every_target_kiosk() {
        String id = api.created(staff, Announce.draft("通知", "{\"villages\":[\"大村\"]}"));
        byte[] wav = Announce.wav(16_000f, 1, 500);
        String sha = Announce.sha256(wav);
        api.upload(staff, id, "audio/wav", wav);
        Instant downloadedAt = TestHub.START.plusSeconds(5);
        Instant started = TestHub.START.plusSeconds(30);
        hub.clock.advance(Duration.ofSeconds(2));
        String cursor = hub.sync(big, null).json().get("cursor").asText();

        hub.sync(big, cursor, Announce.downloaded(id, sha, downloadedAt),
                Announce.played(id, started, started.plusSeconds(9), "PLAYED", null));
        JsonNode board = hub.get("/api/v1/announcements/" + id + "/deliveries", staff).json();

        // Ordered by village and name: 大村二组 before 大村活动室.
        assertThat(board).extracting(r -> r.get("kioskId").asText()).containsExactly(big2.id(), big.id());
        JsonNode row = board.get(1);
        assertThat(row.get("kioskId").asText()).isEqualTo(big.id());
        assertThat(row.get("kioskName").asText()).isEqualTo("大村活动室");
        assertThat(row.get("deliveredAt").asText()).isEqualTo(TestHub.START.plusSeconds(2).toString());
        assertThat(row.get("deliveredRevision").asInt()).isEqualTo(2);
        assertThat(row.get("downloadedAt").asText()).isEqualTo(downloadedAt.toString());
        assertThat(row.get("playedAt").asText()).isEqualTo(started.toString());
        assertThat(row.get("outcome").asText()).isEqualTo("PLAYED");
        assertThat(row.get("plays").asInt()).isEqualTo(1);
        JsonNode notYet = board.get(0);
        assertThat(notYet.get("kioskId").asText()).isEqualTo(big2.id());
        assertThat(notYet.get("deliveredAt").isNull()).isTrue();
        assertThat(notYet.get("outcome").isNull()).isTrue();
    }

    @Test
    void a_later_failure_shows_with_its_reason_while_played_at_keeps_the_last_good_play() {
        String id = api.created(staff, Announce.draft("通知", "{\"kiosks\":[\"" + big.id() + "\"]}"));
        Instant first = TestHub.START.plusSeconds(60);
        Instant second = TestHub.START.plusSeconds(3600);
        String cursor = hub.sync(big, null).json().get("cursor").asText();

        hub.sync(big, cursor, Announce.played(id, second, second.plusSeconds(1), "FAILED", "no audio output device found"),
                Announce.played(id, first, first.plusSeconds(9), "PLAYED", null));
        JsonNode row = hub.get("/api/v1/announcements/" + id + "/deliveries", staff).json().get(0);

        assertThat(row.get("outcome").asText()).isEqualTo("FAILED");
        assertThat(row.get("detail").asText()).isEqualTo("no audio output device found");
        assertThat(row.get("playedAt").asText()).isEqualTo(first.toString());
        assertThat(row.get("plays").asInt()).isEqualTo(2);
    }

    @Test
    void new_audio_clears_downloaded_until_the_kiosk_reports_the_new_file() {
        String id = api.created(staff, Announce.draft("通知", "{\"kiosks\":[\"" + big.id() + "\"]}"));
        byte[] oldAudio = Announce.wav(16_000f, 1, 500);
        api.upload(staff, id, "audio/wav", oldAudio);
        String cursor = hub.sync(big, null).json().get("cursor").asText();
        hub.sync(big, cursor, Announce.downloaded(id, Announce.sha256(oldAudio), TestHub.START));

        api.upload(staff, id, "audio/wav", Announce.wav(16_000f, 1, 700));
        JsonNode row = hub.get("/api/v1/announcements/" + id + "/deliveries", staff).json().get(0);

        assertThat(row.get("downloadedAt").isNull()).isTrue();
        assertThat(row.get("deliveredRevision").asInt()).isEqualTo(2);
    }

    @Test
    void a_cadre_sees_only_their_villages_rows_of_a_township_announcement() {
        String id = api.created(staff, Announce.draft("全乡", "{\"all\":true}"));

        JsonNode board = hub.get("/api/v1/announcements/" + id + "/deliveries", cadre).json();

        assertThat(board).extracting(row -> row.get("kioskId").asText()).containsExactly(big2.id(), big.id());
    }

    @Test
    void reports_of_an_announcement_the_hub_does_not_know_are_accepted_and_change_no_board() {
        JsonNode answer = hub.sync(big, null, Announce.played("a-unknown1", TestHub.START, TestHub.START, "PLAYED", null))
                .json();

        assertThat(answer.get("accepted")).hasSize(1);
        assertThat(hub.column("SELECT COUNT(*) FROM announcement_deliveries")).containsExactly("0");
        assertThat(hub.column("SELECT type FROM events")).containsExactly("ANNOUNCEMENT_PLAYED");
    }
}
