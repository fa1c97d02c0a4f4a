package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.courtyard.hub.web.TlsSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS with a township CA: trusted clients are served, others are refused at the handshake. */
class TlsTest {

    @TempDir
    static Path certificates;

    static TestCertificates tls;

    @TempDir
    Path dir;

    TestHub hub;

    @BeforeAll
    static void makeCertificates() throws Exception {
        tls = TestCertificates.create(certificates);
    }

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void a_client_that_trusts_the_township_ca_is_served_over_https() throws Exception {
        hub = startTlsHub();

        TestHub.Answer health = hub.get("/healthz", null);
        TestHub.Answer login = hub.post("/api/v1/login", null,
                Map.of("username", "admin", "password", TestHub.ADMIN_PASSWORD));

        assertThat(hub.hub.uri().toString()).matches("https://127\\.0\\.0\\.1:\\d+");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.headers().firstValue("Set-Cookie").orElseThrow()).contains("; Secure;")
                .contains("HttpOnly").contains("SameSite=Strict");
    }

    @Test
    void a_client_that_does_not_trust_the_ca_is_refused_at_the_handshake() throws Exception {
        hub = startTlsHub();
        HttpClient stranger = HttpClient.newHttpClient();

        assertThatThrownBy(() -> stranger.send(HttpRequest.newBuilder(hub.uri("/healthz")).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void plain_http_gets_no_answer_on_the_https_port() throws Exception {
        hub = startTlsHub();
        URI plain = URI.create("http://127.0.0.1:" + hub.hub.port() + "/healthz");

        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(plain).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        assertThat(hub.get("/healthz", null).status()).isEqualTo(200);
    }

    @Test
    void only_tls_1_2_and_newer_are_spoken() throws Exception {
        hub = startTlsHub();
        javax.net.ssl.SSLContext trusting = tls.trustingContext();

        try (SSLSocket socket = (SSLSocket) trusting.getSocketFactory().createSocket("127.0.0.1", hub.hub.port())) {
            socket.startHandshake();
            assertThat(socket.getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
        }
        try (SSLSocket socket = (SSLSocket) trusting.getSocketFactory().createSocket("127.0.0.1", hub.hub.port())) {
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            socket.startHandshake();
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
        }
    }

    @Test
    void a_wrong_keystore_password_stops_the_hub_naming_the_key() {
        HubConfig config = HubConfig.builder(dir).port(0)
                .tls(new TlsSettings(tls.hubKeystore(), "not-the-password")).build();

        assertThatThrownBy(() -> Hub.create(config)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tls.keystore").hasMessageNotContaining("not-the-password");
    }

    @Test
    void the_keystore_password_comes_from_the_environment_or_the_file() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("tls.keystore", tls.hubKeystore().toString());

        assertThatThrownBy(() -> HubConfig.builder(dir).apply(properties).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("COURTYARD_TLS_PASSWORD");
        HubConfig fromEnvironment = HubConfig.builder(dir).apply(properties)
                .tlsPasswordFromEnvironment(TestCertificates.PASSWORD).build();
        properties.setProperty("tls.keystore-password", TestCertificates.PASSWORD);
        HubConfig fromFile = HubConfig.builder(dir).apply(properties).build();

        assertThat(fromEnvironment.tls()).hasValue(new TlsSettings(tls.hubKeystore(), TestCertificates.PASSWORD));
        assertThat(fromFile.tls()).isEqualTo(fromEnvironment.tls());
        assertThat(fromFile.toString()).doesNotContain(TestCertificates.PASSWORD);
        Properties missing = new Properties();
        missing.setProperty("tls.keystore", dir.resolve("nothing.p12").toString());
        assertThatThrownBy(() -> HubConfig.builder(dir).apply(missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tls.keystore");
        assertThat(Files.exists(dir.resolve("nothing.p12"))).isFalse();
    }

    private TestHub startTlsHub() throws Exception {
        HttpClient trusting = HttpClient.newBuilder().sslContext(tls.trustingContext()).build();
        return new TestHub(dir, builder -> builder.tls(new TlsSettings(tls.hubKeystore(), tls.password())), trusting);
    }
}
