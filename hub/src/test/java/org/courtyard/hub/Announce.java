package org.courtyard.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.courtyard.protocol.ProtocolJson;

/** Announcement calls and test audio for the hub's announcement tests. */
final class Announce {

    private final TestHub hub;

    Announce(TestHub hub) {
        this.hub = hub;
    }

    /** A draft body: NORMAL, outdoor, for {@code targets} (a JSON object), starting now. */
    static ObjectNode draft(String title, String targets) {
        ObjectNode body = ProtocolJson.mapper().createObjectNode();
        body.put("title", title).put("text", title + "：请各位村民相互转告。").put("priority", "NORMAL")
                .put("outdoor", true);
        body.set("targets", json(targets));
        return body;
    }

    static JsonNode json(String text) {
        try {
            return ProtocolJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    TestHub.Answer create(String token, JsonNode draft) {
        return hub.post("/api/v1/announcements", token, draft);
    }

    /** Creates one and returns its id, failing the test unless it was 201. */
    String created(String token, JsonNode draft) {
        TestHub.Answer answer = create(token, draft);
        if (answer.status() != 201) {
            throw new AssertionError("creating the announcement failed: " + answer);
        }
        return answer.json().get("id").asText();
    }

    TestHub.Answer put(String path, String token, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(hub.uri(path)).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return hub.send(request.build());
    }

    TestHub.Answer edit(String token, String id, JsonNode draft) {
        return put("/api/v1/announcements/" + id, token, "application/json",
                ProtocolJson.writeBytes(draft));
    }

    TestHub.Answer upload(String token, String id, String contentType, byte[] audio) {
        return put("/api/v1/announcements/" + id + "/audio", token, contentType, audio);
    }

    /** GET /api/v1/announcements as {@code token} sees it, newest first; fails the test unless 200. */
    JsonNode list(String token) {
        TestHub.Answer answer = hub.get("/api/v1/announcements", token);
        if (answer.status() != 200) {
            throw new AssertionError("listing announcements failed: " + answer);
        }
        return answer.json();
    }

    TestHub.Answer withdraw(String token, String id) {
        return hub.post("/api/v1/announcements/" + id + "/withdraw", token, Map.of());
    }

    /** GET of the audio with extra headers (name, value, name, value ...), the body as raw bytes. */
    Bytes audio(String token, String id, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(hub.uri("/api/v1/announcements/" + id + "/audio")).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            var response = hub.http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            return new Bytes(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    record Bytes(int status, byte[] body, java.net.http.HttpHeaders headers) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A WAV of a 440 Hz tone, 16-bit PCM, {@code millis} long. */
    static byte[] wav(float rate, int channels, int millis) {
        AudioFormat format = new AudioFormat(rate, 16, channels, true, false);
        int frames = Math.round(rate * millis / 1000f);
        byte[] pcm = new byte[frames * format.getFrameSize()];
        int at = 0;
        for (int i = 0; i < frames; i++) {
            int sample = (int) Math.round(Math.sin(2 * Math.PI * 440 * i / rate) * 12_000);
            for (int c = 0; c < channels; c++) {
                pcm[at++] = (byte) sample;
                pcm[at++] = (byte) (sample >> 8);
            }
        }
        return wav(format, pcm);
    }

    static byte[] wav(AudioFormat format, byte[] data) {
        AudioInputStream stream = new AudioInputStream(new ByteArrayInputStream(data), format,
                data.length / format.getFrameSize());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            AudioSystem.write(stream, AudioFileFormat.Type.WAVE, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String sha256(byte[] data) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode played(String announcementId, Instant startedAt, Instant endedAt, String outcome, String detail) {
        Map<String, Object> payload = new java.util.LinkedHashMap<>();
        payload.put("announcementId", announcementId);
        payload.put("startedAt", startedAt.toString());
        payload.put("endedAt", endedAt.toString());
        payload.put("outcome", outcome);
        payload.put("detail", detail);
        return TestHub.event(UUID.randomUUID(), "ANNOUNCEMENT_PLAYED", endedAt, true, payload);
    }

    static ObjectNode downloaded(String announcementId, String sha256, Instant at) {
        return TestHub.event(UUID.randomUUID(), "AUDIO_DOWNLOADED", at, true,
                Map.of("announcementId", announcementId, "sha256", sha256));
    }

    /** The ids in a sync answer's {@code announcements}. */
    static List<String> ids(JsonNode answer) {
        List<String> out = new java.util.ArrayList<>();
        answer.get("announcements").forEach(a -> out.add(a.get("id").asText()));
        return out;
    }
}
