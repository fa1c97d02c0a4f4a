package org.courtyard.kiosk.voice.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.courtyard.hardware.Microphone;
import org.courtyard.kiosk.voice.Grammar;
import org.courtyard.kiosk.voice.Hypothesis;
import org.courtyard.kiosk.voice.Recognizer;
import org.courtyard.kiosk.voice.SpeechEngine;
import org.courtyard.kiosk.voice.VoiceUnavailableException;
import org.courtyard.kiosk.voice.Vocabulary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;

/**
 * Vosk behind {@link SpeechEngine}: one {@link Model} for the process, recognizers made on it.
 *
 * <p>The surprises this class deals with: the Maven jar carries {@code libvosk.so} for Linux
 * x86-64 but not for aarch64, so on a Raspberry Pi the library must be installed in the system's
 * library path (deploy/voice/install-voice.sh); Vosk's own answer to a bad folder is only "Failed
 * to create a model", so the folder is checked first and the missing file named; and every Vosk
 * object holds native memory that only {@code close()} frees.
 */
public final class VoskEngine implements SpeechEngine {

    private static final Logger LOG = LoggerFactory.getLogger(VoskEngine.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSTALL_HINT = "install it with deploy/voice/install-voice.sh (docs/voice.md)";

    private final Path modelDir;
    private final Model model;
    private final Vocabulary vocabulary;
    private final List<VoskRecognizer> recognizers = new ArrayList<>();
    private boolean closed;

    private VoskEngine(Path modelDir, Model model, Vocabulary vocabulary) {
        this.modelDir = modelDir;
        this.model = model;
        this.vocabulary = vocabulary;
    }

    /**
     * Loads the Vosk native library, if it is not loaded yet, and says which one. Safe to call
     * without a model.
     *
     * @throws VoiceUnavailableException naming the platform when the library cannot be loaded
     */
    public static String loadNativeLibrary() throws VoiceUnavailableException {
        try {
            LibVosk.setLogLevel(LogLevel.WARNINGS);
            return "libvosk for " + System.getProperty("os.name") + " " + System.getProperty("os.arch");
        } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
            throw new VoiceUnavailableException("the Vosk native library (libvosk.so) cannot be loaded on "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ": " + e.getMessage()
                    + "; the Maven jar has none for aarch64: " + INSTALL_HINT, e);
        }
    }

    /**
     * Checks the folder, loads the native library and then the model.
     *
     * @throws VoiceUnavailableException naming {@code modelDir} or the missing file inside it, or
     *     the native library
     */
    public static VoskEngine load(Path modelDir) throws VoiceUnavailableException {
        Path dir = modelDir.toAbsolutePath().normalize();
        checkLayout(dir);
        Vocabulary vocabulary = null;
        Optional<Path> words = Vocabulary.wordsFile(dir);
        if (words.isPresent()) {
            try {
                vocabulary = Vocabulary.read(words.get());
            } catch (IOException e) {
                throw new VoiceUnavailableException("voice model at " + dir + " has an unreadable word list: "
                        + e.getMessage(), e);
            }
        }
        loadNativeLibrary();
        long started = System.nanoTime();
        Model model;
        try {
            model = new Model(dir.toString());
        } catch (IOException e) {
            throw new VoiceUnavailableException("voice model at " + dir + " cannot be loaded (damaged, or not a Vosk "
                    + "model): Vosk says '" + e.getMessage() + "' (its reason is in the log above); " + INSTALL_HINT, e);
        }
        LOG.info("Voice model {} loaded in {} ms ({})", dir, (System.nanoTime() - started) / 1_000_000,
                vocabulary == null ? "no words.txt: phrases are not checked" : vocabulary.size() + " words");
        return new VoskEngine(dir, model, vocabulary);
    }

    /** The files without which Vosk cannot load a model, in either of its two layouts. */
    static void checkLayout(Path dir) throws VoiceUnavailableException {
        if (!Files.isDirectory(dir)) {
            throw new VoiceUnavailableException("no voice model at " + dir + " (the folder does not exist); "
                    + INSTALL_HINT);
        }
        boolean v2 = Files.isDirectory(dir.resolve("am"));
        Path base = v2 ? dir.resolve("graph") : dir;
        List<String> missing = new ArrayList<>();
        require(dir, v2 ? "am/final.mdl" : "final.mdl", missing);
        require(dir, v2 ? "conf/mfcc.conf" : "mfcc.conf", missing);
        if (v2) {
            require(dir, "conf/model.conf", missing);
        }
        boolean hclg = Files.isRegularFile(base.resolve("HCLG.fst"));
        if (!hclg) {
            String prefix = v2 ? "graph/" : "";
            require(dir, prefix + "HCLr.fst", missing);
            require(dir, prefix + "Gr.fst", missing);
            require(dir, prefix + "disambig_tid.int", missing);
        }
        if (!missing.isEmpty()) {
            throw new VoiceUnavailableException("voice model at " + dir + " is incomplete: missing "
                    + String.join(", ", missing) + "; " + INSTALL_HINT);
        }
    }

    private static void require(Path dir, String file, List<String> missing) {
        Path path = dir.resolve(file);
        try {
            if (!Files.isRegularFile(path) || Files.size(path) == 0) {
                missing.add(file);
            }
        } catch (IOException e) {
            missing.add(file + " (" + e.getMessage() + ")");
        }
    }

    @Override
    public Optional<Vocabulary> vocabulary() {
        return Optional.ofNullable(vocabulary);
    }

    @Override
    public synchronized Recognizer recognizer(Grammar grammar) {
        ensureOpen();
        org.vosk.Recognizer recognizer = new org.vosk.Recognizer(model, Microphone.FORMAT.getSampleRate(),
                grammar.json());
        return track(recognizer);
    }

    @Override
    public synchronized Recognizer freeRecognizer() {
        ensureOpen();
        try {
            return track(new org.vosk.Recognizer(model, Microphone.FORMAT.getSampleRate()));
        } catch (IOException e) {
            throw new IllegalStateException("Vosk could not make a recognizer on " + modelDir + ": " + e.getMessage(),
                    e);
        }
    }

    private VoskRecognizer track(org.vosk.Recognizer native_) {
        native_.setWords(true);
        VoskRecognizer recognizer = new VoskRecognizer(native_);
        recognizers.add(recognizer);
        return recognizer;
    }

    @Override
    public String description() {
        return "Vosk model " + modelDir + (vocabulary == null ? "" : " (" + vocabulary.size() + " words)");
    }

    /** Closes every recognizer made here, then the model. Closing twice is safe. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        recognizers.forEach(VoskRecognizer::close);
        recognizers.clear();
        model.close();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the voice model " + modelDir + " has been closed");
        }
    }

    /**
     * Reads a Vosk result ({@code {"result":[{"conf":0.93,"word":"救命",...}],"text":"救命"}}). The
     * confidence is the mean of the words' {@code conf}; without words it is 0.
     */
    static Hypothesis parseResult(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            String text = root.path("text").asText("");
            JsonNode words = root.path("result");
            if (!words.isArray() || words.isEmpty()) {
                return new Hypothesis(text, 0);
            }
            double sum = 0;
            for (JsonNode word : words) {
                sum += word.path("conf").asDouble(0);
            }
            return new Hypothesis(text, Math.max(0, Math.min(1, sum / words.size())));
        } catch (IOException e) {
            throw new IllegalStateException("Vosk returned a result that is not JSON: " + json, e);
        }
    }

    static String parsePartial(String json) {
        try {
            return JSON.readTree(json).path("partial").asText("");
        } catch (IOException e) {
            throw new IllegalStateException("Vosk returned a partial result that is not JSON: " + json, e);
        }
    }

    /**
     * Joins the utterances Vosk's own end-pointing cut one spoken turn into ("叫 … 医生" after a
     * pause); the confidence is the mean over all their words.
     */
    static Hypothesis join(List<Hypothesis> parts) {
        List<Hypothesis> spoken = parts.stream().filter(part -> !part.text().isEmpty()).toList();
        if (spoken.isEmpty()) {
            return Hypothesis.NOTHING;
        }
        String text = String.join(" ", spoken.stream().map(Hypothesis::text).toList());
        double confidence = spoken.stream().mapToDouble(Hypothesis::confidence).average().orElse(0);
        return new Hypothesis(text, confidence);
    }

    /** One Vosk recognizer; see {@link Recognizer}. */
    private static final class VoskRecognizer implements Recognizer {

        private final org.vosk.Recognizer recognizer;
        private final List<Hypothesis> ended = new ArrayList<>();
        private boolean closed;

        VoskRecognizer(org.vosk.Recognizer recognizer) {
            this.recognizer = recognizer;
        }

        @Override
        public boolean accept(byte[] pcm, int length) {
            boolean endpoint = recognizer.acceptWaveForm(pcm, length);
            if (endpoint) {
                // Vosk keeps decoding the same utterance until its result is taken.
                ended.add(parseResult(recognizer.getResult()));
            }
            return endpoint;
        }

        @Override
        public String partial() {
            List<Hypothesis> parts = new ArrayList<>(ended);
            parts.add(new Hypothesis(parsePartial(recognizer.getPartialResult()), 0));
            return join(parts).text();
        }

        @Override
        public Hypothesis result() {
            List<Hypothesis> parts = new ArrayList<>(ended);
            ended.clear();
            // getFinalResult flushes what is still buffered; the next accept starts a new utterance.
            parts.add(parseResult(recognizer.getFinalResult()));
            return join(parts);
        }

        @Override
        public void reset() {
            ended.clear();
            recognizer.reset();
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                recognizer.close();
            }
        }
    }
}
