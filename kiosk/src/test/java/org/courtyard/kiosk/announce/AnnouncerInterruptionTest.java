package org.courtyard.kiosk.announce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.courtyard.hardware.PlayResult;
import org.courtyard.hardware.Route;
import org.courtyard.hardware.Tones;
import org.courtyard.protocol.AnnouncementPlayed;
import org.courtyard.protocol.PlayOutcome;
import org.courtyard.protocol.Priority;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An interruption reaches exactly the play it was meant for. Each test pins down the moment the
 * announcer decides to cut a play and the moment that cut lands, with the play ending and the next
 * one beginning in between (or a play about to begin when its cut is decided), using the gates of
 * {@link GatedLoudspeaker}: the same order of events a busy CPU can produce by chance. And a cut
 * never reaches the kiosk's other sounds on the same loudspeaker, such as the help alarm.
 */
class AnnouncerInterruptionTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private GatedLoudspeaker gated;
    private Station station;

    @AfterEach
    void close() {
        if (station != null) {
            gated.releaseInterrupts();
            station.hardware.speaker().release();
            station.close();
        }
    }

    private Station station() {
        station = new Station(dir, Station.MORNING, AnnounceSettings.defaults(),
                hardware -> gated = new GatedLoudspeaker(hardware.hardware().loudspeaker(), hardware.speaker()));
        return station;
    }

    /**
     * The play that was to be cut ends just as the cut is on its way, and {@code next} begins: the
     * sound card is held as it starts, so it is in progress when the late cut lands. Then it is let
     * through to its end.
     */
    private void lateCutLandsWhile(Station s, String next) {
        await().atMost(WAIT).until(() -> gated.heldInterrupts() == 1);
        gated.holdOutputWhenStarting("announcement-" + next);
        s.hardware.speaker().release();
        await().atMost(WAIT).until(() -> gated.started("announcement-" + next) && s.hardware.speaker().blockedWrites() > 0);

        gated.releaseInterrupts();

        await().atMost(WAIT).until(() -> gated.deliveredInterrupts() == 1);
        s.hardware.speaker().release();
    }

    private void awaitOutcomes(String... expected) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(station.outcomes()).containsExactly(expected));
    }

    @Test
    void a_preemption_that_lands_after_the_normal_play_ended_does_not_cut_the_emergency_that_followed() {
        Station s = station();
        s.hardware.speaker().hold();
        s.receive(Station.normal("routine", Station.MORNING, s.audio(300)));
        await().atMost(WAIT).until(() -> s.hardware.speaker().blockedWrites() > 0 && s.relayOn());
        gated.holdInterrupts();

        CompletableFuture<Void> arriving = CompletableFuture.runAsync(
                () -> s.receive(Station.emergency("urgent", Station.MORNING, s.audio(400))));
        lateCutLandsWhile(s, "urgent");

        awaitOutcomes("routine PLAYED", "urgent PLAYED");
        await().atMost(WAIT).until(arriving::isDone);
        s.hardware.awaitActionsDelivered();
        assertThat(s.actions).doesNotContain("audio end announcement-urgent INTERRUPTED");
        assertThat(s.hardware.speaker().plays()).hasSize(2);
    }

    @Test
    void a_withdrawal_that_lands_after_its_play_ended_does_not_cut_the_next_normal_play() {
        Station s = station();
        s.hardware.speaker().hold();
        var first = Station.normal("first", Station.MORNING, s.audio(300));
        s.receive(first, Station.normal("second", Station.MORNING, s.audio(400)));
        await().atMost(WAIT).until(() -> s.hardware.speaker().blockedWrites() > 0 && s.relayOn());
        gated.holdInterrupts();

        CompletableFuture<Void> withdrawing = CompletableFuture.runAsync(() -> s.receive(Station.withdrawn(first)));
        lateCutLandsWhile(s, "second");

        awaitOutcomes("first PLAYED", "second PLAYED");
        await().atMost(WAIT).until(withdrawing::isDone);
        s.hardware.awaitActionsDelivered();
        assertThat(s.actions).doesNotContain("audio end announcement-second INTERRUPTED");
    }

    @Test
    void a_cadre_stop_that_lands_after_the_play_ended_does_not_cut_the_next_play() throws Exception {
        Station s = station();
        s.receive(Station.announcement("asked", Priority.NORMAL, false, Station.MORNING, null, List.of(), s.audio(300),
                        false, 1),
                Station.normal("routine", Station.at(Station.MORNING, 9, 0), s.audio(400)));
        s.hardware.speaker().hold();
        CompletableFuture<AnnouncementPlayed> asked = s.announcer.playNow("asked");
        await().atMost(WAIT).until(() -> s.hardware.speaker().blockedWrites() > 0 && s.relayOn());
        s.moveTo(Station.at(Station.MORNING, 9, 0));
        gated.holdInterrupts();

        CompletableFuture<Boolean> stopping = CompletableFuture.supplyAsync(() -> s.announcer.stop(asked));
        lateCutLandsWhile(s, "routine");

        awaitOutcomes("asked PLAYED", "routine PLAYED");
        assertThat(stopping.get()).isTrue();
        assertThat(asked.get().outcome()).as("it reached its end just then").isEqualTo(PlayOutcome.PLAYED);
        // Each play's lines were emitted before its report; the hardware's thread delivers them in order.
        s.hardware.awaitActionsDelivered();
        assertThat(s.actions).doesNotContain("audio end announcement-routine INTERRUPTED");
    }

    @Test
    void cutting_a_routine_play_for_an_emergency_leaves_a_help_alarm_waiting_for_the_loudspeaker_alone()
            throws Exception {
        Station s = station();
        s.hardware.speaker().hold();
        s.receive(Station.normal("routine", Station.MORNING, s.audio(300)));
        await().atMost(WAIT).until(() -> s.hardware.speaker().blockedWrites() > 0);
        // An elder pressed the help button: the kiosk sounds the alarm over the same loudspeaker.
        CompletableFuture<PlayResult> alarm = new CompletableFuture<>();
        Thread alarmThread = new Thread(() -> alarm.complete(
                s.hardware.hardware().loudspeaker().play(Tones.alarm(), Route.OUTDOOR, false)), "help-alarm");
        alarmThread.start();
        await().atMost(WAIT).until(() -> alarmThread.getState() == Thread.State.WAITING);

        s.receive(Station.emergency("urgent", Station.MORNING, s.audio(400)));
        awaitOutcomes("routine PREEMPTED");
        s.hardware.speaker().release();

        assertThat(alarm.get(10, TimeUnit.SECONDS).outcome()).isEqualTo(PlayResult.Outcome.PLAYED);
        awaitOutcomes("routine PREEMPTED", "urgent PLAYED", "routine PLAYED");
    }

    @Test
    void a_withdrawal_just_as_the_play_is_about_to_begin_keeps_it_off_the_air() {
        Station s = station();
        gated.holdStart("announcement-w");
        var announcement = Station.normal("w", Station.MORNING, s.audio(300));
        s.receive(announcement);
        await().atMost(WAIT).until(() -> gated.waitingToStart("announcement-w"));

        s.receive(Station.withdrawn(announcement));
        gated.releaseStart("announcement-w");

        await().atMost(WAIT).until(() -> s.reports().size() == 1);
        AnnouncementPlayed report = s.reports().get(0);
        assertThat(report.outcome()).isEqualTo(PlayOutcome.FAILED);
        assertThat(report.detail()).isEqualTo("stopped: the announcement was withdrawn");
        assertThat(s.hardware.speaker().plays()).isEmpty();
        s.hardware.awaitActionsDelivered();
        assertThat(s.actions).doesNotContain("relay on");
        assertThat(s.relayOn()).isFalse();
    }

    @Test
    void an_emergency_due_just_as_a_normal_play_is_about_to_begin_goes_first() {
        Station s = station();
        gated.holdStart("announcement-routine");
        s.receive(Station.normal("routine", Station.MORNING, s.audio(300)));
        await().atMost(WAIT).until(() -> gated.waitingToStart("announcement-routine"));

        s.receive(Station.emergency("urgent", Station.MORNING, s.audio(400)));
        gated.releaseStart("announcement-routine");

        awaitOutcomes("routine PREEMPTED", "urgent PLAYED", "routine PLAYED");
        assertThat(s.hardware.speaker().plays()).hasSize(2);
    }
}
