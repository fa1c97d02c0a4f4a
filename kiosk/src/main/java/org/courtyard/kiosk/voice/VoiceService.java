package org.courtyard.kiosk.voice;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.courtyard.hardware.AudioClip;
import org.courtyard.hardware.DeviceHealth;
import org.courtyard.hardware.Microphone;
import org.courtyard.hardware.Wav;
import org.courtyard.kiosk.core.VoiceActivity;
import org.courtyard.kiosk.voice.internal.EndOfSpeech;
import org.courtyard.kiosk.voice.internal.MemoQueue;
import org.courtyard.kiosk.voice.internal.RecognitionLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk's ears: one thread ({@code kiosk-voice}) that owns the microphone and the recognizers
 * and runs one thing at a time.
 *
 * <ul>
 *   <li><b>Push-to-talk</b> ({@link #listen}): captures until the speaker has been silent for
 *       {@code voice.end-silence-ms} after speaking, or {@code voice.max-listen-seconds} passed, or
 *       {@link #cancel()}; the recognizer is restricted to the command phrases plus {@code [unk]}.
 *       {@code [unk]}, words below {@code voice.min-confidence} and words naming no intent are not
 *       acted on; anything else goes to {@link Listener#heard}. What was heard so far is shown as
 *       it comes ({@link Listener#activity}).</li>
 *   <li><b>Voice memo</b> ({@link #recordMemo}): records up to {@code voice.memo.max-seconds},
 *       ending on silence, transcribes it with a free recognizer when a model is loaded, and puts it
 *       in the upload queue. Works without a model (no transcript) if there is a microphone.</li>
 *   <li><b>Always-on</b> ({@code voice.always-on=true}): between those, listens for the distress
 *       phrases only, while the kiosk itself is not speaking.</li>
 * </ul>
 *
 * Every recognition goes into the {@link RecognitionLog}. The model is loaded on the voice thread
 * at {@link #start()}, so a slow SD card does not hold up the kiosk; until then, and for good when
 * it fails, {@link #status()} says why voice is off. Recognizers are made once and reused; closing
 * the service closes them and the model.
 */
public final class VoiceService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VoiceService.class);
    private static final Duration LOG_WINDOW = Duration.ofHours(24);

    /** What the service tells the kiosk; called on the voice thread, keep it short. */
    public interface Listener {

        /** What to show on the LISTENING screen. */
        void activity(VoiceActivity activity);

        /** An utterance understood well enough to act on ({@code intent} is what it names). */
        void heard(String text, Intent intent);

        /** Push-to-talk ended without anything to act on. */
        void notUnderstood(boolean followUp);

        /** A memo for {@code requestId} was saved and queued for upload. */
        void memoSaved(UUID requestId);

        /** {@link #status()} changed. */
        void statusChanged(String status);

        /** Whether the kiosk is speaking now; always-on listening ignores what it hears meanwhile. */
        boolean speaking();
    }

    /** Loads the model; see {@link org.courtyard.kiosk.voice.internal.VoskEngine#load}. */
    @FunctionalInterface
    public interface EngineLoader {
        SpeechEngine load() throws VoiceUnavailableException;
    }

    private sealed interface Request permits Listen, Memo {
    }

    private record Listen(boolean followUp) implements Request {
    }

    private record Memo(UUID requestId) implements Request {
    }

    /** One capture, so that {@link #cancel()} can end it from another thread. */
    private static final class Session {
        volatile boolean cancelled;
        volatile Microphone.FrameStream stream;

        void cancel() {
            cancelled = true;
            Microphone.FrameStream open = stream;
            if (open != null) {
                open.close();
            }
        }
    }

    private final Microphone microphone;
    private final EngineLoader loader;
    private final PhraseBook phrases;
    private final IntentMatcher matcher;
    private final VoiceSettings settings;
    private final RecognitionLog log;
    private final MemoQueue memos;
    private final Listener listener;
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final Thread thread;

    private volatile String status;
    private volatile String vocabularyProblems = "";
    private volatile boolean engineReady;
    private volatile boolean closed;
    private volatile Session current;
    private long captureRetryAt;
    private SpeechEngine engine;
    private Recognizer commands;
    private Recognizer distress;
    private Recognizer free;

    /**
     * Voice until the model has loaded: off with the reason (no microphone, no model given), or
     * starting. The reason names the missing path or device.
     *
     * @param health the hardware's devices, for what is wrong with the microphone
     * @param modelDir the configured model folder, or null
     */
    public static String initialStatus(Microphone microphone, List<DeviceHealth> health, boolean withEngine,
            Path modelDir) {
        if (!microphone.available()) {
            String detail = health.stream()
                    .filter(device -> device.device().toLowerCase(Locale.ROOT).contains("microphone"))
                    .map(DeviceHealth::detail).findFirst().orElse("no audio input device");
            return "off: no microphone (" + detail + ")";
        }
        if (!withEngine) {
            return "off: no voice model given (--voice-model); voice memos are still recorded";
        }
        return modelDir == null ? "starting: loading the voice model"
                : "starting: loading the voice model from " + modelDir.toAbsolutePath().normalize();
    }

    /**
     * @param loader loads the model, or null when none was configured
     * @param initialStatus the status until the model has loaded, and for good without a loader or
     *     a microphone: says why voice is off (naming the missing path or device)
     */
    public VoiceService(Microphone microphone, EngineLoader loader, String initialStatus, PhraseBook phrases,
            VoiceSettings settings, RecognitionLog log, MemoQueue memos, Listener listener) {
        this.microphone = microphone;
        this.loader = loader;
        this.phrases = phrases;
        this.matcher = new IntentMatcher(phrases);
        this.settings = settings;
        this.log = log;
        this.memos = memos;
        this.listener = listener;
        this.status = initialStatus;
        this.thread = new Thread(this::run, "kiosk-voice");
        this.thread.setDaemon(true);
    }

    /** Loads the model (on the voice thread) and starts serving requests. */
    public void start() {
        thread.start();
    }

    /**
     * The state of voice for the status line: {@code ok}, {@code starting: …} while the model
     * loads, or {@code off: …} naming what is missing; followed by phrases the model cannot
     * recognise, if any.
     */
    public String status() {
        return status;
    }

    /** The status with the last 24 hours of the recognition log, for heartbeats (a short string). */
    public String heartbeatLine() {
        String line = status;
        if (engineReady) {
            line = "ok: " + log.summary(LOG_WINDOW).describe(LOG_WINDOW) + (vocabularyProblems.isEmpty() ? ""
                    : "; " + vocabularyProblems);
        }
        int waiting = memos.waiting();
        if (waiting > 0) {
            line += "; " + waiting + (waiting == 1 ? " voice memo" : " voice memos") + " waiting to upload";
        }
        return line.length() <= 500 ? line : line.substring(0, 497) + "...";
    }

    /** Whether push-to-talk can work now (model loaded, microphone present). */
    public boolean canListen() {
        return engineReady && microphone.available() && !closed;
    }

    /** Whether a memo can be recorded (a microphone is present; a model is not needed). */
    public boolean canRecordMemo() {
        return microphone.available() && !closed;
    }

    /**
     * Starts push-to-talk; {@code followUp} marks the answer to a read-back or a retry after "没听清".
     * Ignored when {@link #canListen()} is false.
     */
    public void listen(boolean followUp) {
        if (!canListen()) {
            LOG.info("Push-to-talk ignored: {}", status);
            return;
        }
        requests.removeIf(request -> request instanceof Listen);
        requests.add(new Listen(followUp));
    }

    /** Records a memo for {@code requestId}. Ignored when {@link #canRecordMemo()} is false. */
    public void recordMemo(UUID requestId) {
        if (!canRecordMemo()) {
            LOG.info("Voice memo not recorded: {}", status);
            return;
        }
        requests.add(new Memo(requestId));
    }

    /** Ends push-to-talk or a memo in progress without acting on it, and drops waiting ones. */
    public void cancel() {
        requests.clear();
        Session session = current;
        if (session != null) {
            session.cancel();
        }
    }

    private void run() {
        loadEngine();
        while (!closed) {
            try {
                // Always-on listening yields to a request within one chunk (about 100 ms); after a failed
                // capture it waits before trying the microphone again.
                boolean watch = distress != null && System.nanoTime() >= captureRetryAt;
                Request request = watch ? requests.poll() : requests.poll(1, TimeUnit.SECONDS);
                if (request == null) {
                    if (watch) {
                        watchForDistress();
                    }
                    continue;
                }
                if (request instanceof Listen listen) {
                    pushToTalk(listen.followUp());
                } else if (request instanceof Memo memo) {
                    memo(memo.requestId());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("Voice listening failed; voice goes on with the next request", e);
                listener.activity(VoiceActivity.IDLE);
            }
        }
    }

    private void loadEngine() {
        if (loader == null || !microphone.available()) {
            if (!microphone.available()) {
                LOG.warn("Voice is off: no microphone");
            }
            listener.statusChanged(status);
            return;
        }
        try {
            engine = loader.load();
            Grammar grammar = Grammar.build(phrases, EnumSet.allOf(Intent.class), engine.vocabulary().orElse(null));
            vocabularyProblems = grammar.problems();
            if (!vocabularyProblems.isEmpty()) {
                LOG.warn("Voice: {}", vocabularyProblems);
            }
            if (!grammar.checked()) {
                LOG.warn("Voice: the model has no words.txt; the command phrases cannot be checked against it");
            }
            commands = engine.recognizer(grammar);
            free = engine.freeRecognizer();
            if (settings.alwaysOn()) {
                Grammar distressGrammar = grammar.restrictedTo(settings.distressPhrases());
                if (distressGrammar.phrases().isEmpty()) {
                    LOG.warn("Voice: always-on listening is off: none of {} is a phrase the model knows",
                            settings.distressPhrases());
                } else {
                    distress = engine.recognizer(distressGrammar);
                }
            }
            engineReady = true;
            status = "ok" + (vocabularyProblems.isEmpty() ? "" : "; " + vocabularyProblems);
            LOG.info("Voice is on: {}, {} command phrases{}", engine.description(), grammar.phrases().size(),
                    distress == null ? "" : ", always-on for " + settings.distressPhrases());
        } catch (VoiceUnavailableException e) {
            status = "off: " + e.getMessage();
            LOG.warn("Voice is off: {}", e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            status = "off: the voice model failed to load: " + e;
            LOG.error("Voice is off: the model failed to load", e);
        }
        listener.statusChanged(status);
    }

    private Microphone.FrameStream open(Session session) {
        try {
            Microphone.FrameStream stream = microphone.open();
            session.stream = stream;
            if (session.cancelled) {
                stream.close();
            }
            return stream;
        } catch (IllegalStateException e) {
            LOG.warn("Cannot capture from the microphone: {}", e.getMessage());
            return null;
        }
    }

    private void pushToTalk(boolean followUp) throws InterruptedException {
        Session session = new Session();
        current = session;
        commands.reset();
        listener.activity(new VoiceActivity(VoiceActivity.Phase.LISTENING, ""));
        EndOfSpeech detector = new EndOfSpeech(settings.speechLevelDb(), settings.endSilence(), settings.maxListen());
        ByteArrayOutputStream audio = settings.keepAudio() ? new ByteArrayOutputStream() : null;
        String shown = "";
        long endOfSpeech;
        try (Microphone.FrameStream stream = open(session)) {
            if (stream == null) {
                listener.activity(VoiceActivity.IDLE);
                listener.notUnderstood(true);
                return;
            }
            byte[] chunk;
            while ((chunk = stream.next()) != null) {
                if (audio != null) {
                    audio.write(chunk, 0, chunk.length);
                }
                commands.accept(chunk, chunk.length);
                String partial = display(commands.partial());
                if (!partial.equals(shown)) {
                    shown = partial;
                    listener.activity(new VoiceActivity(VoiceActivity.Phase.LISTENING, partial));
                }
                if (detector.add(chunk, chunk.length) != EndOfSpeech.Decision.CONTINUE) {
                    break;
                }
            }
            endOfSpeech = System.nanoTime();
        } finally {
            current = null;
        }
        if (session.cancelled) {
            commands.reset();
            listener.activity(VoiceActivity.IDLE);
            LOG.info("Push-to-talk cancelled");
            return;
        }
        byte[] wav = audio == null ? null : Wav.write(AudioClip.pcm("recognition", Microphone.FORMAT, audio.toByteArray()));
        if (!detector.speechStarted()) {
            commands.reset();
            log.add(RecognitionLog.Mode.COMMAND, "", 0, null, RecognitionLog.Outcome.NO_SPEECH, null, wav);
            listener.activity(new VoiceActivity(VoiceActivity.Phase.NOT_UNDERSTOOD, ""));
            listener.notUnderstood(followUp);
            return;
        }
        Hypothesis heard = commands.result();
        Optional<Intent> intent = matcher.match(heard.text());
        RecognitionLog.Outcome outcome = classify(heard, intent);
        long latencyMs = (System.nanoTime() - endOfSpeech) / 1_000_000;
        log.add(RecognitionLog.Mode.COMMAND, heard.text(), heard.confidence(), intent.orElse(null), outcome, latencyMs,
                wav);
        LOG.info("Heard '{}' (confidence {}) -> {} in {} ms after the end of speech", heard.text(),
                String.format("%.2f", heard.confidence()), outcome == RecognitionLog.Outcome.ACCEPTED
                        ? intent.orElseThrow() : outcome, latencyMs);
        if (outcome == RecognitionLog.Outcome.ACCEPTED) {
            listener.activity(new VoiceActivity(VoiceActivity.Phase.HEARD, display(heard.text())));
            listener.heard(heard.text(), intent.orElseThrow());
        } else {
            listener.activity(new VoiceActivity(VoiceActivity.Phase.NOT_UNDERSTOOD, display(heard.text())));
            listener.notUnderstood(followUp);
        }
    }

    private RecognitionLog.Outcome classify(Hypothesis heard, Optional<Intent> intent) {
        if (heard.unknown()) {
            return RecognitionLog.Outcome.UNKNOWN;
        }
        if (heard.confidence() < settings.minConfidence()) {
            return RecognitionLog.Outcome.LOW_CONFIDENCE;
        }
        return intent.isPresent() ? RecognitionLog.Outcome.ACCEPTED : RecognitionLog.Outcome.UNMATCHED;
    }

    private void memo(UUID requestId) throws InterruptedException {
        Session session = new Session();
        current = session;
        if (free != null) {
            free.reset();
        }
        listener.activity(new VoiceActivity(VoiceActivity.Phase.RECORDING_MEMO, ""));
        EndOfSpeech detector = new EndOfSpeech(settings.speechLevelDb(), settings.memoEndSilence(),
                settings.memoMax());
        long maxBytes = settings.memoMax().toMillis() * 32;
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        try (Microphone.FrameStream stream = open(session)) {
            if (stream == null) {
                listener.activity(VoiceActivity.IDLE);
                return;
            }
            byte[] chunk;
            while (pcm.size() < maxBytes && (chunk = stream.next()) != null) {
                int length = (int) Math.min(chunk.length, maxBytes - pcm.size());
                pcm.write(chunk, 0, length);
                if (free != null) {
                    free.accept(chunk, length);
                }
                if (detector.add(chunk, length) != EndOfSpeech.Decision.CONTINUE) {
                    break;
                }
            }
        } finally {
            current = null;
        }
        if (session.cancelled || !detector.speechStarted()) {
            if (free != null) {
                free.reset();
            }
            LOG.info("Voice memo for help request {} {}", requestId, session.cancelled ? "cancelled"
                    : "not kept: nobody spoke");
            listener.activity(VoiceActivity.IDLE);
            return;
        }
        Hypothesis transcript = free == null ? Hypothesis.NOTHING : free.result();
        AudioClip clip = AudioClip.pcm("memo-" + requestId, Microphone.FORMAT, pcm.toByteArray());
        try {
            memos.save(requestId, Wav.write(clip), clip.duration().toMillis(),
                    transcript.unknown() ? null : display(transcript.text()));
        } catch (IOException e) {
            LOG.error("Cannot save the voice memo for help request {}", requestId, e);
            listener.activity(VoiceActivity.IDLE);
            return;
        }
        if (free != null) {
            log.add(RecognitionLog.Mode.MEMO, transcript.text(), transcript.confidence(), null,
                    RecognitionLog.Outcome.TRANSCRIBED, null, null);
        }
        LOG.info("Voice memo for help request {} saved: {} ms, transcript '{}'", requestId,
                clip.duration().toMillis(), transcript.text());
        listener.activity(new VoiceActivity(VoiceActivity.Phase.MEMO_SAVED, display(transcript.text())));
        listener.memoSaved(requestId);
    }

    /** Listens for distress phrases until a request arrives or the service closes. */
    private void watchForDistress() throws InterruptedException {
        Session session = new Session();
        current = session;
        distress.reset();
        try (Microphone.FrameStream stream = open(session)) {
            if (stream == null) {
                captureRetryAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                return;
            }
            byte[] chunk;
            while (!closed && requests.isEmpty() && (chunk = stream.next()) != null) {
                if (listener.speaking()) {
                    distress.reset();
                    continue;
                }
                if (distress.accept(chunk, chunk.length)) {
                    Hypothesis heard = distress.result();
                    if (heard.unknown()) {
                        continue;
                    }
                    Optional<Intent> intent = matcher.match(heard.text());
                    RecognitionLog.Outcome outcome = intent.filter(found -> found == Intent.HELP).isPresent()
                            ? classify(heard, intent) : RecognitionLog.Outcome.UNMATCHED;
                    log.add(RecognitionLog.Mode.DISTRESS, heard.text(), heard.confidence(), intent.orElse(null), outcome,
                            null, null);
                    if (outcome == RecognitionLog.Outcome.ACCEPTED) {
                        LOG.info("Always-on listening heard '{}' ({})", heard.text(), heard.confidence());
                        listener.heard(heard.text(), Intent.HELP);
                    }
                }
            }
        } finally {
            current = null;
        }
    }

    /** Vosk's Chinese words without the spaces between them, and without {@code [unk]}. */
    static String display(String text) {
        return text.replace(Grammar.UNKNOWN, " ").strip().replaceAll("(?<=\\p{IsHan})\\s+(?=\\p{IsHan})", "")
                .replaceAll("\\s+", " ");
    }

    /** Stops listening, then closes the recognizers and the model. Closing twice is safe. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        cancel();
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Recognizer recognizer : new Recognizer[] {commands, distress, free}) {
            if (recognizer != null) {
                recognizer.close();
            }
        }
        if (engine != null) {
            engine.close();
        }
    }
}
