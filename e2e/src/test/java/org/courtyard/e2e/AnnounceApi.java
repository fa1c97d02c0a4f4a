package org.courtyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.courtyard.protocol.ProtocolJson;

/** The announcement part of the hub's API, as the staff page (or a script) uses it, and test audio. */
final class AnnounceApi {

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String token;

    private AnnounceApi(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    static AnnounceApi login(URI base, String username, String password) throws IOException, InterruptedException {
        ObjectNode body = ProtocolJson.mapper().createObjectNode().put("username", username).put("password", password);
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/api/v1/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(ProtocolJson.writeBytes(body))).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return new AnnounceApi(base, ProtocolJson.mapper().readTree(answer.body()).get("token").asText());
    }

    String token() {
        return token;
    }

    /** Creates an announcement for {@code targets} (JSON) starting now; returns it. */
    JsonNode create(String title, String priority, String targets) throws IOException, InterruptedException {
        ObjectNode body = ProtocolJson.mapper().createObjectNode();
        body.put("title", title).put("text", title + "，请相互转告。").put("priority", priority).put("outdoor", true);
        body.set("targets", ProtocolJson.mapper().readTree(targets));
        return send("POST", "/api/v1/announcements", "application/json", ProtocolJson.writeBytes(body), 201);
    }

    JsonNode upload(String id, byte[] wav) throws IOException, InterruptedException {
        return send("PUT", "/api/v1/announcements/" + id + "/audio", "audio/wav", wav, 200);
    }

    JsonNode withdraw(String id) throws IOException, InterruptedException {
        return send("POST", "/api/v1/announcements/" + id + "/withdraw", "application/json",
                "{}".getBytes(StandardCharsets.UTF_8), 200);
    }

    JsonNode deliveries(String id) throws IOException, InterruptedException {
        return send("GET", "/api/v1/announcements/" + id + "/deliveries", null, null, 200);
    }

    JsonNode createKiosk(String name, String village) throws IOException, InterruptedException {
        ObjectNode body = ProtocolJson.mapper().createObjectNode().put("name", name).put("village", village);
        return send("POST", "/api/v1/kiosks", "application/json", ProtocolJson.writeBytes(body), 201);
    }

    private JsonNode send(String method, String path, String type, byte[] body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
        if (type != null) {
            request.header("Content-Type", type);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as("%s %s answered %s", method, path, response.body()).isEqualTo(expected);
        return ProtocolJson.mapper().readTree(response.body());
    }

    /** A WAV of a gliding tone (so no two stretches of it are alike), 16-bit PCM. */
    static byte[] wav(float rate, int channels, int millis) {
        AudioFormat format = new AudioFormat(rate, 16, channels, true, false);
        int frames = Math.round(rate * millis / 1000f);
        byte[] pcm = new byte[frames * format.getFrameSize()];
        int at = 0;
        double phase = 0;
        for (int i = 0; i < frames; i++) {
            double hz = 300 + 500.0 * i / frames;
            phase += 2 * Math.PI * hz / rate;
            int sample = (int) Math.round(Math.sin(phase) * 9_000);
            for (int c = 0; c < channels; c++) {
                pcm[at++] = (byte) sample;
                pcm[at++] = (byte) (sample >> 8);
            }
        }
        AudioInputStream stream = new AudioInputStream(new ByteArrayInputStream(pcm), format, frames);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            AudioSystem.write(stream, AudioFileFormat.Type.WAVE, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
