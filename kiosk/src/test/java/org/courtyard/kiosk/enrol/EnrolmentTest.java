package org.courtyard.kiosk.enrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import org.courtyard.kiosk.KioskConfig;
import org.courtyard.kiosk.net.HubTls;
import org.courtyard.kiosk.net.TestHubServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fresh kiosk trading an enrolment code for its id and token, against a stand-in hub. */
class EnrolmentTest {

    @TempDir
    Path data;

    private TestHubServer hub;
    private final EnrolmentClient client = new EnrolmentClient(HubTls.defaults(), Duration.ofSeconds(5));

    @BeforeEach
    void hub() throws Exception {
        hub = TestHubServer.http();
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void a_good_code_saves_id_and_token_readable_by_the_kiosk_user_only() throws Exception {
        Credentials credentials = client.enrol(hub.uri(), "4829-1736", data);

        assertThat(credentials.kioskId()).isEqualTo("k-7mq2xw9a");
        assertThat(credentials.token()).isEqualTo("enrolled-token");
        assertThat(credentials.name()).isEqualTo("村委会活动室");
        assertThat(credentials.village()).isEqualTo("大村");
        assertThat(hub.received()).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo("/api/v1/enrol");
            assertThat(request.body()).isEqualTo("{\"code\":\"48291736\"}");
            assertThat(request.authorization()).isNull();
        });
        Path file = data.resolve("credentials.properties");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).contains("kiosk-id=k-7mq2xw9a", "token=enrolled-token");
        assertThat(Credentials.load(data)).contains(credentials);
        assertThat(data.resolve("credentials.properties.new")).doesNotExist();

        KioskConfig restarted = KioskConfig.parse(new String[] {"--data", data.toString(), "--hardware", "sim"});
        assertThat(restarted.kioskId()).isEqualTo("k-7mq2xw9a");
        assertThat(restarted.hub()).isEqualTo(hub.uri());
    }

    @Test
    void a_refused_code_says_why_and_saves_nothing() {
        hub.enrolAnswer(401, TestHubServer.error("unauthorized", "this enrolment code is wrong, expired or used"));

        assertThatThrownBy(() -> client.enrol(hub.uri(), "48291736", data))
                .isInstanceOfSatisfying(EnrolmentRefusedException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.throttled()).isFalse();
                })
                .hasMessage("this enrolment code is wrong, expired or used");
        assertThat(data.resolve("credentials.properties")).doesNotExist();
    }

    @Test
    void too_many_attempts_are_reported_as_throttled() {
        hub.enrolAnswer(429, TestHubServer.error("too_many_requests", "try again in 10 minutes"));

        assertThatThrownBy(() -> client.enrol(hub.uri(), "48291736", data))
                .isInstanceOfSatisfying(EnrolmentRefusedException.class, e -> assertThat(e.throttled()).isTrue());
    }

    @Test
    void a_code_that_is_not_eight_digits_is_never_sent() {
        assertThatThrownBy(() -> client.enrol(hub.uri(), "4829-173", data))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the enrolment code is 8 digits, like 4829-1736; got '4829-173'");
        assertThatThrownBy(() -> client.enrol(hub.uri(), "4829-173x", data))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(hub.received()).isEmpty();
    }

    @Test
    void a_typed_address_without_a_scheme_means_https_and_plain_http_to_the_lan_is_refused() {
        assertThat(client.hubAddress(" 10.0.0.5:8443 ")).isEqualTo(URI.create("https://10.0.0.5:8443"));
        assertThat(client.hubAddress("http://127.0.0.1:8080")).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThatThrownBy(() -> client.hubAddress("http://10.0.0.5:8080"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the hub address http://10.0.0.5:8080 is plain HTTP to another machine");
        assertThatThrownBy(() -> client.hubAddress("")).hasMessage("the hub address is empty");
    }

    @Test
    void headless_enrolment_reads_enrol_url_code_and_explains_everything_else() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        EnrolmentConsole console = new EnrolmentConsole(client, data, null, out);
        String input = String.join("\n", "press", "enrol 4829-1736", "enrol " + hub.uri() + " 4829", "enrol "
                + hub.uri() + " 4829-1736", "status", "");

        Optional<Credentials> enrolled = console.run(new BufferedReader(new StringReader(input)));

        assertThat(enrolled).map(Credentials::kioskId).contains("k-7mq2xw9a");
        assertThat(printed.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "kiosk not enrolled yet; type: enrol URL CODE  (the code comes from the hub's kiosk page), or quit",
                "error: this kiosk is not enrolled yet; type enrol URL CODE first",
                "error: type enrol URL CODE, e.g. enrol https://hub.township:8443 4829-1736",
                "error: the enrolment code is 8 digits, like 4829-1736; got '4829'",
                "enrolled as k-7mq2xw9a (村委会活动室, 大村); credentials saved in "
                        + data.resolve("credentials.properties"));
        assertThat(hub.received()).hasSize(1);
    }

    @Test
    void headless_enrolment_uses_the_configured_hub_and_gives_up_at_the_end_of_input() throws Exception {
        hub.enrolAnswer(401, TestHubServer.error("unauthorized", "this enrolment code is wrong, expired or used"));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        EnrolmentConsole console = new EnrolmentConsole(client, data, hub.uri(),
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        Optional<Credentials> enrolled = console.run(new BufferedReader(new StringReader("enrol 48291736\n")));

        assertThat(enrolled).isEmpty();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains(
                "error: the hub refused the code: this enrolment code is wrong, expired or used");
        assertThat(hub.received()).singleElement().satisfies(request ->
                assertThat(request.body()).isEqualTo("{\"code\":\"48291736\"}"));
    }
}
