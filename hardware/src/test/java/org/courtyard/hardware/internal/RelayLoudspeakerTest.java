package org.courtyard.hardware.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutput;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.courtyard.hardware.AudioClip;
import org.courtyard.hardware.HardwareConfig;
import org.courtyard.hardware.Loudspeaker;
import org.courtyard.hardware.PlayResult;
import org.courtyard.hardware.PlayResult.Outcome;
import org.courtyard.hardware.Route;
import org.courtyard.hardware.Tones;
import org.courtyard.hardware.Wav;
import org.courtyard.hardware.testing.RecordingOutput;
import org.junit.jupiter.api.Test;

class RelayLoudspeakerTest extends RelayLoudspeakerRig {

    private final AudioClip clip = TestClips.sine("notice-7", 16_000f, 1, 500);

    private RelayLoudspeaker speaker(AudioOutput output, HardwareConfig config) {
        speaker = new RelayLoudspeaker(relay, output, bus, config, Clock.systemUTC());
        return speaker;
    }

    private List<String> linesDelivered() {
        bus.close();
        return lines;
    }

    @Test
    void relay_is_high_before_the_first_audio_byte_and_low_after_the_last() {
        assertThat(relayPin.state()).isEqualTo(DigitalState.LOW);

        PlayResult result = speaker(sink, NO_WAITS).play(clip, Route.OUTDOOR, false);

        assertThat(result.outcome()).isEqualTo(Outcome.PLAYED);
        assertThat(sink.probeAtWrite()).isNotEmpty().containsOnly(true);
        assertThat(relayPin.state()).isEqualTo(DigitalState.LOW);
        assertThat(sink.closed()).isTrue();
    }

    @Test
    void an_outdoor_play_reports_relay_and_audio_lines_in_order() {
        speaker(sink, NO_WAITS).play(clip, Route.OUTDOOR, false);

        assertThat(linesDelivered())
                .containsExactly("relay on", "audio start notice-7 (500 ms)", "audio end notice-7 PLAYED", "relay off");
    }

    @Test
    void an_active_low_relay_is_driven_low_to_switch_on_and_high_to_switch_off() {
        Context own = MockGpio.context();
        try {
            Relay activeLow = new Relay(own, MockGpio.PROVIDERS, 17, false, bus);
            MockDigitalOutput pin = MockGpio.output(own, Relay.IO_ID);
            CapturingOutput probed = new CapturingOutput().probing(pin::isLow);
            assertThat(pin.state()).isEqualTo(DigitalState.HIGH);

            new RelayLoudspeaker(activeLow, probed, bus, NO_WAITS, Clock.systemUTC()).play(clip, Route.OUTDOOR, false);

            assertThat(probed.probeAtWrite()).isNotEmpty().containsOnly(true);
            assertThat(pin.state()).isEqualTo(DigitalState.HIGH);
        } finally {
            own.shutdown();
        }
    }

    @Test
    void at_full_volume_a_generated_wav_is_played_byte_for_byte() {
        AudioClip fromWav = Wav.read("tone", Wav.write(TestClips.sine("tone", 22_050f, 2, 300)));

        speaker(sink, NO_WAITS).play(fromWav, Route.OUTDOOR, false);

        assertThat(sink.bytes()).isEqualTo(fromWav.pcm());
    }

    @Test
    void at_half_volume_every_sample_is_halved() {
        speaker(sink, NO_WAITS.withVolume(0.5, 1.0)).play(clip, Route.INDOOR, false);

        byte[] played = sink.bytes();
        assertThat(played).hasSameSizeAs(clip.pcm());
        for (int i = 0; i < played.length / 2; i++) {
            assertThat(TestClips.sample(played, i)).isEqualTo((short) Math.round(TestClips.sample(clip.pcm(), i) * 0.5));
        }
    }

    @Test
    void volume_is_capped_at_the_configured_maximum() {
        RelayLoudspeaker capped = speaker(sink, NO_WAITS.withVolume(0.5, 0.6));
        assertThat(capped.volume()).isEqualTo(0.5);

        capped.setVolume(1.0);
        assertThat(capped.volume()).isEqualTo(0.6);
        capped.play(clip, Route.INDOOR, false);

        byte[] played = sink.bytes();
        for (int i = 0; i < played.length / 2; i++) {
            assertThat(TestClips.sample(played, i)).isEqualTo((short) Math.round(TestClips.sample(clip.pcm(), i) * 0.6));
        }
    }

    @Test
    void a_volume_outside_zero_to_one_is_rejected() {
        RelayLoudspeaker loudspeaker = speaker(sink, NO_WAITS);

        assertThatThrownBy(() -> loudspeaker.setVolume(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("volume");
        assertThatThrownBy(() -> loudspeaker.setVolume(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void relay_is_low_after_a_failed_play() {
        PlayResult result = speaker(sink.failingAtWrite(2), NO_WAITS).play(clip, Route.OUTDOOR, false);

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.detail()).contains("unplugged");
        assertThat(relayPin.state()).isEqualTo(DigitalState.LOW);
        assertThat(speaker.health().working()).isFalse();
        assertThat(linesDelivered()).containsSubsequence("relay on", "audio end notice-7 FAILED", "relay off");
    }

    @Test
    void a_missing_device_fails_the_play_with_its_reason_and_never_switches_the_relay() {
        AudioOutput missing = new NoAudioOutput("no audio output device found; announcements cannot be heard");

        PlayResult result = speaker(missing, NO_WAITS).play(clip, Route.OUTDOOR, true);

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.detail()).isEqualTo("no audio output device found; announcements cannot be heard");
        assertThat(speaker.health().present()).isFalse();
        assertThat(speaker.health().detail()).contains("no audio output device found");
        assertThat(linesDelivered()).containsExactly("audio end notice-7 FAILED");
    }

    @Test
    void relay_is_low_after_an_interrupted_play() throws Exception {
        RelayLoudspeaker loudspeaker = speaker(sink.blockingUntilAborted(), NO_WAITS);
        CompletableFuture<PlayResult> play = CompletableFuture.supplyAsync(
                () -> loudspeaker.play(clip, Route.OUTDOOR, false));
        await().until(() -> sink.writes() > 0);
        assertThat(relayPin.state()).isEqualTo(DigitalState.HIGH);

        loudspeaker.interrupt();

        assertThat(play.get(5, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.INTERRUPTED);
        assertThat(sink.aborted()).isTrue();
        assertThat(sink.writes()).isEqualTo(1);
        assertThat(relayPin.state()).isEqualTo(DigitalState.LOW);
        assertThat(linesDelivered()).containsSubsequence("relay on", "audio end notice-7 INTERRUPTED", "relay off");
    }

    @Test
    void an_interruption_during_the_warm_up_stops_before_any_audio() throws Exception {
        RelayLoudspeaker loudspeaker = speaker(sink, NO_WAITS.withTiming(Duration.ofMinutes(1), Duration.ZERO));
        CompletableFuture<PlayResult> play = CompletableFuture.supplyAsync(
                () -> loudspeaker.play(clip, Route.OUTDOOR, true));
        await().until(relayPin::isHigh);

        loudspeaker.interrupt();

        PlayResult result = play.get(5, TimeUnit.SECONDS);
        assertThat(result.outcome()).isEqualTo(Outcome.INTERRUPTED);
        assertThat(result.detail()).contains("warm-up");
        assertThat(sink.writes()).isZero();
        assertThat(relayPin.state()).isEqualTo(DigitalState.LOW);
    }

    @Test
    void a_play_started_after_an_interruption_is_not_affected_by_it() {
        RelayLoudspeaker loudspeaker = speaker(sink, NO_WAITS);
        loudspeaker.interrupt();

        assertThat(loudspeaker.play(clip, Route.OUTDOOR, false).outcome()).isEqualTo(Outcome.PLAYED);
    }

    @Test
    void interrupting_a_play_that_has_ended_leaves_the_next_play_alone() throws Exception {
        RecordingOutput output = new RecordingOutput();
        RelayLoudspeaker loudspeaker = speaker(output, NO_WAITS);
        Loudspeaker.Play first = loudspeaker.prepare(clip, Route.OUTDOOR, false);
        assertThat(first.run().outcome()).isEqualTo(Outcome.PLAYED);
        output.hold();
        CompletableFuture<PlayResult> next = CompletableFuture.supplyAsync(
                () -> loudspeaker.play(TestClips.sine("emergency", 16_000f, 1, 300), Route.OUTDOOR, false));
        await().until(() -> output.blockedWrites() > 0);

        first.interrupt();
        output.release();

        assertThat(next.get(5, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.PLAYED);
        assertThat(output.plays()).hasSize(2);
        assertThat(output.plays().get(1)).hasSize(16_000 * 2 * 300 / 1000);
    }

    @Test
    void a_play_interrupted_before_it_runs_returns_interrupted_without_switching_the_relay_on() {
        RecordingOutput output = new RecordingOutput();
        Loudspeaker.Play play = speaker(output, NO_WAITS).prepare(clip, Route.OUTDOOR, true);

        play.interrupt();
        PlayResult result = play.run();

        assertThat(result.outcome()).isEqualTo(Outcome.INTERRUPTED);
        assertThat(output.plays()).isEmpty();
        assertThat(linesDelivered()).containsExactly("audio end notice-7 INTERRUPTED");
        assertThatThrownBy(play::run).isInstanceOf(IllegalStateException.class).hasMessageContaining("run already");
    }

    @Test
    void interrupting_a_play_waiting_for_its_turn_drops_it_and_leaves_the_one_playing_alone() throws Exception {
        RecordingOutput output = new RecordingOutput();
        RelayLoudspeaker loudspeaker = speaker(output, NO_WAITS);
        output.hold();
        CompletableFuture<PlayResult> playing = CompletableFuture.supplyAsync(
                () -> loudspeaker.play(clip, Route.OUTDOOR, false));
        await().until(() -> output.blockedWrites() > 0);
        Loudspeaker.Play waiting = loudspeaker.prepare(TestClips.sine("routine", 16_000f, 1, 300), Route.OUTDOOR, false);
        CompletableFuture<PlayResult> waited = CompletableFuture.supplyAsync(waiting::run);

        waiting.interrupt();
        output.release();

        assertThat(playing.get(5, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.PLAYED);
        assertThat(waited.get(5, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.INTERRUPTED);
        assertThat(output.plays()).hasSize(1);
        assertThat(output.plays().get(0)).hasSize(16_000 * 2 * 500 / 1000);
        assertThat(relayPin.state()).isEqualTo(DigitalState.LOW);
    }

    @Test
    void the_amplifier_warms_up_before_the_first_byte_and_stays_on_through_the_tail() {
        Duration warmUp = Duration.ofMillis(80);
        Duration tail = Duration.ofMillis(60);
        long[] firstWrite = new long[1];
        CapturingOutput timed = new CapturingOutput().probing(() -> {
            if (firstWrite[0] == 0) {
                firstWrite[0] = System.nanoTime();
            }
            return relayPin.isHigh();
        });
        long start = System.nanoTime();

        PlayResult result = speaker(timed, NO_WAITS.withTiming(warmUp, tail)).play(clip, Route.OUTDOOR, false);
        long end = System.nanoTime();

        assertThat(Duration.ofNanos(firstWrite[0] - start)).isGreaterThanOrEqualTo(warmUp);
        assertThat(Duration.ofNanos(end - firstWrite[0])).isGreaterThanOrEqualTo(tail);
        assertThat(Duration.between(result.startedAt(), result.endedAt())).isGreaterThanOrEqualTo(warmUp.plus(tail));
        assertThat(relayPin.state()).isEqualTo(DigitalState.LOW);
    }

    @Test
    void an_indoor_play_never_switches_the_relay() {
        PlayResult result = speaker(sink, NO_WAITS).play(clip, Route.INDOOR, false);

        assertThat(result.played()).isTrue();
        assertThat(sink.probeAtWrite()).containsOnly(false);
        assertThat(linesDelivered()).containsExactly("audio start notice-7 (500 ms)", "audio end notice-7 PLAYED");
    }

    @Test
    void a_chimed_play_plays_the_chime_then_the_clip() {
        speaker(sink, NO_WAITS).play(clip, Route.OUTDOOR, true);

        byte[] chime = Tones.chime(clip.format()).pcm();
        byte[] expected = new byte[chime.length + clip.pcm().length];
        System.arraycopy(chime, 0, expected, 0, chime.length);
        System.arraycopy(clip.pcm(), 0, expected, chime.length, clip.pcm().length);
        assertThat(sink.bytes()).isEqualTo(expected);
        assertThat(linesDelivered()).contains("audio start chime+notice-7 (2100 ms)", "audio end notice-7 PLAYED");
    }

    @Test
    void a_clip_in_a_format_the_device_refuses_is_converted_to_one_it_takes() {
        CapturingOutput stereo48k = sink.accepting(Pcm.signed16(48_000f, 2));

        PlayResult result = speaker(stereo48k, NO_WAITS).play(clip, Route.INDOOR, false);

        assertThat(result.played()).isTrue();
        int frames = stereo48k.bytes().length / 4;
        assertThat(frames).isBetween(23_990, 24_010);
    }

    @Test
    void closing_during_a_play_interrupts_it_leaves_the_relay_low_and_is_safe_twice() throws Exception {
        RelayLoudspeaker loudspeaker = speaker(sink.blockingUntilAborted(), NO_WAITS);
        CompletableFuture<PlayResult> play = CompletableFuture.supplyAsync(
                () -> loudspeaker.play(clip, Route.OUTDOOR, false));
        await().until(() -> sink.writes() > 0);

        loudspeaker.close();
        loudspeaker.close();

        assertThat(play.get(5, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.INTERRUPTED);
        assertThat(relayPin.state()).isEqualTo(DigitalState.LOW);
        assertThatThrownBy(() -> loudspeaker.play(clip, Route.OUTDOOR, false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
