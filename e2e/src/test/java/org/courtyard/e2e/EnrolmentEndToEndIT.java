package org.courtyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh kiosk enrolled as a technician would: the admin creates it on the hub and reads out the
 * code, the kiosk is started with nothing but its data folder and told {@code enrol URL CODE}; from
 * then on it starts by itself and reports its health.
 */
class EnrolmentEndToEndIT {

    private static final Duration SOON = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void a_kiosk_enrolled_with_a_code_runs_reports_health_and_starts_again_on_its_saved_credentials()
            throws Exception {
        Path data = dir.resolve("kiosk");
        try (JavaProcess hub = Courtyard.hub(dir.resolve("hub"))) {
            HubApi admin = Courtyard.api(hub).login("admin", Courtyard.ADMIN_PASSWORD);
            JsonNode created = admin.createKiosk("和平村小院", "和平村");
            String id = created.get("id").asText();
            String code = created.get("enrolmentCode").asText();

            try (JavaProcess kiosk = Courtyard.kioskWithoutCredentials(data)) {
                kiosk.awaitLine(line -> line.startsWith("kiosk not enrolled yet"), Courtyard.START);
                kiosk.type("enrol " + admin.base() + " " + code);

                kiosk.awaitLine(line -> line.startsWith("enrolled as " + id + " (和平村小院, 和平村)"), SOON);
                kiosk.awaitLine(line -> line.startsWith("kiosk " + id + " running headless; commands: "), SOON);
                await().atMost(SOON).untilAsserted(() -> assertThat(kiosk.status()).contains("link=ONLINE"));
                await().atMost(SOON).untilAsserted(() -> {
                    JsonNode listed = admin.call("GET", "/api/v1/kiosks/" + id, null, 200);
                    assertThat(listed.at("/lastHeartbeat/diskFreeMb").asLong()).isPositive();
                    assertThat(listed.at("/lastHeartbeat/selfTest/button").asText()).isEqualTo("ok");
                    assertThat(listed.at("/lastHeartbeat/selfTest/speaker").asText()).startsWith("missing: ");
                });

                kiosk.type("press");
                await().atMost(SOON).untilAsserted(() -> assertThat(admin.helpRequests())
                        .singleElement().satisfies(help -> assertThat(help.get("kioskId").asText()).isEqualTo(id)));
                kiosk.type("quit");
                assertThat(kiosk.waitForExit(SOON)).isZero();
            }
            Path credentials = data.resolve("credentials.properties");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials))).isEqualTo("rw-------");

            try (JavaProcess again = Courtyard.kioskWithoutCredentials(data)) {
                again.awaitLine(line -> line.startsWith("kiosk " + id + " running headless"), Courtyard.START);
                await().atMost(SOON).untilAsserted(() -> assertThat(again.status()).contains("link=ONLINE"));
                assertThat(again.output()).doesNotContain("not enrolled");
                again.type("quit");
                assertThat(again.waitForExit(SOON)).isZero();
            }
        }
    }

    @Test
    void a_kiosk_that_is_not_enrolled_explains_itself_and_stops_at_the_end_of_input() throws Exception {
        try (JavaProcess kiosk = Courtyard.kioskWithoutCredentials(dir.resolve("kiosk"))) {
            kiosk.awaitLine(line -> line.startsWith("kiosk not enrolled yet"), Courtyard.START);
            kiosk.type("enrol http://10.0.0.5:8080 4829-1736");
            kiosk.awaitLine(line -> line.startsWith("error: the hub address http://10.0.0.5:8080 is plain HTTP"), SOON);
            kiosk.type("quit");

            assertThat(kiosk.waitForExit(SOON)).isEqualTo(1);
        }
    }
}
