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

/** Killing the hub process (SIGKILL, no shutdown hook) loses nothing a kiosk was told was accepted. */
class HardStopIT {

    @TempDir
    Path dir;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void a_killed_hub_loses_no_acknowledged_help_request() throws Exception {
        List<String> acknowledged = new ArrayList<>();
        String kioskId;
        try (HubProcess hub = new HubProcess(Map.of(Main.ADMIN_PASSWORD_ENV, TestHub.ADMIN_PASSWORD),
                "--port", "0", "--data", dir.toString())) {
            URI base = hub.awaitListening(Duration.ofSeconds(60));
            String admin = post(base, "/api/v1/login", null,
                    Map.of("username", "admin", "password", TestHub.ADMIN_PASSWORD)).get("token").asText();
            JsonNode kiosk = post(base, "/api/v1/kiosks", admin, Map.of("name", "活动室", "village", "大村"));
            kioskId = kiosk.get("id").asText();
            TestHub.Kiosk k = new TestHub.Kiosk(kioskId, kiosk.get("token").asText(), "大村");

            for (int batch = 0; batch < 20; batch++) {
                List<JsonNode> events = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    events.add(TestHub.helpRequested(UUID.randomUUID(), TestHub.START));
                }
                JsonNode answer = post(base, "/api/v1/sync", k.token(),
                        TestHub.syncBody(k, null, events.toArray(JsonNode[]::new)));
                answer.get("accepted").forEach(id -> acknowledged.add(id.asText()));
            }

            hub.process.destroyForcibly();
            hub.waitForExit(Duration.ofSeconds(30));
        }

        assertThat(acknowledged).hasSize(100);
        try (TestHub reopened = new TestHub(dir)) {
            assertThat(reopened.column("SELECT id FROM help_requests")).containsExactlyInAnyOrderElementsOf(acknowledged);
            JsonNode list = reopened.get("/api/v1/help-requests?limit=1000", reopened.adminToken).json();
            assertThat(list).hasSize(100);
            assertThat(list.get(0).get("kioskId").asText()).isEqualTo(kioskId);
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
