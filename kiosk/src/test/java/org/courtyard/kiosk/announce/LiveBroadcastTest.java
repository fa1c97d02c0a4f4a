package org.courtyard.kiosk.announce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.courtyard.hardware.AudioClip;
import org.courtyard.hardware.Microphone;
import org.courtyard.hardware.PlayResult;
import org.courtyard.hardware.Tones;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cadre's live broadcast (hold to talk): the microphone goes out over the courtyard loudspeaker
 * through the announcement player, so it never overlaps a play, and the relay is off after it
 * however it ends.
 */
class LiveBroadcastTest {

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

    private Microphone.FrameStream microphone() {
        return station.hardware.hardware().microphone().open();
    }

    @Test
    void what_the_cadre_says_goes_out_after_the_chime_and_the_relay_is_off_after_release() throws Exception {
        station = new Station(dir);
        AudioClip voice = Station.tone(500, 300);

        LiveBroadcast live = station.announcer.startLive(microphone());
        station.hardware.microphone().speak(voice.pcm());
        await().atMost(WAIT).until(() -> station.hardware.speaker().plays().size() == 1
                && station.hardware.speaker().plays().get(0).length
                        >= Tones.chime(Microphone.FORMAT).pcm().length + voice.pcm().length);
        assertThat(station.relayOn()).isTrue();

        live.stop();

        PlayResult result = live.result().get(10, TimeUnit.SECONDS);
        assertThat(result.played()).isTrue();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(Tones.chime(Microphone.FORMAT).pcm());
        expected.writeBytes(voice.pcm());
        assertThat(station.hardware.speaker().plays().get(0)).isEqualTo(expected.toByteArray());
        await().atMost(WAIT).untilAsserted(() -> assertThat(station.actions).containsExactly("relay on",
                "audio start chime+live (live)", "audio end live PLAYED", "relay off"));
        assertThat(station.relayOn()).isFalse();
        assertThat(station.outcomes()).as("a live broadcast is not an announcement").isEmpty();
    }

    @Test
    void a_live_broadcast_cuts_a_routine_play_short_which_plays_again_after_it() throws Exception {
        station = new Station(dir);
        Station s = station;
        s.hardware.speaker().hold();
        s.receive(Station.normal("routine", Station.MORNING, s.audio(300)));
        await().atMost(WAIT).until(() -> s.hardware.speaker().blockedWrites() > 0);

        LiveBroadcast live = s.announcer.startLive(microphone());
        await().atMost(WAIT).until(() -> s.outcomes().contains("routine PREEMPTED"));
        s.hardware.speaker().release();
        s.hardware.microphone().speak(Station.tone(200, 300).pcm());
        await().atMost(WAIT).until(() -> s.actions.contains("audio start chime+live (live)"));
        live.stop();

        assertThat(live.result().get(10, TimeUnit.SECONDS).played()).isTrue();
        await().atMost(WAIT).untilAsserted(() -> assertThat(s.outcomes())
                .containsExactly("routine PREEMPTED", "routine PLAYED"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(s.actions).containsSubsequence("audio end announcement-routine INTERRUPTED", "relay off",
                "audio start chime+live (live)", "audio end live PLAYED", "relay off",
                "audio start chime+announcement-routine (1900 ms)"));
    }

    @Test
    void announcements_due_during_a_live_broadcast_wait_for_it() throws Exception {
        station = new Station(dir);
        Station s = station;
        LiveBroadcast live = s.announcer.startLive(microphone());
        await().atMost(WAIT).until(() -> s.actions.contains("audio start chime+live (live)"));

        s.receive(Station.emergency("flood", Station.MORNING, s.audio(200)));
        s.announcer.tick();
        assertThat(s.outcomes()).isEmpty();
        live.stop();

        await().atMost(WAIT).untilAsserted(() -> assertThat(s.outcomes()).containsExactly("flood PLAYED"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(s.actions).containsSubsequence("audio end live PLAYED", "relay off",
                "audio start chime+announcement-flood (1800 ms)"));
    }

    @Test
    void a_second_live_broadcast_and_one_during_an_emergency_are_refused() throws Exception {
        station = new Station(dir);
        Station s = station;
        LiveBroadcast live = s.announcer.startLive(microphone());
        Microphone.FrameStream second = new QueueFrames();
        assertThatThrownBy(() -> s.announcer.startLive(second)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already");
        live.stop();
        live.result().get(10, TimeUnit.SECONDS);

        s.hardware.speaker().hold();
        s.receive(Station.emergency("flood", Station.MORNING, s.audio(200)));
        await().atMost(WAIT).until(() -> s.hardware.speaker().blockedWrites() > 0);
        QueueFrames third = new QueueFrames();
        assertThatThrownBy(() -> s.announcer.startLive(third)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("emergency");
        assertThat(third.closed).isTrue();
        s.hardware.speaker().release();
    }

    @Test
    void a_broadcast_nobody_ends_stops_by_itself_at_the_limit_with_the_relay_off() throws Exception {
        station = new Station(dir, Station.MORNING, new AnnounceSettings(QuietHours.DEFAULT,
                AnnounceSettings.defaults().zone(), false, Duration.ofHours(12), Duration.ofMillis(300)));

        LiveBroadcast live = station.announcer.startLive(microphone());

        assertThat(live.result().get(10, TimeUnit.SECONDS).played()).isTrue();
        await().atMost(WAIT).untilAsserted(() -> assertThat(station.actions).endsWith("relay off"));
        assertThat(station.relayOn()).isFalse();
    }

    @Test
    void shutting_the_kiosk_down_during_a_broadcast_leaves_the_relay_off() throws Exception {
        station = new Station(dir);
        LiveBroadcast live = station.announcer.startLive(microphone());
        await().atMost(WAIT).until(station::relayOn);

        station.announcer.close();

        assertThat(live.result().get(10, TimeUnit.SECONDS).outcome()).isEqualTo(PlayResult.Outcome.INTERRUPTED);
        assertThat(station.relayOn()).isFalse();
    }

    /** A source for the refusal tests, which never speaks. */
    private static final class QueueFrames implements Microphone.FrameStream {
        volatile boolean closed;

        @Override
        public byte[] next() {
            return closed ? null : new byte[0];
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
