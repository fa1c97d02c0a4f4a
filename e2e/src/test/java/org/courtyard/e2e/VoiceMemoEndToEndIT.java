package org.courtyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.courtyard.hardware.AudioClip;
import org.courtyard.hardware.Hardware;
import org.courtyard.hardware.HardwareFactory;
import org.courtyard.hardware.Microphone;
import org.courtyard.hardware.Wav;
import org.courtyard.kiosk.Kiosk;
import org.courtyard.kiosk.KioskConfig;
import org.courtyard.kiosk.core.LinkState;
import org.courtyard.kiosk.core.LocalHelpStatus;
import org.courtyard.kiosk.store.KioskStore;
import org.courtyard.kiosk.voice.Grammar;
import org.courtyard.kiosk.voice.Hypothesis;
import org.courtyard.kiosk.voice.Recognizer;
import org.courtyard.kiosk.voice.SpeechEngine;
import org.courtyard.kiosk.voice.Vocabulary;
import org.courtyard.protocol.HelpSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A voice memo from the kiosk to the staff: a real hub process on port 0, a kiosk in this JVM with
 * simulated hardware whose microphone plays a recording (espeak-ng Mandarin when installed, voiced
 * bursts otherwise) through the hardware module's real capture, and a stand-in recogniser that
 * transcribes it (no Vosk model can be installed here). The elder presses help, the kiosk asks for
 * a memo after its prompts, records until the speaker stops, queues it, and uploads it once the
 * request is delivered; staff then read the transcript and get the very bytes the kiosk recorded.
 */
class VoiceMemoEndToEndIT {

    private static final Duration SOON = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void a_memo_spoken_after_a_help_request_reaches_staff_with_its_transcript() throws Exception {
        AudioClip words = speech("我摔倒了，腿很疼，起不来");
        AudioClip said = join(silence(400), words, silence(8_000));
        try (JavaProcess hub = Courtyard.hub(dir.resolve("hub"))) {
            HubApi staff = Courtyard.api(hub).login("admin", Courtyard.ADMIN_PASSWORD);
            JsonNode registered = staff.createKiosk("和平村小院", "和平村");
            Path config = dir.resolve("kiosk.properties");
            Files.writeString(config, String.join("\n", "hardware.audio.output=none", "hardware.audio.input=none",
                    "hardware.speaker.warm-up-ms=0", "hardware.speaker.tail-ms=0", "help.alert-courtyard=false",
                    "sync.max-backoff-seconds=2", ""), StandardCharsets.UTF_8);
            KioskConfig kioskConfig = KioskConfig.parse(new String[] {"--hub", staff.base().toString(), "--kiosk-id",
                registered.get("id").asText(), "--token", registered.get("token").asText(), "--data",
                dir.resolve("kiosk").toString(), "--hardware", "sim", "--config", config.toString()});
            Hardware hardware = new RecordedMicrophone(HardwareFactory.create(kioskConfig.hardware()), said);
            String requestId;
            try (Kiosk kiosk = Kiosk.create(kioskConfig, hardware, () -> new Transcriber("我 摔倒 了 腿 很 疼 起 不 来"),
                    Clock.systemUTC())) {
                kiosk.start();
                await().atMost(SOON).until(() -> kiosk.model().state().link() == LinkState.ONLINE);

                kiosk.help().requestHelp(HelpSource.SCREEN, null);

                await().atMost(SOON).until(() -> kiosk.model().state().help() != null);
                requestId = kiosk.model().state().help().id().toString();
                // The hub knows the request once the kiosk has seen it delivered; only then can staff open it.
                await().atMost(SOON).until(() -> kiosk.model().state().help().status() != LocalHelpStatus.SAVED);
                JsonNode help = await().atMost(SOON).until(() -> staff.call("GET", "/api/v1/help-requests/" + requestId,
                        null, 200), node -> node.get("hasVoiceMemo").asBoolean());

                assertThat(help.get("voiceMemo").get("transcript").asText()).isEqualTo("我摔倒了腿很疼起不来");
                byte[] played = audio(staff, help.get("voiceMemo").get("url").asText());
                assertThat(played).hasSize(help.get("voiceMemo").get("bytes").asInt());
                AudioClip memo = Wav.read("memo", played);
                assertThat(memo.format().matches(Microphone.FORMAT)).isTrue();
                // What was recorded: the start of what the elder said, up to about 3 s after the words.
                assertThat(memo.pcm()).isEqualTo(Arrays.copyOf(said.pcm(), memo.pcm().length));
                assertThat(memo.duration().toMillis()).isBetween(400 + words.duration().toMillis() + 2_900,
                        400 + words.duration().toMillis() + 3_300);
                assertThat(sha256(played)).isEqualTo(help.get("voiceMemo").get("sha256").asText());
            }
            try (KioskStore store = KioskStore.open(dir.resolve("kiosk"))) {
                List<String> uploaded = store.read(connection -> {
                    try (var select = connection.prepareStatement(
                            "SELECT sha256 FROM voice_memo WHERE request_id = ? AND uploaded_at IS NOT NULL")) {
                        select.setString(1, requestId);
                        try (var rows = select.executeQuery()) {
                            return rows.next() ? List.of(rows.getString(1)) : List.<String>of();
                        }
                    }
                });
                JsonNode help = staff.call("GET", "/api/v1/help-requests/" + requestId, null, 200);
                assertThat(uploaded).containsExactly(help.get("voiceMemo").get("sha256").asText());
            }
            try (var memos = Files.list(dir.resolve("kiosk").resolve("memos"))) {
                assertThat(memos.toList()).as("uploaded memos are deleted at the kiosk").isEmpty();
            }
        }
    }

    private static byte[] audio(HubApi staff, String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(staff.base().resolve(path))
                .header("Authorization", "Bearer " + staff.token()).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("audio/wav");
        return response.body();
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    // Audio: espeak-ng if installed, else a voiced burst; a quiet room's faint noise.

    private static AudioClip speech(String text) throws IOException, InterruptedException {
        Path file = Files.createTempFile("espeak-", ".wav");
        try {
            Process process;
            try {
                process = new ProcessBuilder("espeak-ng", "-v", "cmn", "-s", "140", "-w", file.toString(), text)
                        .redirectErrorStream(true).start();
            } catch (IOException e) {
                return RecordedMicrophone.burst(3_000);
            }
            process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return RecordedMicrophone.burst(3_000);
            }
            AudioClip clip = Wav.convert(Wav.read(file), 16_000f, 1);
            byte[] pcm = clip.pcm();
            int first = 0;
            while (first < pcm.length / 2 && Math.abs(sample(pcm, first)) < 300) {
                first++;
            }
            int last = pcm.length / 2 - 1;
            while (last > first && Math.abs(sample(pcm, last)) < 300) {
                last--;
            }
            return AudioClip.pcm("speech", Microphone.FORMAT, Arrays.copyOfRange(pcm, 2 * first, 2 * (last + 1)));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static int sample(byte[] pcm, int index) {
        return (short) ((pcm[2 * index] & 0xff) | (pcm[2 * index + 1] << 8));
    }

    private static AudioClip silence(int millis) {
        java.util.Random noise = new java.util.Random(3);
        byte[] pcm = new byte[millis * 32];
        for (int i = 0; i < pcm.length / 2; i++) {
            put(pcm, i, (int) (noise.nextGaussian() * 16));
        }
        return AudioClip.pcm("silence", Microphone.FORMAT, pcm);
    }

    private static AudioClip join(AudioClip... clips) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (AudioClip clip : clips) {
            out.writeBytes(clip.pcm());
        }
        return AudioClip.pcm("said", Microphone.FORMAT, out.toByteArray());
    }

    private static void put(byte[] pcm, int index, int sample) {
        pcm[2 * index] = (byte) sample;
        pcm[2 * index + 1] = (byte) (sample >> 8);
    }

    /** Stands in for a Vosk model: free speech is heard as {@code transcript} once voiced audio came. */
    private static final class Transcriber implements SpeechEngine {

        private final String transcript;

        Transcriber(String transcript) {
            this.transcript = transcript;
        }

        @Override
        public Optional<Vocabulary> vocabulary() {
            return Optional.empty();
        }

        @Override
        public Recognizer recognizer(Grammar grammar) {
            return recognizer("[unk]");
        }

        @Override
        public Recognizer freeRecognizer() {
            return recognizer(transcript);
        }

        private static Recognizer recognizer(String text) {
            return new Recognizer() {
                private long voiced;

                @Override
                public boolean accept(byte[] pcm, int length) {
                    double sum = 0;
                    for (int i = 0; i < length / 2; i++) {
                        double s = sample(pcm, i);
                        sum += s * s;
                    }
                    if (Math.sqrt(sum / Math.max(1, length / 2)) > 300) {
                        voiced += length;
                    }
                    return false;
                }

                @Override
                public String partial() {
                    return voiced > 0 ? text : "";
                }

                @Override
                public Hypothesis result() {
                    Hypothesis result = voiced > 6_400 ? new Hypothesis(text, 0.8) : Hypothesis.NOTHING;
                    voiced = 0;
                    return result;
                }

                @Override
                public void reset() {
                    voiced = 0;
                }

                @Override
                public void close() {
                    voiced = 0;
                }
            };
        }

        @Override
        public String description() {
            return "a stand-in transcriber";
        }

        @Override
        public void close() {
            // Nothing native to free.
        }
    }
}
