package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sound.sampled.AudioFormat;
import org.courtyard.hub.announce.AnnounceSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * Announcement audio: what the upload accepts and refuses, and the resumable download (ETag,
 * Range, If-Range, If-None-Match) kiosks use over a poor village link.
 */
class AnnouncementAudioTest {

    private static final long ONE_MIB = 1024 * 1024;

    @TempDir
    Path dir;

    TestHub hub;
    Announce api;
    TestHub.Kiosk big;
    TestHub.Kiosk small;
    String staff;
    String cadre;

    /** A hub with a 1 MiB upload limit; {@code ffmpeg} on or off. */
    private void start(boolean ffmpeg) {
        Optional<Path> converter = ffmpeg ? AnnounceSettings.defaults().ffmpeg() : Optional.empty();
        hub = new TestHub(dir, builder -> builder.announce(new AnnounceSettings(ONE_MIB, converter)));
        api = new Announce(hub);
        big = hub.kiosk("大村活动室", "大村");
        small = hub.kiosk("小河村活动室", "小河村");
        staff = hub.user("wang", "STAFF", null);
        cadre = hub.user("li", "CADRE", "大村");
    }

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    static boolean ffmpegInstalled() {
        return AnnounceSettings.defaults().ffmpeg().isPresent();
    }

    private String announcementFor(String targets) {
        return api.created(staff, Announce.draft("通知", targets));
    }

    private List<Path> storedAudio() throws IOException {
        Path audio = dir.resolve("audio");
        if (!Files.isDirectory(audio)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(audio)) {
            return files.toList();
        }
    }

    @Test
    void an_uploaded_wav_is_stored_by_checksum_and_raises_the_revision() throws IOException {
        start(false);
        String id = announcementFor("{\"all\":true}");
        byte[] wav = Announce.wav(16_000f, 1, 1500);

        TestHub.Answer answer = api.upload(staff, id, "audio/wav", wav);

        assertThat(answer.status()).isEqualTo(200);
        String sha = Announce.sha256(wav);
        assertThat(answer.json().get("sha256").asText()).isEqualTo(sha);
        assertThat(answer.json().get("bytes").asLong()).isEqualTo(wav.length);
        assertThat(answer.json().get("durationMs").asLong()).isEqualTo(1500);
        assertThat(Files.readAllBytes(dir.resolve("audio").resolve(sha + ".wav"))).isEqualTo(wav);
        assertThat(storedAudio()).hasSize(1);
        assertThat(hub.get("/api/v1/announcements/" + id, staff).json().get("revision").asInt()).isEqualTo(2);
        assertThat(hub.get("/api/v1/announcements/" + id, staff).json().get("audio"))
                .isEqualTo(answer.json());
    }

    @Test
    void an_upload_over_the_limit_is_413_and_stores_nothing() throws IOException {
        start(false);
        String id = announcementFor("{\"all\":true}");
        byte[] tooBig = Announce.wav(44_100f, 2, 6_000);
        assertThat((long) tooBig.length).isGreaterThan(ONE_MIB);

        TestHub.Answer answer = api.upload(staff, id, "audio/wav", tooBig);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.json().path("error").path("code").asText()).isEqualTo("too_large");
        assertThat(answer.errorMessage()).contains("announce.max-upload-mb");
        assertThat(storedAudio()).isEmpty();
        assertThat(hub.get("/api/v1/announcements/" + id, staff).json().get("audio").isNull()).isTrue();
    }

    @Test
    void a_wav_cut_off_before_the_end_its_header_announces_is_400_and_stores_nothing() throws IOException {
        start(false);
        String id = announcementFor("{\"all\":true}");
        byte[] whole = Announce.wav(16_000f, 1, 1500);
        byte[] headerOnly = java.util.Arrays.copyOf(whole, 44);
        byte[] half = java.util.Arrays.copyOf(whole, whole.length / 2);

        TestHub.Answer noAudio = api.upload(staff, id, "audio/wav", headerOnly);
        TestHub.Answer halfAudio = api.upload(staff, id, "audio/wav", half);

        assertThat(noAudio.status()).isEqualTo(400);
        assertThat(noAudio.json().path("error").path("code").asText()).isEqualTo("invalid_field");
        assertThat(noAudio.errorMessage()).startsWith("the body is a cut-off WAV file: its header announces 48000 bytes of"
                + " audio but 0 follow");
        assertThat(halfAudio.status()).isEqualTo(400);
        assertThat(halfAudio.errorMessage()).contains("but " + (half.length - 44) + " follow");
        assertThat(storedAudio()).isEmpty();
        assertThat(hub.get("/api/v1/announcements/" + id, staff).json().get("audio").isNull()).isTrue();
    }

    @Test
    void bodies_that_are_not_audio_are_415_naming_what_they_are() throws IOException {
        start(false);
        String id = announcementFor("{\"all\":true}");
        byte[] text = "这不是声音文件".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] mp3 = new byte[] {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0, 1, 2, 3};

        TestHub.Answer plain = api.upload(staff, id, "text/plain", text);
        TestHub.Answer textAsWav = api.upload(staff, id, "audio/wav", text);
        TestHub.Answer mp3AsWav = api.upload(staff, id, "audio/wav", mp3);
        TestHub.Answer noType = api.upload(staff, id, null, Announce.wav(16_000f, 1, 100));

        assertThat(plain.status()).isEqualTo(415);
        assertThat(plain.errorMessage()).contains("audio/wav", "text/plain");
        assertThat(textAsWav.status()).isEqualTo(415);
        assertThat(textAsWav.errorMessage()).isEqualTo("the body is not a WAV file (it looks like text)");
        assertThat(mp3AsWav.status()).isEqualTo(415);
        assertThat(mp3AsWav.errorMessage()).contains("MP3");
        assertThat(noType.status()).isEqualTo(415);
        assertThat(storedAudio()).isEmpty();
    }

    @Test
    void a_wav_in_an_encoding_the_kiosks_cannot_play_is_415_without_ffmpeg() throws IOException {
        start(false);
        String id = announcementFor("{\"all\":true}");
        byte[] adpcm = Announce.wav(16_000f, 1, 200);
        adpcm[20] = 0x11; // format tag: IMA ADPCM
        adpcm[21] = 0x00;

        TestHub.Answer answer = api.upload(staff, id, "audio/wav", adpcm);

        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.errorMessage()).contains("encoding");
        assertThat(storedAudio()).isEmpty();
    }

    @Test
    void other_audio_formats_without_ffmpeg_are_415_saying_why() {
        start(false);
        String id = announcementFor("{\"all\":true}");

        TestHub.Answer answer = api.upload(staff, id, "audio/mpeg", new byte[] {'I', 'D', '3', 4, 0, 0});

        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.errorMessage()).contains("audio/mpeg", "ffmpeg", "audio/wav");
    }

    @Test
    @EnabledIf("ffmpegInstalled")
    void with_ffmpeg_an_mp3_upload_becomes_a_16_bit_mono_wav() throws Exception {
        start(true);
        String id = announcementFor("{\"all\":true}");
        Path wav = dir.resolve("tone.wav");
        Files.write(wav, Announce.wav(44_100f, 2, 2000));
        Path mp3 = dir.resolve("tone.mp3");
        Process encode = new ProcessBuilder(AnnounceSettings.defaults().ffmpeg().orElseThrow().toString(),
                "-nostdin", "-loglevel", "error", "-y", "-i", wav.toString(), mp3.toString())
                .redirectErrorStream(true).start();
        assertThat(encode.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(encode.exitValue()).isZero();

        TestHub.Answer answer = api.upload(staff, id, "audio/mpeg", Files.readAllBytes(mp3));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("durationMs").asLong()).isBetween(1900L, 2200L);
        Path stored = dir.resolve("audio").resolve(answer.json().get("sha256").asText() + ".wav");
        AudioFormat format = javax.sound.sampled.AudioSystem.getAudioFileFormat(stored.toFile()).getFormat();
        assertThat(format.getSampleSizeInBits()).isEqualTo(16);
        assertThat(format.getChannels()).isEqualTo(1);
        assertThat(format.getSampleRate()).isEqualTo(22_050f);
        assertThat(storedAudio()).hasSize(1);
    }

    @Test
    @EnabledIf("ffmpegInstalled")
    void with_ffmpeg_a_body_that_is_no_audio_at_all_is_still_415() {
        start(true);
        String id = announcementFor("{\"all\":true}");

        TestHub.Answer answer = api.upload(staff, id, "audio/mpeg", "not audio".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.errorMessage()).startsWith("ffmpeg cannot read the body as audio");
    }

    @Test
    void a_cadre_cannot_upload_to_an_announcement_beyond_their_village() {
        start(false);
        String id = announcementFor("{\"all\":true}");

        assertThat(api.upload(cadre, id, "audio/wav", Announce.wav(16_000f, 1, 100)).status()).isEqualTo(403);
    }

    @Test
    void the_download_carries_the_checksum_as_etag_and_answers_304_when_the_kiosk_has_it() {
        start(false);
        String id = announcementFor("{\"all\":true}");
        byte[] wav = Announce.wav(16_000f, 1, 800);
        api.upload(staff, id, "audio/wav", wav);
        String etag = "\"" + Announce.sha256(wav) + "\"";

        Announce.Bytes whole = api.audio(big.token(), id);
        Announce.Bytes again = api.audio(big.token(), id, "If-None-Match", etag);

        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(wav);
        assertThat(whole.header("ETag")).isEqualTo(etag);
        assertThat(whole.header("Accept-Ranges")).isEqualTo("bytes");
        assertThat(whole.header("Content-Type")).isEqualTo("audio/wav");
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.header("ETag")).isEqualTo(etag);
    }

    @Test
    void a_range_resumes_a_broken_download_with_206() {
        start(false);
        String id = announcementFor("{\"all\":true}");
        byte[] wav = Announce.wav(16_000f, 1, 800);
        api.upload(staff, id, "audio/wav", wav);
        String etag = "\"" + Announce.sha256(wav) + "\"";

        Announce.Bytes rest = api.audio(big.token(), id, "Range", "bytes=1000-", "If-Range", etag);
        Announce.Bytes middle = api.audio(big.token(), id, "Range", "bytes=10-19");
        Announce.Bytes tail = api.audio(big.token(), id, "Range", "bytes=-4");

        assertThat(rest.status()).isEqualTo(206);
        assertThat(rest.header("Content-Range")).isEqualTo("bytes 1000-" + (wav.length - 1) + "/" + wav.length);
        assertThat(rest.body()).isEqualTo(Arrays.copyOfRange(wav, 1000, wav.length));
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(wav, 10, 20));
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(wav, wav.length - 4, wav.length));
    }

    @Test
    void a_range_of_other_audio_gets_the_whole_file_and_one_beyond_the_end_is_416() {
        start(false);
        String id = announcementFor("{\"all\":true}");
        byte[] wav = Announce.wav(16_000f, 1, 800);
        api.upload(staff, id, "audio/wav", wav);

        Announce.Bytes stale = api.audio(big.token(), id, "Range", "bytes=1000-", "If-Range", "\"" + "0".repeat(64) + "\"");
        Announce.Bytes beyond = api.audio(big.token(), id, "Range", "bytes=" + wav.length + "-");

        assertThat(stale.status()).isEqualTo(200);
        assertThat(stale.body()).isEqualTo(wav);
        assertThat(beyond.status()).isEqualTo(416);
        assertThat(beyond.header("Content-Range")).isEqualTo("bytes */" + wav.length);
        assertThat(beyond.text()).contains("range_not_satisfiable");
    }

    @Test
    void only_kiosks_the_announcement_is_for_and_staff_may_download_its_audio() {
        start(false);
        String id = announcementFor("{\"villages\":[\"大村\"]}");
        api.upload(staff, id, "audio/wav", Announce.wav(16_000f, 1, 300));

        assertThat(api.audio(big.token(), id).status()).isEqualTo(200);
        assertThat(api.audio(staff, id).status()).isEqualTo(200);
        assertThat(api.audio(small.token(), id).status()).isEqualTo(403);
        assertThat(api.audio(null, id).status()).isEqualTo(401);
        api.withdraw(staff, id);
        assertThat(api.audio(big.token(), id).status()).isEqualTo(404);
    }

    @Test
    void an_announcement_without_audio_has_no_download() {
        start(false);
        String id = announcementFor("{\"all\":true}");

        Announce.Bytes answer = api.audio(big.token(), id);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.text()).contains("has no audio");
    }
}
