package org.courtyard.hardware.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pi4j.io.gpio.digital.DigitalState;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.courtyard.hardware.AudioClip;
import org.courtyard.hardware.Microphone;
import org.courtyard.hardware.PlayResult;
import org.courtyard.hardware.PlayResult.Outcome;
import org.courtyard.hardware.Route;
import org.courtyard.hardware.Tones;
import org.junit.jupiter.api.Test;

/** Live broadcasts (hold to talk): microphone chunks go out through the relay sequence as they come. */
class RelayLoudspeakerLiveTest extends RelayLoudspeakerRig {

    private final QueuedFrames microphone = new QueuedFrames();
    private final AudioClip speech = TestClips.sine("speech", 16_000f, 1, 300);

    private CompletableFuture<PlayResult> talk(CapturingOutput output, boolean chime) {
        speaker = new RelayLoudspeaker(relay, output, bus, NO_WAITS, Clock.systemUTC());
        return CompletableFuture.supplyAsync(() -> speaker.playLive("live", Microphone.FORMAT, microphone,
                Route.OUTDOOR, chime));
    }

    /** The speech in 100 ms chunks, as the microphone yields it. */
    private List<byte[]> chunks() {
        int chunk = 3_200;
        byte[] pcm = speech.pcm();
        return List.of(Arrays.copyOfRange(pcm, 0, chunk), Arrays.copyOfRange(pcm, chunk, 2 * chunk),
                Arrays.copyOfRange(pcm, 2 * chunk, pcm.length));
    }

    @Test
    void spoken_chunks_reach_the_sink_in_order_after_the_chime_with_the_relay_on_throughout() throws Exception {
        CompletableFuture<PlayResult> broadcast = talk(sink, true);
        chunks().forEach(microphone::offer);
        await().until(() -> microphone.taken() == 3);
        assertThat(relayPin.state()).isEqualTo(DigitalState.HIGH);

        microphone.close();

        PlayResult result = broadcast.get(5, TimeUnit.SECONDS);
        assertThat(result.outcome()).isEqualTo(Outcome.PLAYED);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(Tones.chime(Microphone.FORMAT).pcm());
        expected.writeBytes(speech.pcm());
        assertThat(sink.bytes()).isEqualTo(expected.toByteArray());
        assertThat(sink.probeAtWrite()).isNotEmpty().containsOnly(true);
        assertThat(relayPin.state()).isEqualTo(DigitalState.LOW);
        bus.close();
        assertThat(lines).containsExactly("relay on", "audio start chime+live (live)", "audio end live PLAYED",
                "relay off");
    }

    @Test
    void a_chunk_that_ends_inside_a_frame_is_carried_over_not_dropped() throws Exception {
        CompletableFuture<PlayResult> broadcast = talk(sink, false);
        byte[] pcm = speech.pcm();
        microphone.offer(Arrays.copyOfRange(pcm, 0, 1001));
        microphone.offer(Arrays.copyOfRange(pcm, 1001, pcm.length));
        await().until(() -> microphone.taken() == 2);
        microphone.close();

        assertThat(broadcast.get(5, TimeUnit.SECONDS).played()).isTrue();
        assertThat(sink.bytes()).isEqualTo(pcm);
    }

    @Test
    void an_interruption_while_waiting_for_the_microphone_ends_the_broadcast_and_switches_the_relay_off()
            throws Exception {
        CompletableFuture<PlayResult> broadcast = talk(sink, false);
        microphone.offer(chunks().get(0));
        await().until(() -> sink.writes() > 0);

        speaker.interrupt();

        assertThat(broadcast.get(5, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.INTERRUPTED);
        assertThat(microphone.closed()).isTrue();
        assertThat(relayPin.state()).isEqualTo(DigitalState.LOW);
    }

    @Test
    void a_failing_sound_card_fails_the_broadcast_closes_the_microphone_and_switches_the_relay_off()
            throws Exception {
        CompletableFuture<PlayResult> broadcast = talk(sink.failingAtWrite(1), false);
        chunks().forEach(microphone::offer);

        PlayResult result = broadcast.get(5, TimeUnit.SECONDS);

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.detail()).contains("unplugged");
        assertThat(microphone.closed()).isTrue();
        assertThat(relayPin.state()).isEqualTo(DigitalState.LOW);
    }

    @Test
    void shutting_down_during_a_broadcast_leaves_the_relay_off() throws Exception {
        CompletableFuture<PlayResult> broadcast = talk(sink, false);
        microphone.offer(chunks().get(0));
        await().until(() -> sink.writes() > 0);

        speaker.close();

        assertThat(broadcast.get(5, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.INTERRUPTED);
        assertThat(relayPin.state()).isEqualTo(DigitalState.LOW);
    }

    @Test
    void a_play_waits_for_a_live_broadcast_to_end_never_overlapping_it() throws Exception {
        CompletableFuture<PlayResult> broadcast = talk(sink, false);
        microphone.offer(chunks().get(0));
        await().until(() -> sink.writes() > 0);
        CompletableFuture<PlayResult> clip = CompletableFuture.supplyAsync(
                () -> speaker.play(speech, Route.OUTDOOR, false));

        microphone.offer(chunks().get(1));
        await().until(() -> microphone.taken() == 2);
        assertThat(clip).isNotDone();
        microphone.close();

        assertThat(broadcast.get(5, TimeUnit.SECONDS).played()).isTrue();
        assertThat(clip.get(5, TimeUnit.SECONDS).played()).isTrue();
        byte[] played = sink.bytes();
        byte[] spoken = Arrays.copyOf(speech.pcm(), 6_400);
        assertThat(Arrays.copyOf(played, 6_400)).isEqualTo(spoken);
        assertThat(Arrays.copyOfRange(played, 6_400, played.length)).isEqualTo(speech.pcm());
    }
}
