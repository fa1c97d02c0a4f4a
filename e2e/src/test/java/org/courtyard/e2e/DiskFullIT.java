package org.courtyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.courtyard.protocol.ProtocolJson;
import org.courtyard.protocol.testing.SmallDisk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Full disks across real processes, each data directory on its own small real filesystem (a
 * tmpfs; the test is skipped with the reason where it cannot be mounted): the hub's disk fills up
 * and a kiosk keeps its help request until the hub can store it again, without a restart; a kiosk's
 * SD card fills up and its help request is still saved before the elder hears "sent".
 */
class DiskFullIT {

    private static final Duration SOON = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void a_help_request_waits_in_the_kiosk_while_the_hubs_disk_is_full_and_arrives_once_space_is_freed()
            throws Exception {
        try (SmallDisk disk = SmallDisk.mount(Files.createDirectory(dir.resolve("hub-disk")), 32);
                JavaProcess hub = Courtyard.hub(disk.path().resolve("hub"), "store.min-free-mb=1")) {
            HubApi staff = Courtyard.api(hub).login("admin", Courtyard.ADMIN_PASSWORD);
            JsonNode registered = staff.createKiosk("和平村小院", "和平村");
            try (JavaProcess kiosk = Courtyard.kiosk(staff.base().toString(), registered, dir.resolve("kiosk"))) {
                await().atMost(SOON).untilAsserted(() -> assertThat(kiosk.status()).contains("link=ONLINE"));
                disk.fill();

                kiosk.type("press");

                // The kiosk's push met the full disk: the hub says so.
                await().atMost(SOON).untilAsserted(() -> assertThat(health(staff.base()).toString())
                        .contains("\"degraded\"", "disk_low", "writer_failing"));
                assertThat(kiosk.status()).contains("help=NEW");
                assertThat(staff.helpRequests()).as("nothing half-stored while full").isEmpty();
                assertThat(hub.output()).doesNotContain("cannot commit");

                disk.free();
                long freed = System.nanoTime();

                await().atMost(SOON).untilAsserted(() -> assertThat(kiosk.status()).contains("help=DELIVERED"));
                System.out.printf("disk-full: the help request reached the hub %d ms after space was freed%n",
                        (System.nanoTime() - freed) / 1_000_000);
                assertThat(staff.helpRequests()).hasSize(1);
                await().atMost(SOON).untilAsserted(() -> assertThat(health(staff.base()).get("status").asText())
                        .isEqualTo("ok"));
                assertThat(hub.isAlive()).as("no restart").isTrue();
            }
        }
    }

    @Test
    void on_a_full_sd_card_the_help_request_is_saved_before_the_elder_hears_sent_and_reaches_the_hub()
            throws Exception {
        try (SmallDisk card = SmallDisk.mount(Files.createDirectory(dir.resolve("sd-card")), 32);
                JavaProcess hub = Courtyard.hub(dir.resolve("hub"))) {
            HubApi staff = Courtyard.api(hub).login("admin", Courtyard.ADMIN_PASSWORD);
            JsonNode registered = staff.createKiosk("和平村小院", "和平村");
            try (JavaProcess kiosk = Courtyard.kiosk(staff.base().toString(), registered, card.path().resolve("kiosk"))) {
                kiosk.awaitLine(line -> line.contains("running headless"), Courtyard.START);
                card.fill();

                kiosk.type("press");

                kiosk.awaitLine(line -> line.contains("uses the disk space reserved for help requests"), SOON);
                // Saved, then delivered: the elder hears "sent", or straight away "received" if the hub was quicker.
                kiosk.awaitLine(line -> line.startsWith("audio start prompt-help.saved")
                        || line.startsWith("audio start prompt-help.delivered"), SOON);
                await().atMost(SOON).untilAsserted(() -> assertThat(kiosk.status()).contains("help=DELIVERED"));
                assertThat(staff.helpRequests()).hasSize(1);
                assertThat(kiosk.output()).doesNotContain("prompt-help.not-saved");
            }
        }
    }

    private static JsonNode health(URI hub) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(hub.resolve("/healthz")).build(), HttpResponse.BodyHandlers.ofString());
        return ProtocolJson.mapper().readTree(answer.body());
    }
}
