package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub jar serving HTTPS with a keystore made by deploy/hub/township-tls.sh, the procedure of
 * docs/tls.md, and the listening line scripts wait for.
 */
class TlsIT {

    static final String PASSWORD = "keystore-pass-1";

    @TempDir
    Path dir;

    @Test
    void the_jar_serves_https_with_the_township_ca_made_by_the_script() throws Exception {
        Path tls = dir.resolve("tls");
        script("ca", tls.toString());
        script("hub", tls.toString(), "localhost", "127.0.0.1");
        Path config = dir.resolve("hub.properties");
        Files.writeString(config, "tls.keystore=" + tls.resolve("hub.p12") + "\n", StandardCharsets.UTF_8);

        try (HubProcess hub = new HubProcess(Map.of(Main.TLS_PASSWORD_ENV, PASSWORD,
                Main.ADMIN_PASSWORD_ENV, TestHub.ADMIN_PASSWORD),
                "--port", "0", "--data", dir.resolve("data").toString(), "--config", config.toString())) {
            URI base = hub.awaitListening(Duration.ofSeconds(60));

            assertThat(base.toString()).matches("https://127\\.0\\.0\\.1:\\d+");
            HttpClient trusting = HttpClient.newBuilder()
                    .sslContext(TestCertificates.trusting(tls.resolve("township-ca.crt"))).build();
            HttpResponse<String> health = trusting.send(HttpRequest.newBuilder(base.resolve("/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/healthz"))
                    .build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
            hub.terminate();
            assertThat(hub.waitForExit(Duration.ofSeconds(30))).isEqualTo(143);
            assertThat(hub.errors()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void the_jar_refuses_a_keystore_without_its_password() throws Exception {
        Path tls = dir.resolve("tls");
        script("ca", tls.toString());
        script("hub", tls.toString(), "localhost", "127.0.0.1");
        Path config = dir.resolve("hub.properties");
        Files.writeString(config, "tls.keystore=" + tls.resolve("hub.p12") + "\n", StandardCharsets.UTF_8);

        try (HubProcess hub = new HubProcess(Map.of(), "--port", "0", "--data", dir.resolve("data").toString(),
                "--config", config.toString())) {
            assertThat(hub.waitForExit(Duration.ofSeconds(60))).isEqualTo(2);
            assertThat(hub.errors()).contains("COURTYARD_TLS_PASSWORD");
        }
    }

    private static void script(String... args) throws Exception {
        Path script = Path.of(System.getProperty("courtyard.deploy.dir"), "hub", "township-tls.sh");
        List<String> command = new java.util.ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put(Main.TLS_PASSWORD_ENV, PASSWORD);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
