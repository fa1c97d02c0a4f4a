package org.courtyard.hardware.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFormat;
import org.junit.jupiter.api.Test;

class SilentOutputTest {

    private static final AudioFormat MONO_16K = Pcm.signed16(16_000f, 1);

    @Test
    void the_silent_sink_takes_audio_at_the_speed_it_would_be_heard_and_counts_it() throws Exception {
        SilentOutput output = new SilentOutput("no sound card");
        long start = System.nanoTime();

        try (AudioSink sink = output.open(MONO_16K)) {
            sink.write(new byte[1_600], 0, 1_600);
            sink.write(new byte[1_600], 0, 1_600);
            sink.drain();
        }

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(95));
        assertThat(output.bytesPlayed()).isEqualTo(3_200);
        assertThat(output.present()).isFalse();
    }

    @Test
    void aborting_the_silent_sink_ends_a_long_write_at_once() throws Exception {
        SilentOutput output = new SilentOutput("no sound card");
        AudioSink sink = output.open(MONO_16K);
        byte[] tenMinutes = new byte[16_000 * 2 * 600];
        CompletableFuture<Void> write = CompletableFuture.runAsync(() -> {
            try {
                sink.write(tenMinutes, 0, tenMinutes.length);
            } catch (AudioDeviceException e) {
                throw new IllegalStateException(e);
            }
        });

        sink.abort();

        write.get(5, TimeUnit.SECONDS);
        sink.close();
    }
}
