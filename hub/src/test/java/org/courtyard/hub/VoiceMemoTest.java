package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code PUT/GET /api/v1/help-requests/{id}/memo}: the kiosk uploads, staff listen and read. */
class VoiceMemoTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    TestHub hub;
    TestHub.Kiosk kiosk;
    String staff;
    UUID request;

    @BeforeEach
    void start() {
        hub = new TestHub(dir);
        kiosk = hub.kiosk("村委会活动室", "大村");
        staff = hub.user("wang", "STAFF", null);
        request = UUID.randomUUID();
        hub.sync(kiosk, null, TestHub.helpRequested(request, TestHub.START));
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    /** {@code millis} of a 16 kHz mono 16-bit tone, as a WAV file. */
    static byte[] wav(int millis) throws Exception {
        AudioFormat format = new AudioFormat(16_000f, 16, 1, true, false);
        byte[] pcm = new byte[millis * 32];
        for (int i = 0; i < pcm.length / 2; i++) {
            int sample = (int) (Math.sin(2 * Math.PI * 220 * i / 16_000.0) * 8_000);
            pcm[2 * i] = (byte) sample;
            pcm[2 * i + 1] = (byte) (sample >> 8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AudioSystem.write(new AudioInputStream(new java.io.ByteArrayInputStream(pcm), format, pcm.length / 2),
                AudioFileFormat.Type.WAVE, out);
        return out.toByteArray();
    }

    TestHub.Answer put(UUID id, String token, String contentType, byte[] body, String transcript) {
        String query = transcript == null ? "" : "?transcript="
                + URLEncoder.encode(transcript, StandardCharsets.UTF_8).replace("+", "%20");
        HttpRequest.Builder builder = HttpRequest.newBuilder(hub.uri("/api/v1/help-requests/" + id + "/memo" + query))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return hub.send(builder.build());
    }

    HttpResponse<byte[]> getAudio(UUID id, String token, String... headers) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(hub.uri("/api/v1/help-requests/" + id + "/memo")).GET()
                .header("Authorization", "Bearer " + token);
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return hub.http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void the_kiosk_uploads_a_memo_and_staff_get_the_same_bytes_and_the_transcript() throws Exception {
        byte[] memo = wav(2_500);

        TestHub.Answer answer = put(request, kiosk.token(), "audio/wav", memo, "我摔倒了腿很疼");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("durationMs").asLong()).isEqualTo(2_500);
        assertThat(answer.json().get("bytes").asLong()).isEqualTo(memo.length);
        JsonNode help = hub.get("/api/v1/help-requests/" + request, staff).json();
        assertThat(help.get("hasVoiceMemo").asBoolean()).isTrue();
        assertThat(help.get("voiceMemo").get("transcript").asText()).isEqualTo("我摔倒了腿很疼");
        assertThat(help.get("voiceMemo").get("url").asText()).isEqualTo("/api/v1/help-requests/" + request + "/memo");
        assertThat(help.get("transcript").isNull()).isTrue();
        HttpResponse<byte[]> audio = getAudio(request, staff);
        assertThat(audio.statusCode()).isEqualTo(200);
        assertThat(audio.headers().firstValue("Content-Type")).contains("audio/wav");
        assertThat(audio.body()).isEqualTo(memo);
        String sha = help.get("voiceMemo").get("sha256").asText();
        assertThat(audio.headers().firstValue("ETag")).contains("\"" + sha + "\"");
        assertThat(Files.readAllBytes(dir.resolve("memos").resolve(sha + ".wav"))).isEqualTo(memo);
    }

    @Test
    void a_request_without_a_memo_says_so() {
        JsonNode help = hub.get("/api/v1/help-requests/" + request, staff).json();

        assertThat(help.get("hasVoiceMemo").asBoolean()).isFalse();
        assertThat(help.get("voiceMemo").isNull()).isTrue();
        assertThat(hub.get("/api/v1/help-requests/" + request + "/memo", staff).status()).isEqualTo(404);
    }

    @Test
    void the_list_shows_which_requests_have_a_memo() throws Exception {
        put(request, kiosk.token(), "audio/wav", wav(500), null);

        JsonNode list = hub.get("/api/v1/help-requests", staff).json();

        assertThat(list.get(0).get("hasVoiceMemo").asBoolean()).isTrue();
        assertThat(list.get(0).get("voiceMemo").get("transcript").isNull()).isTrue();
    }

    @Test
    void an_upload_sent_twice_changes_nothing_and_a_new_one_replaces_the_old() throws Exception {
        byte[] first = wav(500);
        byte[] second = wav(700);
        put(request, kiosk.token(), "audio/wav", first, "一");
        assertThat(put(request, kiosk.token(), "audio/wav", first, "一").status()).isEqualTo(200);

        put(request, kiosk.token(), "audio/wav", second, "二");

        assertThat(getAudio(request, staff).body()).isEqualTo(second);
        assertThat(hub.column("SELECT transcript FROM voice_memos")).containsExactly("二");
        try (var files = Files.list(dir.resolve("memos"))) {
            assertThat(files.map(file -> file.getFileName().toString()).toList())
                    .containsExactly(VoiceMemoTestSupport.sha256(second) + ".wav");
        }
    }

    @Test
    void only_the_kiosk_that_sent_the_request_may_upload() throws Exception {
        TestHub.Kiosk other = hub.kiosk("小学", "大村");

        TestHub.Answer answer = put(request, other.token(), "audio/wav", wav(500), null);

        assertThat(answer.status()).isEqualTo(403);
        assertThat(put(request, staff, "audio/wav", wav(500), null).status()).isEqualTo(403);
        assertThat(put(request, null, "audio/wav", wav(500), null).status()).isEqualTo(401);
        assertThat(put(UUID.randomUUID(), kiosk.token(), "audio/wav", wav(500), null).status()).isEqualTo(404);
        assertThat(hub.column("SELECT request_id FROM voice_memos")).isEmpty();
    }

    @Test
    void bad_uploads_are_refused_and_store_nothing() throws Exception {
        assertThat(put(request, kiosk.token(), "application/json", wav(500), null).status()).isEqualTo(415);
        TestHub.Answer notWav = put(request, kiosk.token(), "audio/wav", "RIFF but not really".getBytes(), null);
        assertThat(notWav.status()).isEqualTo(400);
        assertThat(notWav.json().get("error").get("code").asText()).isEqualTo("invalid_field");
        assertThat(notWav.errorMessage()).startsWith("the body is not a WAV file");
        assertThat(put(request, kiosk.token(), "audio/wav", wav(121_000), null).status()).isEqualTo(413);
        assertThat(put(request, kiosk.token(), "audio/wav", new byte[5 * 1024 * 1024], null).status()).isEqualTo(413);
        TestHub.Answer longText = put(request, kiosk.token(), "audio/wav", wav(500), "话".repeat(501));
        assertThat(longText.status()).isEqualTo(400);
        assertThat(longText.errorMessage()).contains("transcript");
        assertThat(hub.column("SELECT request_id FROM voice_memos")).isEmpty();
    }

    @Test
    void a_memo_cut_off_on_the_way_is_refused_and_not_stored() throws Exception {
        byte[] whole = wav(1_000);
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length / 2);

        TestHub.Answer answer = put(request, kiosk.token(), "audio/wav", cut, null);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("error").get("code").asText()).isEqualTo("invalid_field");
        assertThat(answer.errorMessage()).startsWith("the body is a cut-off WAV file: its header announces 32000 bytes"
                + " of audio but " + (cut.length - 44) + " follow");
        assertThat(hub.column("SELECT request_id FROM voice_memos")).isEmpty();
        assertThat(Files.exists(dir.resolve("memos")) ? Files.list(dir.resolve("memos")).count() : 0).isZero();
        assertThat(put(request, kiosk.token(), "audio/wav", whole, null).status())
                .as("the whole file, sent again, is taken").isEqualTo(200);
    }

    @Test
    void a_cadre_of_another_village_may_not_listen() throws Exception {
        put(request, kiosk.token(), "audio/wav", wav(500), null);
        String cadre = hub.user("li", "CADRE", "二村");
        String ownCadre = hub.user("zhang", "CADRE", "大村");

        assertThat(getAudio(request, cadre).statusCode()).isEqualTo(403);
        assertThat(getAudio(request, ownCadre).statusCode()).isEqualTo(200);
        assertThat(getAudio(request, kiosk.token()).statusCode()).isEqualTo(403);
    }

    @Test
    void listening_is_audited_once_per_playback_not_per_range_or_revalidation() throws Exception {
        byte[] memo = wav(1_000);
        put(request, kiosk.token(), "audio/wav", memo, null);
        String cadre = hub.user("li", "CADRE", "小村");

        HttpResponse<byte[]> first = getAudio(request, staff, "Range", "bytes=0-");
        getAudio(request, staff, "Range", "bytes=500-");
        getAudio(request, staff, "If-None-Match", first.headers().firstValue("ETag").orElseThrow());
        assertThat(getAudio(request, cadre).statusCode()).isEqualTo(403);
        assertThat(getAudio(request, hub.adminToken).statusCode()).isEqualTo(200);

        JsonNode log = hub.get("/api/v1/audit?action=help.memo.play", hub.adminToken).json();
        assertThat(log).hasSize(2);
        assertThat(log.get(0).get("user").asText()).isEqualTo("admin");
        assertThat(log.get(1).get("user").asText()).isEqualTo("wang");
        assertThat(log.get(1).get("target").asText()).isEqualTo(request.toString());
        assertThat(log.get(1).get("address").asText()).isEqualTo("127.0.0.1");
        assertThat(log.get(1).get("detail").asText()).isEqualTo("1000 ms");
    }

    @Test
    void a_player_can_ask_for_ranges_and_revalidate() throws Exception {
        byte[] memo = wav(1_000);
        put(request, kiosk.token(), "audio/wav", memo, null);

        HttpResponse<byte[]> part = getAudio(request, staff, "Range", "bytes=100-199");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).contains("bytes 100-199/" + memo.length);
        assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(memo, 100, 200));
        String etag = part.headers().firstValue("ETag").orElseThrow();
        assertThat(getAudio(request, staff, "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(getAudio(request, staff, "Range", "bytes=" + memo.length + "-").statusCode()).isEqualTo(416);
    }

    @Test
    void staff_see_the_memo_arrive_on_the_live_stream() throws Exception {
        try (EventStreamReader stream = new EventStreamReader(hub.http, hub.uri("/api/v1/stream"), "Authorization",
                "Bearer " + staff)) {
            put(request, kiosk.token(), "audio/wav", wav(500), "救命");

            EventStreamReader.Received updated = stream.nextHelpEvent(WAIT);
            assertThat(updated.name()).isEqualTo("help-updated");
            assertThat(updated.data().get("hasVoiceMemo").asBoolean()).isTrue();
            assertThat(updated.data().get("voiceMemo").get("transcript").asText()).isEqualTo("救命");
        }
        assertThat(List.of(hub.column("SELECT event FROM webhook_outbox"))).allMatch(List::isEmpty);
    }
}
