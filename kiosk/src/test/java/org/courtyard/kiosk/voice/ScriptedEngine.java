package org.courtyard.kiosk.voice;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.courtyard.kiosk.voice.internal.EndOfSpeech;

/**
 * A hand-written stand-in for Vosk (no model can be downloaded here): its recognizers "hear"
 * whatever is scripted, but only once they have been fed voiced audio, so a test shows that real
 * frames went through. Like Vosk's end-pointing, {@code accept} says an utterance ended after
 * 500 ms of quiet following voice. Records what was made and closed.
 */
public final class ScriptedEngine implements SpeechEngine {

    private final BlockingQueue<Hypothesis> commands = new LinkedBlockingQueue<>();
    private final BlockingQueue<Hypothesis> transcripts = new LinkedBlockingQueue<>();
    private final List<ScriptedRecognizer> made = new CopyOnWriteArrayList<>();
    private final List<Grammar> grammars = new CopyOnWriteArrayList<>();
    private final Vocabulary vocabulary;
    private volatile boolean closed;

    public ScriptedEngine(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    /** The next grammar-restricted result. */
    public ScriptedEngine hears(String text, double confidence) {
        commands.add(new Hypothesis(text, confidence));
        return this;
    }

    /** The next free-speech (memo) result. */
    public ScriptedEngine transcribes(String text, double confidence) {
        transcripts.add(new Hypothesis(text, confidence));
        return this;
    }

    public List<ScriptedRecognizer> made() {
        return List.copyOf(made);
    }

    public List<Grammar> grammars() {
        return List.copyOf(grammars);
    }

    public boolean closed() {
        return closed;
    }

    @Override
    public java.util.Optional<Vocabulary> vocabulary() {
        return java.util.Optional.ofNullable(vocabulary);
    }

    @Override
    public Recognizer recognizer(Grammar grammar) {
        grammars.add(grammar);
        ScriptedRecognizer recognizer = new ScriptedRecognizer(commands, "grammar");
        made.add(recognizer);
        return recognizer;
    }

    @Override
    public Recognizer freeRecognizer() {
        ScriptedRecognizer recognizer = new ScriptedRecognizer(transcripts, "free");
        made.add(recognizer);
        return recognizer;
    }

    @Override
    public String description() {
        return "scripted test engine";
    }

    @Override
    public void close() {
        closed = true;
    }

    /** See {@link ScriptedEngine}. */
    public static final class ScriptedRecognizer implements Recognizer {

        private static final int VOICED_MILLIS = 200;
        private final BlockingQueue<Hypothesis> script;
        private final String kind;
        private final AtomicLong fed = new AtomicLong();
        private final List<Hypothesis> ended = new ArrayList<>();
        private long voicedMillis;
        private long quietMillis;
        private volatile boolean closed;

        ScriptedRecognizer(BlockingQueue<Hypothesis> script, String kind) {
            this.script = script;
            this.kind = kind;
        }

        /** Bytes of audio fed since it was made. */
        public long fed() {
            return fed.get();
        }

        public String kind() {
            return kind;
        }

        public boolean closed() {
            return closed;
        }

        @Override
        public synchronized boolean accept(byte[] pcm, int length) {
            if (closed) {
                throw new IllegalStateException("accept on a closed recognizer");
            }
            fed.addAndGet(length);
            long millis = length / 32;
            if (EndOfSpeech.levelDb(pcm, length) > -40) {
                voicedMillis += millis;
                quietMillis = 0;
                return false;
            }
            quietMillis += millis;
            if (voicedMillis >= VOICED_MILLIS && quietMillis >= 500) {
                voicedMillis = 0;
                Hypothesis next = script.poll();
                ended.add(next == null ? new Hypothesis("[unk]", 1) : next);
                return true;
            }
            return false;
        }

        @Override
        public synchronized String partial() {
            Hypothesis next = ended.isEmpty() ? script.peek() : ended.get(ended.size() - 1);
            return voicedMillis >= VOICED_MILLIS || !ended.isEmpty() ? (next == null ? "" : next.text()) : "";
        }

        @Override
        public synchronized Hypothesis result() {
            Hypothesis result;
            if (!ended.isEmpty()) {
                result = ended.remove(0);
                ended.clear();
            } else if (voicedMillis >= VOICED_MILLIS) {
                Hypothesis next = script.poll();
                result = next == null ? new Hypothesis("[unk]", 1) : next;
            } else {
                result = Hypothesis.NOTHING;
            }
            voicedMillis = 0;
            quietMillis = 0;
            return result;
        }

        @Override
        public synchronized void reset() {
            ended.clear();
            voicedMillis = 0;
            quietMillis = 0;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
