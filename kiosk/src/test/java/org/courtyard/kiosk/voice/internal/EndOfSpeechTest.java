package org.courtyard.kiosk.voice.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.courtyard.hardware.AudioClip;
import org.courtyard.kiosk.voice.TestAudio;
import org.junit.jupiter.api.Test;

/** End-of-speech decisions on generated audio, fed in 100 ms chunks as the microphone delivers it. */
class EndOfSpeechTest {

    private static List<EndOfSpeech.Decision> feed(EndOfSpeech detector, AudioClip clip) {
        List<EndOfSpeech.Decision> decisions = new ArrayList<>();
        byte[] pcm = clip.pcm();
        for (int at = 0; at < pcm.length; at += 3_200) {
            int length = Math.min(3_200, pcm.length - at);
            byte[] chunk = java.util.Arrays.copyOfRange(pcm, at, at + length);
            EndOfSpeech.Decision decision = detector.add(chunk, length);
            decisions.add(decision);
            if (decision != EndOfSpeech.Decision.CONTINUE) {
                break;
            }
        }
        return decisions;
    }

    @Test
    void speech_then_silence_ends_after_the_silence_time() {
        EndOfSpeech detector = new EndOfSpeech(-45, Duration.ofMillis(1_200), Duration.ofSeconds(8));

        List<EndOfSpeech.Decision> decisions = feed(detector, TestAudio.join(TestAudio.silence(500),
                TestAudio.burst(1_000), TestAudio.silence(5_000)));

        assertThat(decisions.get(decisions.size() - 1)).isEqualTo(EndOfSpeech.Decision.END_OF_SPEECH);
        assertThat(detector.heardMillis()).isEqualTo(500 + 1_000 + 1_200);
        assertThat(detector.speechEndMillis()).isEqualTo(1_500);
    }

    @Test
    void silence_alone_ends_at_the_longest_listen_as_no_speech() {
        EndOfSpeech detector = new EndOfSpeech(-45, Duration.ofMillis(1_200), Duration.ofSeconds(8));

        List<EndOfSpeech.Decision> decisions = feed(detector, TestAudio.silence(10_000));

        assertThat(decisions).hasSize(80).last().isEqualTo(EndOfSpeech.Decision.NO_SPEECH);
        assertThat(detector.speechStarted()).isFalse();
    }

    @Test
    void a_click_is_not_speech() {
        EndOfSpeech detector = new EndOfSpeech(-45, Duration.ofMillis(1_200), Duration.ofSeconds(3));

        List<EndOfSpeech.Decision> decisions = feed(detector, TestAudio.join(TestAudio.silence(500),
                TestAudio.burst(100), TestAudio.silence(5_000)));

        assertThat(decisions.get(decisions.size() - 1)).isEqualTo(EndOfSpeech.Decision.NO_SPEECH);
    }

    @Test
    void speech_that_goes_on_ends_at_the_longest_listen() {
        EndOfSpeech detector = new EndOfSpeech(-45, Duration.ofMillis(1_200), Duration.ofSeconds(2));

        List<EndOfSpeech.Decision> decisions = feed(detector, TestAudio.burst(5_000));

        assertThat(decisions.get(decisions.size() - 1)).isEqualTo(EndOfSpeech.Decision.MAX_LENGTH);
    }

    @Test
    void levels_are_in_decibels_of_full_scale() {
        byte[] full = new byte[3_200];
        for (int i = 0; i < full.length; i += 2) {
            full[i] = (byte) 0xff;
            full[i + 1] = (byte) 0x7f;
        }
        assertThat(EndOfSpeech.levelDb(full, full.length)).isCloseTo(0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(EndOfSpeech.levelDb(new byte[3_200], 3_200)).isEqualTo(-120);
    }
}
