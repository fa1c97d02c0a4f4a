package org.courtyard.kiosk.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.courtyard.hardware.AudioClip;
import org.courtyard.kiosk.voice.internal.VoskEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Vosk itself: the native library from the Maven jar loads on this machine (linux-x86-64), a
 * missing, incomplete or damaged model folder gives the documented error naming the path, and —
 * only where a model is installed (env {@code VOSK_MODEL=DIR}, e.g. vosk-model-small-cn-0.22) —
 * Mandarin spoken by espeak-ng is recognised as each intent.
 */
class VoskEngineTest {

    @TempDir
    Path dir;

    @Test
    void the_native_library_loads_without_a_model() throws Exception {
        assertThat(VoskEngine.loadNativeLibrary()).startsWith("libvosk for Linux");
    }

    @Test
    void a_missing_model_folder_is_named() {
        Path missing = dir.resolve("vosk-model-small-cn-0.22");

        assertThatThrownBy(() -> VoskEngine.load(missing)).isInstanceOf(VoiceUnavailableException.class)
                .hasMessage("no voice model at " + missing + " (the folder does not exist); install it with"
                        + " deploy/voice/install-voice.sh (docs/voice.md)");
    }

    @Test
    void an_incomplete_model_folder_names_the_missing_files() throws Exception {
        Path model = dir.resolve("model");
        Files.createDirectories(model.resolve("am"));
        Files.createDirectories(model.resolve("conf"));
        Files.writeString(model.resolve("conf/mfcc.conf"), "--sample-frequency=16000\n");

        assertThatThrownBy(() -> VoskEngine.load(model)).isInstanceOf(VoiceUnavailableException.class)
                .hasMessage("voice model at " + model + " is incomplete: missing am/final.mdl, conf/model.conf,"
                        + " graph/HCLr.fst, graph/Gr.fst, graph/disambig_tid.int; install it with"
                        + " deploy/voice/install-voice.sh (docs/voice.md)");
    }

    @Test
    void a_damaged_model_is_refused_by_vosk_and_named() throws Exception {
        Path model = dir.resolve("model");
        for (String file : new String[] {"am/final.mdl", "conf/mfcc.conf", "conf/model.conf", "graph/HCLr.fst",
            "graph/Gr.fst", "graph/disambig_tid.int"}) {
            Files.createDirectories(model.resolve(file).getParent());
            Files.writeString(model.resolve(file), "not a model\n");
        }
        Files.writeString(model.resolve("graph/words.txt"), "<eps> 0\n救命 1\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> VoskEngine.load(model)).isInstanceOf(VoiceUnavailableException.class)
                .hasMessageStartingWith("voice model at " + model + " cannot be loaded (damaged, or not a Vosk model):"
                        + " Vosk says 'Failed to create a model'");
    }

    @Test
    void voice_check_reports_a_missing_model_and_exits_1() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = VoiceCheck.run(new String[] {dir.resolve("none").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("native library: libvosk for Linux")
                .contains("FAILED: no voice model at " + dir.resolve("none"));
    }

    @Test
    void voice_check_wants_a_model_folder() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(VoiceCheck.run(new String[0], new PrintStream(out, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage: VoiceCheck MODEL_DIR");
    }

    /** The installed model, or the test is skipped saying why. */
    private static Path installedModel() {
        String model = System.getenv("VOSK_MODEL");
        assumeTrue(model != null && !model.isBlank(), "no Vosk model: set VOSK_MODEL to a model folder such as "
                + "vosk-model-small-cn-0.22 (deploy/voice/install-voice.sh installs one) to run this test");
        assumeTrue(Files.isDirectory(Path.of(model)), "VOSK_MODEL=" + model + " is not a folder");
        assumeTrue(TestAudio.espeak(), "espeak-ng is not installed (apt-get install espeak-ng)");
        return Path.of(model);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"救命, HELP", "我不舒服, HELP_MEDICAL", "报平安, CHECK_IN", "听通知, PLAY_ANNOUNCEMENTS",
        "再说一遍, REPEAT", "取消, CANCEL", "是的, YES", "不要, NO"})
    void with_a_model_spoken_mandarin_is_recognised_as_its_intent(String said, Intent expected) throws Exception {
        Path model = installedModel();
        try (SpeechEngine engine = VoskEngine.load(model)) {
            PhraseBook book = PhraseBook.builtIn();
            Grammar grammar = Grammar.build(book, EnumSet.allOf(Intent.class), engine.vocabulary().orElse(null));
            try (Recognizer recognizer = engine.recognizer(grammar)) {
                AudioClip clip = TestAudio.utterance(said);
                recognizer.accept(clip.pcm(), clip.pcm().length);
                Hypothesis heard = recognizer.result();

                assertThat(new IntentMatcher(book).match(heard.text())).as("heard '%s'", heard.text())
                        .contains(expected);
            }
        }
    }

    @Test
    void with_a_model_chatter_is_unknown() throws Exception {
        Path model = installedModel();
        try (SpeechEngine engine = VoskEngine.load(model);
                Recognizer recognizer = engine.recognizer(Grammar.build(PhraseBook.builtIn(),
                        EnumSet.allOf(Intent.class), engine.vocabulary().orElse(null)))) {
            AudioClip clip = TestAudio.utterance("今天下午我们去菜市场买西红柿");
            recognizer.accept(clip.pcm(), clip.pcm().length);

            assertThat(new IntentMatcher(PhraseBook.builtIn()).match(recognizer.result().text())).isEmpty();
        }
    }
}
