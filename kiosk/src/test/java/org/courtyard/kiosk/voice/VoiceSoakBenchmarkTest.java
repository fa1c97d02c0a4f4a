package org.courtyard.kiosk.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Keeps the soak harness runnable: without a model it says why it skips; with one (VOSK_MODEL) a
 * three-minute run must recognise and keep its memory steady.
 */
class VoiceSoakBenchmarkTest {

    @Test
    void without_a_model_the_harness_says_why_it_skips() throws Exception {
        assumeTrue(!VoiceSoakBenchmark.unavailable().isEmpty(), "a model is installed; the next test runs the harness");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int code = VoiceSoakBenchmark.run(Duration.ofMinutes(1), new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("voice-soak skipped: ");
    }

    @Test
    void with_a_model_a_short_soak_recognises_and_memory_stays_steady() throws Exception {
        String why = VoiceSoakBenchmark.unavailable();
        assumeTrue(why.isEmpty(), "voice soak " + why);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int code = VoiceSoakBenchmark.run(Duration.ofMinutes(3), new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("end of speech to intent: p50");
    }
}
