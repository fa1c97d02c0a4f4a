package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.courtyard.protocol.ProtocolJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documented backup and restore procedure with the hub jar, as an operator runs it: back up
 * while the hub serves, see restore refuse the running hub's folder, stop the hub, restore into a
 * fresh folder, start a hub there and find the data.
 */
class BackupIT {

    static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void back_up_a_running_hub_restore_it_elsewhere_and_serve_it() throws Exception {
        Path data = dir.resolve("data");
        Path backup = dir.resolve("hub-backup.zip");
        List<String> sent = new ArrayList<>();
        Map<String, String> env = Map.of(Main.ADMIN_PASSWORD_ENV, TestHub.ADMIN_PASSWORD);
        try (HubProcess hub = new HubProcess(env, "--port", "0", "--data", data.toString())) {
            URI base = hub.awaitListening(START);
            String admin = post(base, "/api/v1/login", null,
                    Map.of("username", "admin", "password", TestHub.ADMIN_PASSWORD)).get("token").asText();
            JsonNode kiosk = post(base, "/api/v1/kiosks", admin, Map.of("name", "活动室", "village", "大村"));
            TestHub.Kiosk k = new TestHub.Kiosk(kiosk.get("id").asText(), kiosk.get("token").asText(), "大村");
            for (int i = 0; i < 10; i++) {
                UUID id = UUID.randomUUID();
                post(base, "/api/v1/sync", k.token(), TestHub.syncBody(k, null, TestHub.helpRequested(id, TestHub.START)));
                sent.add(id.toString());
            }

            try (HubProcess backingUp = new HubProcess(Map.of(), "backup", "--data", data.toString(),
                    "--to", backup.toString())) {
                assertThat(backingUp.waitForExit(START)).as(backingUp.errors()).isZero();
                assertThat(backingUp.nextLine(Duration.ofSeconds(5))).startsWith("backup written: " + backup);
            }
            try (HubProcess refused = new HubProcess(Map.of(), "restore", "--from", backup.toString(),
                    "--data", data.toString(), "--replace")) {
                assertThat(refused.waitForExit(START)).isEqualTo(1);
                assertThat(refused.errors()).contains("in use");
            }
            hub.terminate();
            assertThat(hub.waitForExit(Duration.ofSeconds(30))).isEqualTo(143);
        }

        Path restored = dir.resolve("restored");
        try (HubProcess restoring = new HubProcess(Map.of(), "restore", "--from", backup.toString(),
                "--data", restored.toString())) {
            assertThat(restoring.waitForExit(START)).as(restoring.errors()).isZero();
            assertThat(restoring.nextLine(Duration.ofSeconds(5))).startsWith("restored " + backup);
        }
        try (HubProcess hub = new HubProcess(env, "--port", "0", "--data", restored.toString())) {
            URI base = hub.awaitListening(START);
            String admin = post(base, "/api/v1/login", null,
                    Map.of("username", "admin", "password", TestHub.ADMIN_PASSWORD)).get("token").asText();
            HttpResponse<String> list = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/help-requests"))
                    .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString());
            List<String> ids = new ArrayList<>();
            ProtocolJson.mapper().readTree(list.body()).forEach(help -> ids.add(help.get("id").asText()));
            assertThat(ids).containsExactlyInAnyOrderElementsOf(sent);
        }
    }

    private JsonNode post(URI base, String path, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ProtocolJson.write(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(200, 201);
        return ProtocolJson.mapper().readTree(response.body());
    }
}
