package org.courtyard.kiosk.announce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.courtyard.kiosk.core.ShownAnnouncement;
import org.courtyard.protocol.Announcement;
import org.courtyard.protocol.AnnouncementPlayed;
import org.courtyard.protocol.AudioRef;
import org.courtyard.protocol.PlayOutcome;
import org.courtyard.protocol.Priority;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When announcements play, with a clock the test moves: start, daily repeats, quiet hours,
 * emergencies preempting routine ones, withdrawal, missed windows and a power cut. Observed as a
 * villager and the hub would: the relay and audio lines, the bytes at the loudspeaker, and the
 * ANNOUNCEMENT_PLAYED reports in the outbox.
 */
class AnnouncerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private Station station;

    @AfterEach
    void close() {
        if (station != null) {
            station.close();
        }
    }

    private Station station() {
        station = new Station(dir);
        return station;
    }

    private void awaitOutcomes(String... expected) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(station.outcomes()).containsExactly(expected));
    }

    @Test
    void a_requested_play_stopped_while_it_waits_never_plays_and_one_stopped_while_playing_is_cut_off()
            throws Exception {
        Station s = station();
        s.hardware.speaker().hold();
        s.receive(Station.normal("routine", Station.MORNING, s.audio(300)),
                Station.announcement("asked", Priority.NORMAL, false, Station.MORNING, null, List.of(), s.audio(400),
                        false, 1));
        await().atMost(WAIT).until(() -> s.hardware.speaker().blockedWrites() > 0);
        java.util.concurrent.CompletableFuture<AnnouncementPlayed> waiting = s.announcer.playNow("asked");

        assertThat(s.announcer.stop(waiting)).isTrue();

        assertThat(waiting).isCompletedExceptionally();
        s.hardware.speaker().release();
        await().atMost(WAIT).untilAsserted(() -> assertThat(s.outcomes()).containsExactly("routine PLAYED"));
        s.hardware.speaker().hold();
        java.util.concurrent.CompletableFuture<AnnouncementPlayed> playing = s.announcer.playNow("asked");
        await().atMost(WAIT).until(() -> s.hardware.speaker().blockedWrites() > 0 && s.relayOn());

        assertThat(s.announcer.stop(playing)).isTrue();

        await().atMost(WAIT).until(playing::isDone);
        assertThat(playing).isCompletedExceptionally();
        await().atMost(WAIT).until(() -> !s.relayOn());
        assertThat(s.reports()).last().satisfies(played -> {
            assertThat(played.announcementId()).isEqualTo("asked");
            assertThat(played.outcome()).isEqualTo(PlayOutcome.FAILED);
            assertThat(played.detail()).isEqualTo("stopped at the kiosk by a cadre");
        });
        assertThat(s.announcer.stop(playing)).as("over already").isFalse();
        s.hardware.speaker().release();
    }

    @Test
    void a_due_announcement_is_broadcast_once_relay_chime_audio_relay_off_and_reported() {
        Station s = station();
        AudioRef audio = s.audio(300);

        s.receive(Station.normal("a1", Station.MORNING, audio));

        awaitOutcomes("a1 PLAYED");
        await().atMost(WAIT).until(() -> s.actions.contains("relay off"));
        assertThat(s.actions).containsExactly("relay on", "audio start chime+announcement-a1 (1900 ms)",
                "audio end announcement-a1 PLAYED", "relay off");
        AnnouncementPlayed report = s.reports().get(0);
        assertThat(report.endedAt()).isAfterOrEqualTo(report.startedAt());
        assertThat(report.detail()).isNull();
        assertThat(s.relayOn()).isFalse();
        s.moveTo(Station.MORNING.plusSeconds(60));
        s.announcer.tick();
        assertThat(s.outcomes()).containsExactly("a1 PLAYED");
        assertThat(s.hardware.speaker().plays()).hasSize(1);
    }

    @Test
    void nothing_plays_before_the_start_and_it_plays_when_the_start_comes() {
        Station s = station();
        Instant nine = Station.at(Station.MORNING, 9, 0);

        s.receive(Station.normal("a1", nine, s.audio(200)));
        s.announcer.tick();
        assertThat(s.outcomes()).isEmpty();

        s.moveTo(nine);
        awaitOutcomes("a1 PLAYED");
    }

    @Test
    void daily_repeats_play_at_their_local_times_until_the_end() {
        Station s = station();
        Instant start = Station.at(Station.MORNING, 7, 0);
        Instant end = Station.at(Station.MORNING.plus(Duration.ofDays(1)), 12, 0);
        s.moveTo(start);
        s.receive(Station.announcement("daily", Priority.NORMAL, true, start, end,
                List.of(LocalTime.of(8, 0), LocalTime.of(18, 30)), s.audio(200), false, 1));
        awaitOutcomes("daily PLAYED");

        s.moveTo(Station.at(Station.MORNING, 8, 0));
        awaitOutcomes("daily PLAYED", "daily PLAYED");
        s.moveTo(Station.at(Station.MORNING, 12, 0));
        s.moveTo(Station.at(Station.MORNING, 18, 30));
        awaitOutcomes("daily PLAYED", "daily PLAYED", "daily PLAYED");
        Instant tomorrow = Station.MORNING.plus(Duration.ofDays(1));
        s.moveTo(Station.at(tomorrow, 8, 0));
        awaitOutcomes("daily PLAYED", "daily PLAYED", "daily PLAYED", "daily PLAYED");
        s.moveTo(Station.at(tomorrow, 18, 30));
        s.announcer.tick();

        assertThat(s.outcomes()).as("nothing after the end").hasSize(4);
    }

    @Test
    void quiet_hours_hold_a_normal_broadcast_until_they_end_but_not_an_emergency() {
        Station s = station();
        Instant tenPm = Station.at(Station.MORNING, 22, 0);
        s.moveTo(tenPm);

        s.receive(Station.normal("routine", tenPm, s.audio(200)), Station.emergency("flood", tenPm, s.audio(250)));

        awaitOutcomes("flood PLAYED");
        s.moveTo(Station.at(Station.MORNING, 23, 0));
        s.moveTo(Station.at(Station.MORNING.plus(Duration.ofDays(1)), 6, 59));
        assertThat(s.outcomes()).containsExactly("flood PLAYED");

        s.moveTo(Station.at(Station.MORNING.plus(Duration.ofDays(1)), 7, 0));
        awaitOutcomes("flood PLAYED", "routine PLAYED");
    }

    @Test
    void a_normal_broadcast_held_by_quiet_hours_is_dropped_when_its_window_closes_before_they_end() {
        Station s = station();
        Instant tenPm = Station.at(Station.MORNING, 22, 0);
        s.moveTo(tenPm);

        s.receive(Station.announcement("tonight", Priority.NORMAL, true, tenPm, tenPm.plus(Duration.ofHours(2)),
                List.of(), s.audio(200), false, 1));
        Instant sevenAm = Station.at(Station.MORNING.plus(Duration.ofDays(1)), 7, 0);
        s.moveTo(sevenAm);
        s.announcer.tick();

        // Nothing happening has no moment to wait for; one due now does. Due later than the dropped
        // one, it plays after it would have: once it has, nothing else can have played.
        s.receive(Station.normal("later", sevenAm, s.audio(200)));
        awaitOutcomes("later PLAYED");
        await().atMost(WAIT).until(() -> s.actions.contains("relay off"));
        assertThat(s.actions).containsExactly("relay on", "audio start chime+announcement-later (1800 ms)",
                "audio end announcement-later PLAYED", "relay off");
    }

    @Test
    void an_emergency_preempts_a_normal_play_which_is_reported_preempted_and_played_again_afterwards() {
        Station s = station();
        s.hardware.speaker().hold();
        s.receive(Station.normal("routine", Station.MORNING, s.audio(400)));
        await().atMost(WAIT).until(() -> s.hardware.speaker().blockedWrites() > 0);
        assertThat(s.relayOn()).isTrue();

        s.receive(Station.emergency("flood", Station.MORNING, s.audio(Station.tone(300, 880))));

        awaitOutcomes("routine PREEMPTED");
        await().atMost(WAIT).until(() -> s.actions.contains("audio start chime+announcement-flood (1900 ms)"));
        s.hardware.speaker().release();
        awaitOutcomes("routine PREEMPTED", "flood PLAYED", "routine PLAYED");
        assertThat(s.reports().get(0).detail()).contains("emergency");
        await().atMost(WAIT).untilAsserted(() -> assertThat(s.relayOn()).isFalse());
        // The loudspeaker was never asked to play two at once: one sink after the other.
        await().atMost(WAIT).untilAsserted(() -> assertThat(s.actions).containsSubsequence("audio end announcement-routine INTERRUPTED", "relay off",
                "audio start chime+announcement-flood (1900 ms)", "audio end announcement-flood PLAYED", "relay off",
                "audio start chime+announcement-routine (2000 ms)", "audio end announcement-routine PLAYED"));
    }

    @Test
    void a_withdrawal_stops_the_play_in_progress_and_it_never_plays_again() {
        Station s = station();
        s.hardware.speaker().hold();
        Announcement routine = Station.announcement("routine", Priority.NORMAL, true, Station.MORNING, null,
                List.of(LocalTime.of(12, 0)), s.audio(400), false, 1);
        s.receive(routine);
        await().atMost(WAIT).until(() -> s.hardware.speaker().blockedWrites() > 0);

        s.receive(Station.withdrawn(routine));

        awaitOutcomes("routine FAILED");
        assertThat(s.reports().get(0).detail()).contains("withdrawn");
        await().atMost(WAIT).untilAsserted(() -> assertThat(s.relayOn()).isFalse());
        s.hardware.speaker().release();
        s.moveTo(Station.at(Station.MORNING, 12, 0));
        s.announcer.tick();
        assertThat(s.outcomes()).containsExactly("routine FAILED");
        assertThat(s.announcer.current()).isEmpty();
    }

    @Test
    void an_announcement_withdrawn_before_it_is_due_never_plays_and_its_audio_is_deleted() {
        Station s = station();
        Instant noon = Station.at(Station.MORNING, 12, 0);
        AudioRef audio = s.audio(200);
        Announcement later = Station.normal("later", noon, audio);
        s.receive(later);

        s.receive(Station.withdrawn(later));
        s.moveTo(noon);
        s.announcer.tick();

        assertThat(s.outcomes()).isEmpty();
        assertThat(new AudioLibrary(dir.resolve("data")).has(audio.sha256())).isFalse();
    }

    @Test
    void an_announcement_whose_window_passed_while_the_kiosk_was_away_is_not_played() {
        Station s = station();
        AudioRef audio = s.audio(200);

        s.receive(Station.normal("old-one-off", Station.MORNING.minus(Duration.ofHours(13)), audio),
                Station.announcement("ended", Priority.EMERGENCY, true, Station.MORNING.minus(Duration.ofHours(3)),
                        Station.MORNING.minus(Duration.ofHours(1)), List.of(), audio, false, 1),
                Station.normal("recent", Station.MORNING.minus(Duration.ofHours(2)), audio));

        awaitOutcomes("recent PLAYED");
        s.announcer.tick();
        assertThat(s.outcomes()).containsExactly("recent PLAYED");
    }

    @Test
    void after_a_power_cut_an_announcement_still_in_its_window_plays_once_and_nothing_played_is_repeated() {
        Station s = station();
        Instant start = Station.at(Station.MORNING, 7, 0);
        s.moveTo(start);
        AudioRef audio = s.audio(200);
        s.receive(Station.announcement("daily", Priority.NORMAL, true, start, null, List.of(LocalTime.of(8, 0),
                LocalTime.of(20, 0)), audio, false, 1), Station.normal("once", start, audio));
        awaitOutcomes("daily PLAYED", "once PLAYED");

        // Off from 07:30 to 10:00: the 08:00 play was missed; its window lasts until 20:00.
        s.moveTo(Station.at(Station.MORNING, 7, 30));
        s.powerCut();
        s.moveTo(Station.at(Station.MORNING, 10, 0));

        awaitOutcomes("daily PLAYED", "once PLAYED", "daily PLAYED");
        s.powerCut();
        s.moveTo(Station.at(Station.MORNING, 11, 0));
        s.announcer.tick();
        assertThat(s.outcomes()).as("played, stored, not repeated after the next restart").hasSize(3);

        // Off for three days: of all the missed plays only the latest one, once.
        s.powerCut();
        s.moveTo(Station.at(Station.MORNING.plus(Duration.ofDays(3)), 9, 0));
        awaitOutcomes("daily PLAYED", "once PLAYED", "daily PLAYED", "daily PLAYED");
        s.announcer.tick();
        assertThat(s.outcomes()).hasSize(4);
    }

    @Test
    void a_screen_only_announcement_is_never_broadcast_but_plays_indoors_on_request() {
        Station s = station();
        s.receive(Station.announcement("screen", Priority.NORMAL, false, Station.MORNING, null, List.of(),
                s.audio(200), false, 1));
        s.announcer.tick();
        assertThat(s.outcomes()).isEmpty();
        assertThat(s.announcer.current()).extracting(ShownAnnouncement::id).containsExactly("screen");

        AnnouncementPlayed played = s.announcer.playOnScreen("screen").join();

        assertThat(played.outcome()).isEqualTo(PlayOutcome.PLAYED);
        assertThat(played.detail()).contains("indoor");
        // Action lines arrive through the hardware's own ordered thread.
        await().atMost(WAIT).untilAsserted(() -> assertThat(s.actions)
                .containsExactly("audio start announcement-screen (200 ms)", "audio end announcement-screen PLAYED"));
        awaitOutcomes("screen PLAYED");
    }

    @Test
    void the_screen_may_be_configured_to_play_outdoors_except_in_quiet_hours() {
        station = new Station(dir, Station.MORNING, new AnnounceSettings(QuietHours.DEFAULT,
                AnnounceSettings.defaults().zone(), true, Duration.ofHours(12), Duration.ofMinutes(5)));
        Station s = station;
        s.receive(Station.announcement("screen", Priority.NORMAL, false, Station.MORNING, null, List.of(),
                s.audio(200), false, 1));

        s.announcer.playOnScreen("screen").join();
        s.moveTo(Station.at(Station.MORNING, 23, 0));
        s.announcer.playOnScreen("screen").join();

        await().atMost(WAIT).untilAsserted(() -> assertThat(s.actions).containsExactly("relay on",
                "audio start chime+announcement-screen (1800 ms)", "audio end announcement-screen PLAYED", "relay off",
                "audio start announcement-screen (200 ms)", "audio end announcement-screen PLAYED"));
    }

    @Test
    void an_announcement_waits_for_its_audio_and_plays_when_it_arrives_inside_its_window() {
        Station s = station();
        AudioRef missing = new AudioRef("ab".repeat(32), 1000, 500);
        Announcement withMissingAudio = Station.normal("a1", Station.MORNING, missing);
        s.receive(withMissingAudio);
        s.announcer.tick();
        assertThat(s.outcomes()).isEmpty();
        assertThat(s.announcer.current()).singleElement().satisfies(shown -> assertThat(shown.playable()).isFalse());
        assertThatThrownBy(() -> s.announcer.playOnScreen("a1")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not on the kiosk yet");

        s.moveTo(Station.MORNING.plus(Duration.ofMinutes(10)));
        AudioRef arrived = s.audio(200);
        s.receive(new Announcement("a1", withMissingAudio.title(), null, Priority.NORMAL, true,
                withMissingAudio.targets(), Station.MORNING, null, List.of(), arrived, false, 2));

        awaitOutcomes("a1 PLAYED");
    }

    @Test
    void an_outdoor_announcement_without_a_recording_is_shown_only_and_broadcast_once_its_recording_comes() {
        Station s = station();
        s.hardware.speaker().hold();
        s.receive(Station.normal("routine", Station.MORNING, s.audio(300)));
        await().atMost(WAIT).until(() -> s.hardware.speaker().blockedWrites() > 0);
        // Created for the loudspeaker, but its recording was refused by the hub (or never made).
        Announcement textOnly = Station.announcement("flood", Priority.EMERGENCY, true, Station.MORNING, null,
                List.of(), null, false, 1);

        s.receive(textOnly);
        s.announcer.tick();

        assertThat(s.announcer.emergencyPending()).as("nothing to broadcast").isFalse();
        s.hardware.speaker().release();
        awaitOutcomes("routine PLAYED");
        await().atMost(WAIT).until(() -> s.actions.contains("relay off"));
        assertThat(s.actions).containsOnlyOnce("relay on");
        assertThat(s.announcer.current()).filteredOn(shown -> shown.id().equals("flood")).singleElement()
                .satisfies(shown -> {
                    assertThat(shown.recorded()).isFalse();
                    assertThat(shown.playable()).isFalse();
                    assertThat(shown.text()).isEqualTo(textOnly.text());
                });
        assertThatThrownBy(() -> s.announcer.playNow("flood")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no audio");
        assertThatThrownBy(() -> s.announcer.playOnScreen("flood")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no audio");

        s.moveTo(Station.MORNING.plus(Duration.ofMinutes(10)));
        s.receive(new Announcement("flood", textOnly.title(), textOnly.text(), Priority.EMERGENCY, true,
                textOnly.targets(), Station.MORNING, null, List.of(), s.audio(200), false, 2));

        awaitOutcomes("routine PLAYED", "flood PLAYED");
        assertThat(s.announcer.current()).filteredOn(shown -> shown.id().equals("flood")).singleElement()
                .satisfies(shown -> assertThat(shown.recorded()).isTrue());
    }

    @Test
    void play_now_broadcasts_at_once_even_in_quiet_hours_and_refuses_what_it_cannot_play() {
        Station s = station();
        Instant late = Station.at(Station.MORNING, 23, 0);
        s.moveTo(late);
        s.receive(Station.normal("notice", late, s.audio(200)));
        s.announcer.tick();
        assertThat(s.outcomes()).as("held by quiet hours").isEmpty();

        AnnouncementPlayed played = s.announcer.playNow("notice").join();

        assertThat(played.outcome()).isEqualTo(PlayOutcome.PLAYED);
        assertThat(played.detail()).contains("cadre");
        await().atMost(WAIT).untilAsserted(() -> assertThat(s.actions).containsExactly("relay on",
                "audio start chime+announcement-notice (1800 ms)", "audio end announcement-notice PLAYED", "relay off"));
        assertThatThrownBy(() -> s.announcer.playNow("nothere")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nothere");
    }

    @Test
    void the_screen_lists_current_announcements_newest_first() {
        Station s = station();
        AudioRef audio = s.audio(100);
        s.receive(Station.announcement("old", Priority.NORMAL, false, Station.MORNING.minusSeconds(600), null,
                List.of(), audio, false, 1),
                Station.announcement("new", Priority.EMERGENCY, false, Station.MORNING.minusSeconds(60), null,
                        List.of(), null, false, 1),
                Station.announcement("future", Priority.NORMAL, false, Station.MORNING.plusSeconds(600), null,
                        List.of(), audio, false, 1));

        assertThat(s.announcer.current()).extracting(ShownAnnouncement::id).containsExactly("new", "old");
        assertThat(s.announcer.newest()).get().extracting(ShownAnnouncement::playable).isEqualTo(false);
    }

    @Test
    void an_older_revision_arriving_late_changes_nothing() {
        Station s = station();
        AudioRef audio = s.audio(100);
        Announcement first = Station.announcement("a1", Priority.NORMAL, false, Station.MORNING, null, List.of(), audio,
                false, 1);
        s.receive(Station.withdrawn(first));

        s.receive(first);

        assertThat(s.announcer.current()).isEmpty();
    }

    @Test
    void a_damaged_audio_file_is_not_played_and_is_deleted_to_be_fetched_again() throws Exception {
        Station s = station();
        AudioRef audio = s.audio(200);
        Path file = new AudioLibrary(dir.resolve("data")).file(audio.sha256());
        byte[] bytes = java.nio.file.Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 0x55;
        java.nio.file.Files.write(file, bytes);

        s.receive(Station.normal("a1", Station.MORNING, audio));

        awaitOutcomes("a1 FAILED");
        assertThat(s.reports().get(0).detail()).contains("damaged");
        assertThat(file).doesNotExist();
        // A play would have switched the relay before the report; its line may still be on its way.
        s.hardware.awaitActionsDelivered();
        assertThat(s.actions).doesNotContain("relay on");
    }
}
