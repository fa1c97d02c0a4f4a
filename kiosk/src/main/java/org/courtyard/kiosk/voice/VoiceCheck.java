package org.courtyard.kiosk.voice;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import org.courtyard.hardware.AudioClip;
import org.courtyard.hardware.Microphone;
import org.courtyard.hardware.Wav;
import org.courtyard.kiosk.voice.internal.VoskEngine;

/**
 * Checks that this kiosk can run voice recognition, as the installer's last step:
 * <pre>
 * java -cp courtyard-kiosk.jar org.courtyard.kiosk.voice.VoiceCheck MODEL_DIR [--phrases FILE] [--wav FILE]
 * </pre>
 * Prints what loaded — the native library, the model and its word count, the grammar of the
 * command phrases and any phrase the model cannot recognise — and with {@code --wav} what it hears
 * in that recording and which intent that is. Exit code 0 when voice works, 1 when it does not (the
 * last line says why, naming the missing path), 2 for bad arguments.
 */
public final class VoiceCheck {

    private VoiceCheck() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.exit(run(args, out));
    }

    /** The check, printing to {@code out}; returns the exit code. */
    public static int run(String[] args, PrintStream out) {
        if (args.length == 0 || Arrays.asList(args).contains("--help")) {
            out.println("usage: VoiceCheck MODEL_DIR [--phrases FILE] [--wav FILE]");
            return args.length == 0 ? 2 : 0;
        }
        Path model = Path.of(args[0]);
        Path phrases = null;
        Path wav = null;
        for (int i = 1; i < args.length; i++) {
            if (i + 1 >= args.length) {
                out.println("error: " + args[i] + " needs a value");
                return 2;
            }
            switch (args[i]) {
                case "--phrases" -> phrases = Path.of(args[++i]);
                case "--wav" -> wav = Path.of(args[++i]);
                default -> {
                    out.println("error: unknown argument '" + args[i] + "'");
                    return 2;
                }
            }
        }
        try {
            out.println("native library: " + VoskEngine.loadNativeLibrary() + " loaded");
            try (SpeechEngine engine = VoskEngine.load(model)) {
                out.println("model: " + engine.description() + " loaded");
                PhraseBook book = PhraseBook.load(phrases);
                Grammar grammar = Grammar.build(book, EnumSet.allOf(Intent.class), engine.vocabulary().orElse(null));
                out.println("grammar: " + grammar.phrases().size() + " phrases" + (grammar.checked()
                        ? "" : " (not checked: the model has no words.txt)"));
                if (!grammar.outOfVocabulary().isEmpty()) {
                    out.println("warning: " + grammar.problems());
                }
                try (Recognizer recognizer = engine.recognizer(grammar)) {
                    if (wav != null) {
                        AudioClip clip = Wav.convert(Wav.read(wav), Microphone.FORMAT.getSampleRate(),
                                Microphone.FORMAT.getChannels());
                        recognizer.accept(clip.pcm(), clip.pcm().length);
                        Hypothesis heard = recognizer.result();
                        out.printf("heard: '%s' (confidence %.2f) -> %s%n", heard.text(), heard.confidence(),
                                new IntentMatcher(book).match(heard.text()).map(Enum::name).orElse("no intent"));
                    }
                }
                out.println("OK: voice recognition works with " + model.toAbsolutePath().normalize());
                return 0;
            }
        } catch (VoiceUnavailableException e) {
            out.println("FAILED: " + e.getMessage());
            return 1;
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            out.println("FAILED: " + e.getMessage());
            return 1;
        }
    }
}
