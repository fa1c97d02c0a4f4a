package org.courtyard.kiosk.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.courtyard.hardware.HardwareFactory;
import org.courtyard.kiosk.HomeUnit;
import org.courtyard.kiosk.KioskConfig;
import org.courtyard.kiosk.TestKiosks;
import org.courtyard.kiosk.store.KioskStore;
import org.courtyard.protocol.HelpRequested;
import org.courtyard.protocol.HelpSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A home unit with a microphone and a (scripted) model listens all the time, by its profile's
 * default: 救命 said in the room raises help without a press or push-to-talk.
 */
class HomeVoiceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final ScriptedInput input = new ScriptedInput();
    private final ScriptedEngine engine;
    private HomeUnit unit;

    HomeVoiceTest() throws Exception {
        engine = new ScriptedEngine(GrammarTest.fixture());
    }

    private HomeUnit unit() throws Exception {
        KioskConfig config = TestKiosks.config(dir, "http://127.0.0.1:9", "profile=home", "home.name-voice=none",
                "voice.memo.after-help=false");
        unit = HomeUnit.create(config, new WithMicrophone(HardwareFactory.create(config.hardware()),
                input.microphone()), () -> engine, Clock.systemUTC());
        unit.start();
        return unit;
    }

    @AfterEach
    void close() {
        if (unit != null) {
            unit.close();
        }
    }

    @Test
    void jiuming_said_in_the_room_raises_help_without_a_press() throws Exception {
        input.hold(TestAudio.join(TestAudio.silence(1_000), TestAudio.speech("救命"), TestAudio.silence(1_500)));
        engine.hears("救命", 0.95);
        unit();

        await().atMost(WAIT).until(() -> unit.model().state().help() != null);
        unit.close();
        try (KioskStore store = KioskStore.open(dir.resolve("data"))) {
            HelpRequested requested = (HelpRequested) store.pending(10).get(0).payload();
            assertThat(requested.source()).isEqualTo(HelpSource.VOICE);
            assertThat(requested.transcript()).isEqualTo("救命");
        }
    }
}
