package org.courtyard.kiosk.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.courtyard.hardware.LampRole;
import org.courtyard.hardware.LampState;
import org.courtyard.kiosk.Kiosk;
import org.courtyard.kiosk.KioskConfig;
import org.courtyard.kiosk.TestKiosks;
import org.courtyard.kiosk.core.LinkState;
import org.courtyard.kiosk.headless.HeadlessConsole;
import org.courtyard.kiosk.sync.HubClient;
import org.courtyard.protocol.Protocol;
import org.courtyard.protocol.SyncRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kiosk talking to a hub over HTTPS: it trusts the township's CA or a pinned key, refuses
 * any other certificate before it sends a byte, and refuses plain HTTP to another machine.
 */
class HubTlsTest {

    private static final SyncRequest FIRST_CONTACT = new SyncRequest(Protocol.VERSION, "k-test", null, List.of());

    @TempDir
    static Path certificatesDir;

    private static TestCertificates certificates;

    private TestHubServer hub;

    @BeforeAll
    static void certificates() throws Exception {
        certificates = TestCertificates.create(certificatesDir);
    }

    @BeforeEach
    void hub() throws Exception {
        hub = TestHubServer.https(certificates.serverContext());
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void a_hub_certificate_from_the_township_ca_is_trusted() throws Exception {
        HubClient client = client(hub.uri(), HubTls.of(certificates.caPem, null, false));

        assertThat(client.sync(FIRST_CONTACT, 0).cursor()).isEqualTo("0");
        assertThat(hub.received()).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo("/api/v1/sync");
            assertThat(request.authorization()).isEqualTo("Bearer kiosk-token");
        });
    }

    @Test
    void a_certificate_from_an_unknown_ca_is_refused_before_the_token_is_sent() {
        HubClient client = client(hub.uri(), HubTls.of(certificates.otherCaPem, null, false));

        assertThatThrownBy(() -> client.sync(FIRST_CONTACT, 0))
                .isInstanceOf(HubUntrustedException.class)
                .hasMessage("the hub's certificate is not trusted: it is not signed by a CA this kiosk trusts "
                        + "(tls.ca-file, or the system's CAs without it)");
        assertThat(hub.received()).isEmpty();
    }

    @Test
    void the_system_cas_do_not_vouch_for_a_township_certificate() {
        HubClient client = client(hub.uri(), HubTls.defaults());

        assertThatThrownBy(() -> client.sync(FIRST_CONTACT, 0)).isInstanceOf(HubUntrustedException.class);
        assertThat(hub.received()).isEmpty();
    }

    @Test
    void a_certificate_for_another_name_is_refused_even_from_the_right_ca() {
        HubClient client = client(hub.uriByName(), HubTls.of(certificates.caPem, null, false));

        assertThatThrownBy(() -> client.sync(FIRST_CONTACT, 0))
                .isInstanceOf(HubUntrustedException.class)
                .hasMessageContaining("localhost");
        assertThat(hub.received()).isEmpty();
    }

    @Test
    void the_pinned_key_is_trusted_without_a_ca() throws Exception {
        HubClient client = client(hub.uri(), HubTls.of(null, "sha256/" + certificates.hubPin(), false));

        assertThat(client.sync(FIRST_CONTACT, 0).cursor()).isEqualTo("0");
    }

    @Test
    void the_right_ca_and_the_right_pin_together_are_trusted() throws Exception {
        HubClient client = client(hub.uri(), HubTls.of(certificates.caPem, certificates.hubPin(), false));

        assertThat(client.sync(FIRST_CONTACT, 0).cursor()).isEqualTo("0");
    }

    @Test
    void a_wrong_pin_is_refused_even_with_the_right_ca_and_the_message_names_the_hubs_key() throws Exception {
        String wrong = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";
        HubClient client = client(hub.uri(), HubTls.of(certificates.caPem, wrong, false));

        assertThatThrownBy(() -> client.sync(FIRST_CONTACT, 0))
                .isInstanceOf(HubUntrustedException.class)
                .hasMessage("the hub's certificate is not trusted: its public key is sha256/" + certificates.hubPin()
                        + ", which is not the pinned tls.pin-sha256 (" + wrong + ")");
        assertThat(hub.received()).isEmpty();
    }

    @Test
    void plain_http_to_another_machine_is_refused_unless_allowed() {
        URI lan = URI.create("http://10.0.0.5:8080");

        assertThatThrownBy(() -> HubTls.defaults().checkHub(lan, "--hub"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--hub http://10.0.0.5:8080 is plain HTTP to another machine")
                .hasMessageContaining("hub.allow-insecure-http=true");
        assertThat(HubTls.of(null, null, true).checkHub(lan, "--hub")).isEqualTo(lan);
    }

    @Test
    void plain_http_to_this_machine_is_allowed_for_the_demo_and_the_tests() {
        for (String address : List.of("http://127.0.0.1:8080", "http://localhost:8080", "http://[::1]:8080",
                "http://127.0.1.1")) {
            assertThat(HubTls.defaults().checkHub(URI.create(address), "--hub")).hasToString(address);
        }
        assertThat(HubTls.isLoopback(URI.create("http://127.0.0.1.example.com"))).isFalse();
        assertThat(HubTls.isLoopback(URI.create("http://10.127.0.1"))).isFalse();
    }

    @Test
    void a_bad_ca_file_or_pin_is_named_at_start() throws Exception {
        Path notPem = certificatesDir.resolve("not.pem");
        Files.writeString(notPem, "hello");

        assertThatThrownBy(() -> HubTls.of(certificatesDir.resolve("missing.pem"), null, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("tls.ca-file: cannot read");
        assertThatThrownBy(() -> HubTls.of(notPem, null, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("tls.ca-file: ");
        assertThatThrownBy(() -> HubTls.of(null, "not base64!", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("tls.pin-sha256 must be base64");
        assertThatThrownBy(() -> HubTls.of(null, "c2hvcnQ=", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tls.pin-sha256 must be the base64 of a 32-byte SHA-256");
    }

    @Test
    void a_kiosk_that_does_not_trust_its_hub_shows_it_in_the_link_state_and_blinks_the_link_lamp(
            @TempDir Path kioskDir) throws Exception {
        KioskConfig config = TestKiosks.config(kioskDir, hub.uri().toString(),
                "tls.ca-file=" + certificates.otherCaPem.toString().replace('\\', '/'));
        try (Kiosk kiosk = Kiosk.create(config, Clock.systemUTC())) {
            kiosk.start();

            await().atMost(Duration.ofSeconds(10)).until(() -> kiosk.model().state().link() == LinkState.UNTRUSTED);
            assertThat(kiosk.model().state().linkDetail()).startsWith("the hub's certificate is not trusted: ");
            assertThat(HeadlessConsole.status(kiosk.model().state())).isEqualTo("status link=UNTRUSTED help=NONE");
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    kiosk.hardware().simulator().orElseThrow().lampState(LampRole.LINK) == LampState.BLINK);
            assertThat(hub.received()).isEmpty();
        }
    }

    private static HubClient client(URI uri, HubTls tls) {
        return new HubClient(HubConnection.of(uri, "kiosk-token", tls), Duration.ofSeconds(5));
    }
}
