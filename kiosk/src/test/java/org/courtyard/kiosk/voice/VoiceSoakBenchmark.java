package org.courtyard.kiosk.voice;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.courtyard.hardware.AudioClip;
import org.courtyard.kiosk.core.VoiceActivity;
import org.courtyard.kiosk.help.HelpStore;
import org.courtyard.kiosk.store.KioskStore;
import org.courtyard.kiosk.voice.internal.MemoQueue;
import org.courtyard.kiosk.voice.internal.RecognitionLog;
import org.courtyard.kiosk.voice.internal.VoskEngine;

/**
 * Benchmark harness (docs/benchmarks.md, {@code ./courtyard bench voice-soak [MINUTES]}): with a
 * Vosk model installed ({@code VOSK_MODEL=DIR}), runs push-to-talk recognitions back to back for
 * MINUTES (default 30) through the real pipeline — Mandarin by espeak-ng through the hardware
 * module's capture code, end-of-speech detection, the Vosk recognizer (made once, reused), the
 * recognition log — and prints the time from the end of speech to the intent (p50, p99, max), the
 * share recognised as the phrase spoken, and the process's resident memory each minute. It fails
 * (exit 1) if resident memory in the last third of the run is more than 10% above the first third's
 * end: recognizers that are not reused or closed leak native memory. Without a model it prints why
 * it skipped and exits 0.
 */
public final class VoiceSoakBenchmark {

    private static final String[] SAID = {"救命", "我不舒服", "报平安", "听通知", "再说一遍", "取消", "是的", "不要"};

    private VoiceSoakBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Duration length = Duration.ofMinutes(args.length > 0 ? Long.parseLong(args[0]) : 30);
        System.exit(run(length, out));
    }

    /** Why the harness cannot run here, or empty when it can. */
    public static String unavailable() {
        String model = System.getenv("VOSK_MODEL");
        if (model == null || model.isBlank()) {
            return "skipped: no Vosk model (set VOSK_MODEL to a model folder, e.g. /opt/courtyard/vosk-model-small-cn-0.22"
                    + " as installed by deploy/voice/install-voice.sh)";
        }
        if (!Files.isDirectory(Path.of(model))) {
            return "skipped: VOSK_MODEL=" + model + " is not a folder";
        }
        if (!TestAudio.espeak()) {
            return "skipped: espeak-ng is not installed (apt-get install espeak-ng) to speak the test phrases";
        }
        return "";
    }

    /** Runs for {@code length}; returns the exit code. */
    public static int run(Duration length, PrintStream out) throws Exception {
        String why = unavailable();
        if (!why.isEmpty()) {
            out.println("voice-soak " + why);
            return 0;
        }
        Path model = Path.of(System.getenv("VOSK_MODEL"));
        Path data = Files.createTempDirectory("voice-soak");
        List<AudioClip> clips = new ArrayList<>();
        for (String said : SAID) {
            clips.add(TestAudio.utterance(said));
        }
        ScriptedInput input = new ScriptedInput();
        Semaphore done = new Semaphore(0);
        List<String> heard = new ArrayList<>();
        try (KioskStore store = KioskStore.open(data)) {
            RecognitionLog log = new RecognitionLog(store, data.resolve("voice-log"), 100_000, Clock.systemUTC());
            VoiceService voice = new VoiceService(input.microphone(), () -> VoskEngine.load(model), "starting",
                    PhraseBook.builtIn(), VoiceSettings.from(Map.of()), log,
                    new MemoQueue(store, data.resolve("memos"), Clock.systemUTC(), new HelpStore(store)::delivered), new VoiceService.Listener() {
                        @Override
                        public void activity(VoiceActivity activity) {
                        }

                        @Override
                        public void heard(String text, Intent intent) {
                            synchronized (heard) {
                                heard.add(intent.name());
                            }
                            done.release();
                        }

                        @Override
                        public void notUnderstood(boolean followUp) {
                            synchronized (heard) {
                                heard.add("-");
                            }
                            done.release();
                        }

                        @Override
                        public void memoSaved(UUID requestId) {
                        }

                        @Override
                        public void statusChanged(String status) {
                            out.println("voice: " + status);
                            done.release();
                        }

                        @Override
                        public boolean speaking() {
                            return false;
                        }
                    });
            voice.start();
            done.acquire();
            if (!voice.canListen()) {
                out.println("voice-soak failed: " + voice.status());
                voice.close();
                return 1;
            }
            IntentMatcher matcher = new IntentMatcher(PhraseBook.builtIn());
            long started = System.nanoTime();
            long nextSample = started;
            List<Long> rssKb = new ArrayList<>();
            int rounds = 0;
            int correct = 0;
            while (System.nanoTime() - started < length.toNanos()) {
                int index = rounds % SAID.length;
                input.then(clips.get(index));
                voice.listen(false);
                if (!done.tryAcquire(60, TimeUnit.SECONDS)) {
                    out.println("voice-soak failed: no answer within 60 s in round " + rounds);
                    voice.close();
                    return 1;
                }
                synchronized (heard) {
                    String expected = matcher.match(SAID[index]).orElseThrow().name();
                    if (heard.get(heard.size() - 1).equals(expected)) {
                        correct++;
                    }
                }
                rounds++;
                if (System.nanoTime() >= nextSample) {
                    long rss = residentKb();
                    rssKb.add(rss);
                    out.printf(Locale.ROOT, "minute %d: %d recognitions, resident memory %d MiB%n", rssKb.size() - 1,
                            rounds, rss / 1024);
                    nextSample += TimeUnit.MINUTES.toNanos(1);
                }
            }
            voice.close();
            long[] latencies = log.recent(Integer.MAX_VALUE).stream().map(RecognitionLog.Entry::latencyMs)
                    .filter(latency -> latency != null).mapToLong(Long::longValue).sorted().toArray();
            out.printf(Locale.ROOT, "voice-soak: %d recognitions in %d min, %.1f%% recognised as the phrase spoken%n",
                    rounds, length.toMinutes(), 100.0 * correct / Math.max(1, rounds));
            out.printf(Locale.ROOT, "end of speech to intent: p50 %d ms, p99 %d ms, max %d ms%n",
                    percentile(latencies, 50), percentile(latencies, 99),
                    latencies.length == 0 ? -1 : latencies[latencies.length - 1]);
            out.println("resident memory per minute (MiB): " + Arrays.toString(rssKb.stream().mapToLong(kb -> kb / 1024)
                    .toArray()));
            if (rssKb.size() >= 3) {
                long early = rssKb.get(rssKb.size() / 3);
                long late = rssKb.stream().skip(2L * rssKb.size() / 3).mapToLong(Long::longValue).max().orElse(early);
                boolean grows = late > early * 1.10;
                out.printf(Locale.ROOT, "memory: %d MiB after the first third, at most %d MiB in the last third: %s%n",
                        early / 1024, late / 1024, grows ? "GROWS" : "steady");
                return grows ? 1 : 0;
            }
            return 0;
        }
    }

    private static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return -1;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }

    /** VmRSS of this process from /proc (Linux), in KiB. */
    static long residentKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS in /proc/self/status");
    }
}
