package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub jar as deployment scripts run it. */
class MainIT {

    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void the_jar_prints_its_port_and_admin_password_serves_and_stops_on_sigterm() throws Exception {
        Path data = dir.resolve("data");
        try (HubProcess hub = new HubProcess(Map.of(), "--port", "0", "--data", data.toString())) {
            String first = hub.nextLine(START);
            assertThat(first).startsWith("admin password: ");
            String password = first.substring("admin password: ".length());
            URI base = hub.awaitListening(START);
            assertThat(base.toString()).matches("http://127\\.0\\.0\\.1:\\d+");

            HttpResponse<String> health = http.send(HttpRequest.newBuilder(base.resolve("/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(base.resolve("/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"username\":\"admin\",\"password\":\"" + password + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(200);

            hub.terminate();
            assertThat(hub.waitForExit(Duration.ofSeconds(30))).as("exit code after SIGTERM").isEqualTo(143);
            assertThat(hub.errors()).contains("database").contains("closed").contains("hub stopped")
                    .doesNotContain(password);
            assertThat(Files.exists(data.resolve("hub.db"))).isTrue();
        }
    }

    @Test
    void the_admin_password_comes_from_the_environment_and_is_not_printed() throws Exception {
        try (HubProcess hub = new HubProcess(Map.of(Main.ADMIN_PASSWORD_ENV, "from-the-env-1"),
                "--port", "0", "--data", dir.resolve("data").toString())) {
            String first = hub.nextLine(START);
            assertThat(first).startsWith("listening on http://127.0.0.1:");
        }
    }

    @Test
    void help_prints_usage_and_exits_0() throws Exception {
        try (HubProcess hub = new HubProcess(Map.of(), "--help")) {
            assertThat(hub.waitForExit(START)).isZero();
            assertThat(hub.nextLine(Duration.ofSeconds(5))).startsWith("usage: java -jar courtyard-hub.jar");
        }
    }

    @Test
    void a_bad_argument_exits_2() throws Exception {
        try (HubProcess hub = new HubProcess(Map.of(), "--port", "0", "--dta", "x")) {
            assertThat(hub.waitForExit(START)).isEqualTo(2);
            assertThat(hub.errors()).contains("--dta").contains("usage:");
        }
    }
}
