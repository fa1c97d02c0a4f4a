package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/hub/nginx-family.conf, the reverse proxy of docs/family.md, run by a real nginx in front
 * of a real hub with TLS: the family page and its API come through, and nothing else of the hub
 * does (the staff page, logins, the staff API, the kiosks' sync and audio, the family-contact
 * routes whose names begin like the family prefix). Skipped without nginx (.ci/run installs it).
 */
class FamilyProxyIT {

    static final Path NGINX = Path.of("/usr/sbin/nginx");
    static final Path CONFIG = Path.of(System.getProperty("courtyard.deploy.dir", "../deploy"))
            .resolve("hub/nginx-family.conf");

    @TempDir
    Path dir;

    TestHub hub;
    Process nginx;

    @AfterEach
    void stop() throws Exception {
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor(10, TimeUnit.SECONDS);
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void only_the_family_prefix_reaches_the_hub_through_the_proxy() throws Exception {
        assumeTrue(Files.isExecutable(NGINX), "nginx is not installed (apt-get install nginx-light)");
        hub = new TestHub(dir.resolve("hub"), config -> config.trustProxy(true));
        Path prefix = Files.createDirectories(dir.resolve("nginx"));
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", prefix.resolve("key.pem").toString(),
                "-out", prefix.resolve("cert.pem").toString());
        int port = freePort();
        String server = Files.readString(CONFIG, StandardCharsets.UTF_8)
                .replace("listen 443 ssl;", "listen 127.0.0.1:" + port + " ssl;")
                .replace("listen [::]:443 ssl;", "")
                .replace("listen 80;", "listen 127.0.0.1:" + freePort() + ";")
                .replace("listen [::]:80;", "")
                .replace("/etc/courtyard/family-tls/fullchain.pem", prefix.resolve("cert.pem").toString())
                .replace("/etc/courtyard/family-tls/privkey.pem", prefix.resolve("key.pem").toString())
                .replace("http://127.0.0.1:8080", "http://127.0.0.1:" + hub.hub.port());
        Files.writeString(prefix.resolve("family.conf"), server, StandardCharsets.UTF_8);
        Files.writeString(prefix.resolve("nginx.conf"), "worker_processes 1;\nerror_log " + prefix.resolve("error.log")
                + ";\npid " + prefix.resolve("nginx.pid") + ";\nevents {}\nhttp {\n  access_log off;\n"
                + "  client_body_temp_path " + prefix.resolve("body") + ";\n  proxy_temp_path " + prefix.resolve("proxy")
                + ";\n  fastcgi_temp_path " + prefix.resolve("fcgi") + ";\n  uwsgi_temp_path " + prefix.resolve("uwsgi")
                + ";\n  scgi_temp_path " + prefix.resolve("scgi") + ";\n  include " + prefix.resolve("family.conf")
                + ";\n}\n", StandardCharsets.UTF_8);
        nginx = new ProcessBuilder(NGINX.toString(), "-p", prefix.toString(), "-c", prefix.resolve("nginx.conf").toString(),
                "-g", "daemon off;").redirectErrorStream(true).redirectOutput(prefix.resolve("out.log").toFile()).start();
        HttpClient client = HttpClient.newBuilder().sslContext(TestCertificates.trusting(prefix.resolve("cert.pem")))
                .build();
        URI base = URI.create("https://127.0.0.1:" + port);
        Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> status(client, base.resolve("/family/"), "GET") == 200);

        assertThat(status(client, base.resolve("/family/"), "GET")).isEqualTo(200);
        assertThat(status(client, base.resolve("/family/family.js"), "GET")).isEqualTo(200);
        assertThat(status(client, base.resolve("/family/js/recorder-worklet.js"), "GET")).isEqualTo(200);
        assertThat(status(client, base.resolve("/api/v1/family/me"), "GET")).as("the family API, signed out")
                .isEqualTo(401);
        for (String closed : List.of("/", "/index.html", "/js/main.js", "/api/v1/login", "/api/v1/me",
                "/api/v1/residents", "/api/v1/sync", "/api/v1/family-contacts", "/api/v1/family-messages/x/audio",
                "/api/v1/stream", "/healthz")) {
            assertThat(status(client, base.resolve(closed), closed.equals("/api/v1/login") ? "POST" : "GET"))
                    .as(closed).isEqualTo(404);
        }
        // A wrong invitation code is counted against the phone's address, not the proxy's.
        HttpResponse<String> redeem = client.send(HttpRequest.newBuilder(base.resolve("/api/v1/family/redeem"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"code\":\"AAAA-BBBB-CCCC\",\"pin\":\"482915\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(redeem.statusCode()).isEqualTo(401);
        assertThat(hub.column("SELECT address FROM audit_log WHERE action = 'family.redeem.failed'"))
                .containsExactly("127.0.0.1");
    }

    private static int status(HttpClient client, URI uri, String method) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        request.method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString("{}")
                : HttpRequest.BodyPublishers.noBody());
        if (method.equals("POST")) {
            request.header("Content-Type", "application/json");
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
    }
}
