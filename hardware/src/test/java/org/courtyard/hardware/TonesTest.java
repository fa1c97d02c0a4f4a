package org.courtyard.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.sound.sampled.AudioFormat;
import org.junit.jupiter.api.Test;

class TonesTest {

    private static int peak(byte[] pcm) {
        int peak = 0;
        for (int i = 0; i + 1 < pcm.length; i += 2) {
            peak = Math.max(peak, Math.abs((short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8))));
        }
        return peak;
    }

    private static double rms(byte[] pcm) {
        double sum = 0;
        for (int i = 0; i + 1 < pcm.length; i += 2) {
            double value = (short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8));
            sum += value * value;
        }
        return Math.sqrt(sum / (pcm.length / 2.0));
    }

    @Test
    void the_chime_is_audible_never_clips_and_ends_in_silence() {
        AudioClip chime = Tones.chime();

        assertThat(chime.name()).isEqualTo("chime");
        assertThat(chime.duration().toMillis()).isEqualTo(1_600);
        assertThat(peak(chime.pcm())).isBetween(16_000, 16_500);
        assertThat(rms(chime.pcm())).isGreaterThan(2_000);
        byte[] pcm = chime.pcm();
        assertThat(pcm[pcm.length - 2]).isZero();
        assertThat(pcm[pcm.length - 1]).isZero();
    }

    @Test
    void the_alarm_lasts_two_seconds_at_a_steady_level() {
        AudioClip alarm = Tones.alarm();

        assertThat(alarm.name()).isEqualTo("alarm");
        assertThat(alarm.duration().toMillis()).isEqualTo(2_000);
        assertThat(peak(alarm.pcm())).isBetween(19_000, 20_000);
        assertThat(rms(alarm.pcm())).isGreaterThan(10_000);
    }

    @Test
    void tones_are_generated_in_the_format_asked_for_with_every_channel_alike() {
        AudioFormat stereo = new AudioFormat(48_000f, 16, 2, true, false);

        AudioClip chime = Tones.chime(stereo);

        assertThat(chime.format()).isSameAs(stereo);
        assertThat(chime.pcm()).hasSize(76_800 * 4);
        byte[] pcm = chime.pcm();
        for (int frame = 0; frame < pcm.length; frame += 4) {
            assertThat(pcm[frame]).isEqualTo(pcm[frame + 2]);
            assertThat(pcm[frame + 1]).isEqualTo(pcm[frame + 3]);
        }
    }

    @Test
    void tones_are_the_same_every_time() {
        assertThat(Tones.chime().pcm()).isEqualTo(Tones.chime().pcm());
        assertThat(Tones.alarm().pcm()).isEqualTo(Tones.alarm().pcm());
    }

    @Test
    void tones_refuse_formats_that_are_not_16_bit_pcm() {
        AudioFormat eightBit = new AudioFormat(8_000f, 8, 1, true, false);

        assertThatThrownBy(() -> Tones.alarm(eightBit)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16-bit");
    }
}
