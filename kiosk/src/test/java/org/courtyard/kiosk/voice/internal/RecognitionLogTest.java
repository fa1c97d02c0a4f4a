package org.courtyard.kiosk.voice.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.courtyard.kiosk.store.KioskStore;
import org.courtyard.kiosk.voice.Intent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recognition log in the kiosk's database: bounded, with optional audio, summarised for heartbeats. */
class RecognitionLogTest {

    @TempDir
    Path dir;

    private KioskStore store;

    @BeforeEach
    void open() {
        store = KioskStore.open(dir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void the_log_keeps_the_newest_entries_and_deletes_the_audio_of_the_others() throws Exception {
        RecognitionLog log = new RecognitionLog(store, dir.resolve("voice-log"), 10, Clock.systemUTC());

        for (int i = 0; i < 15; i++) {
            log.add(RecognitionLog.Mode.COMMAND, "救命 " + i, 0.9, Intent.HELP, RecognitionLog.Outcome.ACCEPTED, 100L,
                    new byte[] {1, 2, 3});
        }

        assertThat(log.size()).isEqualTo(10);
        assertThat(log.recent(1).get(0).text()).isEqualTo("救命 14");
        assertThat(log.recent(100)).last().satisfies(entry -> assertThat(entry.text()).isEqualTo("救命 5"));
        try (var files = Files.list(dir.resolve("voice-log"))) {
            assertThat(files.count()).isEqualTo(10);
        }
    }

    @Test
    void audio_is_kept_only_when_given() {
        RecognitionLog log = new RecognitionLog(store, dir.resolve("voice-log"), 10, Clock.systemUTC());

        log.add(RecognitionLog.Mode.COMMAND, "是", 0.9, Intent.YES, RecognitionLog.Outcome.ACCEPTED, 80L, null);

        assertThat(log.recent(1).get(0).audioFile()).isNull();
        assertThat(Files.exists(dir.resolve("voice-log"))).isFalse();
    }

    @Test
    void the_summary_counts_commands_not_memos_or_silences() {
        RecognitionLog log = new RecognitionLog(store, dir.resolve("voice-log"), 100, Clock.systemUTC());
        log.add(RecognitionLog.Mode.COMMAND, "救命", 0.9, Intent.HELP, RecognitionLog.Outcome.ACCEPTED, 100L, null);
        log.add(RecognitionLog.Mode.COMMAND, "报 平安", 0.8, Intent.CHECK_IN, RecognitionLog.Outcome.ACCEPTED, 300L, null);
        log.add(RecognitionLog.Mode.DISTRESS, "[unk]", 0.4, null, RecognitionLog.Outcome.UNKNOWN, null, null);
        log.add(RecognitionLog.Mode.COMMAND, "", 0, null, RecognitionLog.Outcome.NO_SPEECH, null, null);
        log.add(RecognitionLog.Mode.MEMO, "我 摔倒 了", 0.5, null, RecognitionLog.Outcome.TRANSCRIBED, null, null);

        RecognitionLog.Summary summary = log.summary(Duration.ofHours(24));

        assertThat(summary.describe(Duration.ofHours(24)))
                .isEqualTo("3 recognitions in 24 h, 1 not understood, mean confidence 0.70, 300 ms to intent");
    }
}
