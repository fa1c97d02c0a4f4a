package org.courtyard.kiosk.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.courtyard.hardware.HardwareFactory;
import org.courtyard.kiosk.Kiosk;
import org.courtyard.kiosk.KioskConfig;
import org.courtyard.kiosk.TestKiosks;
import org.courtyard.kiosk.core.Screen;
import org.courtyard.kiosk.core.VoiceActivity;
import org.courtyard.kiosk.store.KioskStore;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.HelpRequested;
import org.courtyard.protocol.HelpSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Voice on a whole kiosk (simulated hardware, unreachable hub): push-to-talk from the button on
 * the screen or a long press, the read-back, and voice off with its reason. The microphone plays
 * recorded speech through the real frame stream; a scripted recognizer stands in for Vosk.
 */
class VoiceKioskTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final ScriptedInput input = new ScriptedInput();
    private final List<String> actions = new CopyOnWriteArrayList<>();
    private ScriptedEngine engine;
    private Kiosk kiosk;

    private Kiosk kiosk(boolean withEngine, String... extra) throws Exception {
        List<String> lines = new ArrayList<>(List.of("help.alert-courtyard=false", "voice.memo.after-help=false"));
        lines.addAll(List.of(extra));
        KioskConfig config = TestKiosks.config(dir, "http://127.0.0.1:9", lines.toArray(String[]::new));
        WithMicrophone hardware = new WithMicrophone(HardwareFactory.create(config.hardware()), input.microphone());
        if (withEngine) {
            engine = new ScriptedEngine(GrammarTest.fixture());
            kiosk = Kiosk.create(config, hardware, () -> engine, Clock.systemUTC());
        } else {
            kiosk = Kiosk.create(config, hardware, Clock.systemUTC());
        }
        kiosk.hardware().addActionListener(action -> actions.add(action.line()));
        kiosk.start();
        await().atMost(WAIT).until(() -> !kiosk.model().state().voiceStatus().startsWith("starting"));
        return kiosk;
    }

    @AfterEach
    void close() {
        if (kiosk != null) {
            kiosk.close();
        }
    }

    @Test
    void saying_jiuming_raises_a_help_request_at_once_with_what_was_heard() throws Exception {
        kiosk(true);
        input.then(TestAudio.utterance("救命"));
        engine.hears("救命", 0.95);

        kiosk.voice().listen();

        await().atMost(WAIT).until(() -> kiosk.model().state().help() != null);
        assertThat(kiosk.model().state().screen()).isEqualTo(Screen.HELP);
        // The kiosk said 请说 first and listened only after it had finished speaking. The hardware
        // reports its lines on its own thread: they may reach the list after the help request.
        await().atMost(WAIT).untilAsserted(() -> assertThat(actions).containsSubsequence(
                "audio start prompt-voice.listen (937 ms)", "audio end prompt-voice.listen PLAYED"));
        kiosk.close();
        try (KioskStore store = KioskStore.open(dir.resolve("data"))) {
            Event event = store.pending(10).get(0);
            HelpRequested requested = (HelpRequested) event.payload();
            assertThat(requested.source()).isEqualTo(HelpSource.VOICE);
            assertThat(requested.transcript()).isEqualTo("救命");
            assertThat(requested.category()).isNull();
        }
    }

    @Test
    void saying_baopingan_is_read_back_and_yes_opens_the_check_in_screen() throws Exception {
        kiosk(true);
        input.then(TestAudio.utterance("报平安")).then(TestAudio.utterance("是"));
        engine.hears("报 平安", 0.9).hears("是", 0.9);

        kiosk.voice().listen();

        await().atMost(WAIT).until(() -> "voice.confirm.check_in".equals(kiosk.model().state().lastPrompt()));
        assertThat(kiosk.model().state().voiceActivity())
                .isEqualTo(new VoiceActivity(VoiceActivity.Phase.HEARD, "报平安"));
        assertThat(kiosk.model().state().screen()).isEqualTo(Screen.LISTENING);
        // After the question has been spoken, the kiosk listens for the answer by itself.
        await().atMost(WAIT).until(() -> kiosk.model().state().screen() == Screen.CHECK_IN);
        assertThat(input.opened()).isEqualTo(2);
        await().atMost(WAIT).untilAsserted(() -> assertThat(actions).containsSubsequence(
                "audio end prompt-voice.confirm.check_in PLAYED", "audio start prompt-checkin.prompt (5417 ms)"));
        assertThat(kiosk.model().state().help()).isNull();
    }

    @Test
    void no_after_the_read_back_drops_the_command() throws Exception {
        kiosk(true);
        input.then(TestAudio.utterance("报平安")).then(TestAudio.utterance("不要"));
        engine.hears("报 平安", 0.9).hears("不要", 0.9);

        kiosk.voice().listen();

        await().atMost(WAIT).until(() -> "voice.dropped".equals(kiosk.model().state().lastPrompt()));
        assertThat(kiosk.model().state().screen()).isEqualTo(Screen.LISTENING);
    }

    @Test
    void a_long_press_of_the_physical_button_is_push_to_talk() throws Exception {
        kiosk(true);
        input.then(TestAudio.utterance("救命"));
        engine.hears("救命", 0.95);

        kiosk.hardware().simulator().orElseThrow().longPressButton();

        await().atMost(WAIT).until(() -> kiosk.model().state().help() != null);
        await().atMost(WAIT).untilAsserted(() -> assertThat(actions).contains("button long-press"));
        assertThat(input.opened()).isEqualTo(1);
    }

    @Test
    void leaving_the_listening_screen_stops_listening() throws Exception {
        kiosk(true, "voice.end-silence-ms=20000", "voice.max-listen-seconds=40");
        input.hold(TestAudio.join(TestAudio.silence(200), TestAudio.speech("报平安")));
        engine.hears("报 平安", 0.9);

        kiosk.voice().listen();
        await().atMost(WAIT).until(() -> kiosk.model().state().voiceActivity().phase() == VoiceActivity.Phase.LISTENING
                && !kiosk.model().state().voiceActivity().heard().isEmpty());
        kiosk.screens().open(Screen.HOME);

        await().atMost(WAIT).until(() -> kiosk.model().state().voiceActivity().equals(VoiceActivity.IDLE));
        kiosk.model().awaitIdle(WAIT);
        assertThat(kiosk.model().state().screen()).isEqualTo(Screen.HOME);
        assertThat(kiosk.model().state().lastPrompt()).isEqualTo("home.prompt");
    }

    @Test
    void something_not_understood_is_said_and_asked_again_once() throws Exception {
        kiosk(true);
        input.then(TestAudio.utterance("今天天气很好")).then(TestAudio.silence(9_000));
        engine.hears("[unk]", 0.9);

        kiosk.voice().listen();

        await().atMost(WAIT).until(() -> input.opened() == 2
                && kiosk.model().state().voiceActivity().phase() == VoiceActivity.Phase.NOT_UNDERSTOOD);
        kiosk.model().awaitIdle(WAIT);
        assertThat(kiosk.model().state().lastPrompt()).isEqualTo("voice.unheard");
        assertThat(kiosk.model().state().help()).isNull();
    }

    @Test
    void without_the_model_voice_is_off_naming_the_missing_folder_and_the_rest_works() throws Exception {
        Path model = dir.resolve("vosk-model-small-cn-0.22");
        kiosk(false, "voice-model=" + model);

        String status = kiosk.model().state().voiceStatus();
        assertThat(status).isEqualTo("off: no voice model at " + model + " (the folder does not exist); install it"
                + " with deploy/voice/install-voice.sh (docs/voice.md)");
        await().atMost(WAIT).until(() -> kiosk.model().state().problems().contains("voice: " + status));

        kiosk.voice().listen();
        await().atMost(WAIT).until(() -> "voice.off".equals(kiosk.model().state().lastPrompt()));
        assertThat(kiosk.model().state().screen()).isEqualTo(Screen.LISTENING);
        assertThat(input.opened()).isZero();

        kiosk.voice().hear("救命");
        await().atMost(WAIT).until(() -> kiosk.model().state().help() != null);
    }

    @Test
    void without_a_microphone_voice_is_off_naming_the_device_and_no_model_is_loaded() throws Exception {
        KioskConfig config = TestKiosks.config(dir, "http://127.0.0.1:9");
        engine = new ScriptedEngine(GrammarTest.fixture());
        kiosk = Kiosk.create(config, HardwareFactory.create(config.hardware()), () -> engine, Clock.systemUTC());
        kiosk.start();

        await().atMost(WAIT).until(() -> kiosk.model().state().voiceStatus().startsWith("off"));
        assertThat(kiosk.model().state().voiceStatus()).isEqualTo("off: no microphone (audio input switched off"
                + " (hardware.audio.input=none); voice commands and voice memos are off)");
        assertThat(engine.made()).isEmpty();
    }

    @Test
    void without_a_model_given_voice_is_off_but_not_a_problem() throws Exception {
        kiosk(false);

        assertThat(kiosk.model().state().voiceStatus())
                .isEqualTo("off: no voice model given (--voice-model); voice memos are still recorded");
        assertThat(kiosk.model().state().problems()).noneMatch(problem -> problem.startsWith("voice"));
    }
}
