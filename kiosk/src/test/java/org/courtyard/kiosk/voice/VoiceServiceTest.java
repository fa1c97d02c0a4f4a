package org.courtyard.kiosk.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.courtyard.hardware.AudioClip;
import org.courtyard.hardware.Microphone;
import org.courtyard.hardware.Wav;
import org.courtyard.kiosk.core.VoiceActivity;
import org.courtyard.kiosk.help.HelpStore;
import org.courtyard.kiosk.store.KioskStore;
import org.courtyard.kiosk.voice.internal.MemoQueue;
import org.courtyard.kiosk.voice.internal.RecognitionLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The listening pipeline: real audio frames (espeak-ng Mandarin, or voiced bursts) through the
 * hardware module's real microphone and frame stream, end-of-speech detection, a scripted
 * recognizer standing in for Vosk, the recognition log and the memo queue.
 */
class VoiceServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final ScriptedInput input = new ScriptedInput();
    private final List<Object> events = new CopyOnWriteArrayList<>();
    private KioskStore store;
    private ScriptedEngine engine;
    private VoiceService voice;
    private RecognitionLog log;
    private MemoQueue memos;
    private volatile boolean speaking;
    private final java.util.concurrent.atomic.AtomicInteger askedSpeaking = new java.util.concurrent.atomic.AtomicInteger();

    record Heard(String text, Intent intent) {
    }

    record NotUnderstood(boolean followUp) {
    }

    record MemoSaved(UUID id) {
    }

    record Status(String status) {
    }

    private VoiceService start(Map<String, String> settings, VoiceService.EngineLoader loader) throws Exception {
        store = KioskStore.open(dir.resolve("data"));
        log = new RecognitionLog(store, dir.resolve("voice-log"), 100, Clock.systemUTC());
        memos = new MemoQueue(store, dir.resolve("memos"), Clock.systemUTC(), new HelpStore(store)::delivered);
        voice = new VoiceService(input.microphone(), loader, loader == null ? "off: no voice model given" : "starting",
                PhraseBook.builtIn(), VoiceSettings.from(settings), log, memos, new VoiceService.Listener() {
                    @Override
                    public void activity(VoiceActivity activity) {
                        events.add(activity);
                    }

                    @Override
                    public void heard(String text, Intent intent) {
                        events.add(new Heard(text, intent));
                    }

                    @Override
                    public void notUnderstood(boolean followUp) {
                        events.add(new NotUnderstood(followUp));
                    }

                    @Override
                    public void memoSaved(UUID requestId) {
                        events.add(new MemoSaved(requestId));
                    }

                    @Override
                    public void statusChanged(String status) {
                        events.add(new Status(status));
                    }

                    @Override
                    public boolean speaking() {
                        askedSpeaking.incrementAndGet();
                        return speaking;
                    }
                });
        voice.start();
        await().atMost(WAIT).until(() -> events.stream().anyMatch(Status.class::isInstance));
        return voice;
    }

    private VoiceService startWithEngine(Map<String, String> settings) throws Exception {
        return start(settings, () -> engine);
    }

    @org.junit.jupiter.api.BeforeEach
    void engine() throws Exception {
        engine = new ScriptedEngine(GrammarTest.fixture());
    }

    @AfterEach
    void close() {
        if (voice != null) {
            voice.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private long grammarFed() {
        return engine.made().stream().filter(r -> r.kind().equals("grammar")).findFirst().orElseThrow().fed();
    }

    @Test
    void push_to_talk_ends_after_the_speaker_stops_and_hands_on_what_was_heard() throws Exception {
        AudioClip speech = TestAudio.speech("救命");
        AudioClip said = TestAudio.join(TestAudio.silence(300), speech, TestAudio.silence(5_000));
        input.then(said);
        startWithEngine(Map.of());
        engine.hears("救命", 0.93);

        voice.listen(false);

        await().atMost(WAIT).until(() -> events.contains(new Heard("救命", Intent.HELP)));
        assertThat(events).contains(new VoiceActivity(VoiceActivity.Phase.LISTENING, ""),
                new VoiceActivity(VoiceActivity.Phase.HEARD, "救命"));
        // It stopped listening about 1.2 s after the words, long before the recording ran out.
        long heardMillis = grammarFed() / 32;
        assertThat(heardMillis).isLessThan(said.duration().toMillis() - 2_000)
                .isGreaterThanOrEqualTo(300 + speech.duration().toMillis() + 1_000);
        RecognitionLog.Entry entry = log.recent(1).get(0);
        assertThat(entry.mode()).isEqualTo(RecognitionLog.Mode.COMMAND);
        assertThat(entry.text()).isEqualTo("救命");
        assertThat(entry.confidence()).isEqualTo(0.93);
        assertThat(entry.intent()).isEqualTo(Intent.HELP);
        assertThat(entry.outcome()).isEqualTo(RecognitionLog.Outcome.ACCEPTED);
        assertThat(entry.latencyMs()).isNotNull().isLessThan(1_000);
    }

    @Test
    void the_grammar_is_the_command_phrases_in_the_models_words_plus_unk() throws Exception {
        startWithEngine(Map.of());

        assertThat(engine.grammars()).singleElement().satisfies(grammar -> {
            assertThat(grammar.phrases()).contains("救命", "我 不舒服", "报平安");
            assertThat(grammar.json()).endsWith("\"[unk]\"]");
        });
        assertThat(voice.status()).isEqualTo("ok");
        assertThat(voice.canListen()).isTrue();
    }

    @Test
    void nobody_speaking_ends_push_to_talk_after_the_longest_listen() throws Exception {
        input.then(TestAudio.silence(12_000));
        startWithEngine(Map.of("voice.max-listen-seconds", "8"));

        voice.listen(false);

        await().atMost(WAIT).until(() -> events.contains(new NotUnderstood(false)));
        assertThat(grammarFed()).isBetween(8_000L * 32, 8_100L * 32);
        assertThat(events).noneMatch(Heard.class::isInstance);
        assertThat(log.recent(1)).singleElement()
                .satisfies(entry -> assertThat(entry.outcome()).isEqualTo(RecognitionLog.Outcome.NO_SPEECH));
    }

    @Test
    void unknown_words_and_unsure_results_are_not_acted_on() throws Exception {
        input.then(TestAudio.utterance("今天天气很好")).then(TestAudio.utterance("报平安"));
        startWithEngine(Map.of("voice.min-confidence", "0.6"));
        engine.hears("[unk]", 0.9).hears("报 平安", 0.35);

        voice.listen(false);
        await().atMost(WAIT).until(() -> events.contains(new NotUnderstood(false)));
        voice.listen(true);
        await().atMost(WAIT).until(() -> events.contains(new NotUnderstood(true)));

        assertThat(events).noneMatch(Heard.class::isInstance);
        assertThat(events).contains(new VoiceActivity(VoiceActivity.Phase.NOT_UNDERSTOOD, ""),
                new VoiceActivity(VoiceActivity.Phase.NOT_UNDERSTOOD, "报平安"));
        assertThat(log.recent(2)).extracting(RecognitionLog.Entry::outcome)
                .containsExactly(RecognitionLog.Outcome.LOW_CONFIDENCE, RecognitionLog.Outcome.UNKNOWN);
        assertThat(log.summary(Duration.ofHours(24)).describe(Duration.ofHours(24)))
                .startsWith("2 recognitions in 24 h, 2 not understood, mean confidence 0.63");
    }

    @Test
    void cancel_ends_push_to_talk_without_acting() throws Exception {
        input.hold(TestAudio.join(TestAudio.silence(200), TestAudio.speech("报平安")));
        startWithEngine(Map.of("voice.max-listen-seconds", "30", "voice.end-silence-ms", "20000"));
        engine.hears("报 平安", 0.9);

        voice.listen(false);
        await().atMost(WAIT).until(() -> events.contains(new VoiceActivity(VoiceActivity.Phase.LISTENING, "报平安")));
        voice.cancel();

        await().atMost(WAIT).until(() -> events.get(events.size() - 1).equals(VoiceActivity.IDLE));
        assertThat(events).noneMatch(Heard.class::isInstance).noneMatch(NotUnderstood.class::isInstance);
        assertThat(log.size()).isZero();
    }

    @Test
    void a_memo_is_recorded_until_the_speaker_stops_transcribed_and_queued() throws Exception {
        AudioClip words = TestAudio.speech("我摔倒了，腿很疼");
        input.then(TestAudio.join(TestAudio.silence(500), words, TestAudio.silence(10_000)));
        startWithEngine(Map.of("voice.memo.end-silence-ms", "3000"));
        engine.transcribes("我 摔倒 了 腿 很 疼", 0.7);
        UUID request = UUID.randomUUID();

        voice.recordMemo(request);

        await().atMost(WAIT).until(() -> events.contains(new MemoSaved(request)));
        MemoQueue.Memo memo = memos.memo(request).orElseThrow();
        assertThat(memo.transcript()).isEqualTo("我摔倒了腿很疼");
        AudioClip stored = Wav.read(memos.fileOf(memo));
        assertThat(stored.format().matches(Microphone.FORMAT)).isTrue();
        // The words and three seconds of silence after them (to the chunk), not the whole ten seconds.
        assertThat(stored.duration().toMillis()).isBetween(500 + words.duration().toMillis() + 2_900,
                500 + words.duration().toMillis() + 3_300);
        assertThat(memo.bytes()).isEqualTo(Files.size(memos.fileOf(memo)));
        assertThat(events).contains(new VoiceActivity(VoiceActivity.Phase.RECORDING_MEMO, ""),
                new VoiceActivity(VoiceActivity.Phase.MEMO_SAVED, "我摔倒了腿很疼"));
        assertThat(log.recent(1)).singleElement()
                .satisfies(entry -> assertThat(entry.mode()).isEqualTo(RecognitionLog.Mode.MEMO));
    }

    @Test
    void a_memo_is_cut_at_its_longest_length() throws Exception {
        input.then(TestAudio.join(TestAudio.speech("我摔倒了"), TestAudio.burst(3_000), TestAudio.burst(3_000)));
        startWithEngine(Map.of("voice.memo.max-seconds", "2"));
        UUID request = UUID.randomUUID();

        voice.recordMemo(request);

        await().atMost(WAIT).until(() -> events.contains(new MemoSaved(request)));
        assertThat(memos.memo(request).orElseThrow().durationMs()).isEqualTo(2_000);
    }

    @Test
    void without_a_model_memos_are_still_recorded_without_a_transcript() throws Exception {
        input.then(TestAudio.utterance("我摔倒了"));
        start(Map.of(), null);
        UUID request = UUID.randomUUID();

        assertThat(voice.canListen()).isFalse();
        assertThat(voice.status()).isEqualTo("off: no voice model given");
        voice.listen(false);
        voice.recordMemo(request);

        await().atMost(WAIT).until(() -> events.contains(new MemoSaved(request)));
        assertThat(memos.memo(request).orElseThrow().transcript()).isNull();
        assertThat(input.opened()).isEqualTo(1);
    }

    @Test
    void a_model_that_cannot_load_turns_voice_off_with_the_reason() throws Exception {
        start(Map.of(), () -> {
            throw new VoiceUnavailableException("no voice model at /opt/vosk (the folder does not exist)");
        });

        assertThat(voice.status()).isEqualTo("off: no voice model at /opt/vosk (the folder does not exist)");
        assertThat(voice.canListen()).isFalse();
        assertThat(voice.heartbeatLine()).isEqualTo(voice.status());
    }

    @Test
    void always_on_hears_a_distress_phrase_while_the_kiosk_is_quiet() throws Exception {
        input.hold(TestAudio.join(TestAudio.silence(1_000), TestAudio.speech("救命"), TestAudio.silence(1_500)));
        engine.hears("救命", 0.95);
        startWithEngine(Map.of("voice.always-on", "true"));

        await().atMost(WAIT).until(() -> events.contains(new Heard("救命", Intent.HELP)));
        assertThat(engine.grammars()).hasSize(2);
        assertThat(engine.grammars().get(1).json()).isEqualTo("[\"救命\", \"来人 啊\", \"[unk]\"]");
        assertThat(log.recent(1).get(0).mode()).isEqualTo(RecognitionLog.Mode.DISTRESS);
    }

    @Test
    void always_on_ignores_what_it_hears_while_the_kiosk_speaks() throws Exception {
        speaking = true;
        AudioClip said = TestAudio.join(TestAudio.silence(500), TestAudio.speech("救命"), TestAudio.silence(1_500));
        input.hold(said);
        engine.hears("救命", 0.95);
        startWithEngine(Map.of("voice.always-on", "true"));

        // Every 100 ms chunk of the recording has been taken from the microphone and passed over.
        long chunks = said.duration().toMillis() / 100;
        await().atMost(WAIT).until(() -> askedSpeaking.get() >= chunks);

        ScriptedEngine.ScriptedRecognizer distress = engine.made().get(2);
        assertThat(distress.fed()).isZero();
        assertThat(events).noneMatch(Heard.class::isInstance);
    }

    @Test
    void recognizers_are_made_once_reused_and_closed_with_the_model() throws Exception {
        input.then(TestAudio.utterance("救命")).then(TestAudio.utterance("救命")).then(TestAudio.utterance("救命"));
        startWithEngine(Map.of());
        engine.hears("救命", 0.9).hears("救命", 0.9).hears("救命", 0.9);

        for (int i = 1; i <= 3; i++) {
            voice.listen(false);
            int heard = i;
            await().atMost(WAIT).until(() -> events.stream().filter(Heard.class::isInstance).count() == heard);
        }
        voice.close();

        assertThat(engine.made()).hasSize(2).allMatch(ScriptedEngine.ScriptedRecognizer::closed);
        assertThat(engine.closed()).isTrue();
    }
}
