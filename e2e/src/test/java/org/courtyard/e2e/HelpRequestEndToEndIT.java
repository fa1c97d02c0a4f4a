package org.courtyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The help flow across real processes: a headless sim kiosk and a hub, over real HTTP, as in
 * {@code ./courtyard demo}.
 */
class HelpRequestEndToEndIT {

    private static final Duration SOON = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void a_press_reaches_staff_live_and_their_acknowledgement_comes_back_to_the_kiosk() throws Exception {
        try (JavaProcess hub = Courtyard.hub(dir.resolve("hub"))) {
            HubApi staff = Courtyard.api(hub).login("admin", Courtyard.ADMIN_PASSWORD);
            JsonNode kioskId = staff.createKiosk("和平村小院", "和平村");
            try (HubApi.EventStream stream = staff.stream();
                    JavaProcess kiosk = Courtyard.kiosk(staff.base().toString(), kioskId, dir.resolve("kiosk"))) {
                kiosk.awaitLine(line -> line.startsWith("kiosk ") && line.contains("running headless"), Courtyard.START);
                await().atMost(SOON).untilAsserted(() -> assertThat(kiosk.status()).contains("link=ONLINE"));

                Instant pressed = Instant.now();
                kiosk.type("press");

                kiosk.awaitLine(line -> line.equals("button press"), SOON);
                kiosk.awaitLine(line -> line.equals("relay on"), SOON);
                await().atMost(SOON).untilAsserted(() -> assertThat(stream.events())
                        .anySatisfy(event -> assertThat(event).startsWith("help-created")));
                JsonNode requests = staff.helpRequests();
                assertThat(requests).hasSize(1);
                JsonNode request = requests.get(0);
                assertThat(request.get("status").asText()).isEqualTo("NEW");
                assertThat(request.get("source").asText()).isEqualTo("BUTTON");
                assertThat(request.get("village").asText()).isEqualTo("和平村");
                assertThat(Instant.parse(request.get("occurredAt").asText()))
                        .isBetween(pressed.minusSeconds(5), Instant.now());
                await().atMost(SOON).untilAsserted(() -> assertThat(kiosk.status()).contains("help=DELIVERED"));

                staff.transition(request.get("id").asText(), "ACKNOWLEDGED", "马上到", null);

                kiosk.awaitLine(line -> line.equals("lamp acknowledged on"), SOON);
                assertThat(kiosk.status()).isEqualTo("status link=ONLINE help=ACKNOWLEDGED");
                await().atMost(SOON).untilAsserted(() -> assertThat(stream.events())
                        .anySatisfy(event -> assertThat(event).startsWith("help-updated")));

                kiosk.type("quit");
                assertThat(kiosk.waitForExit(SOON)).isZero();
                assertThat(kiosk.output()).contains("relay off");
            }
        }
    }

    @Test
    void a_press_while_the_hub_is_down_arrives_once_with_its_original_time_after_a_kiosk_restart()
            throws Exception {
        JsonNode kioskId;
        try (JavaProcess hub = Courtyard.hub(dir.resolve("hub"))) {
            kioskId = Courtyard.api(hub).login("admin", Courtyard.ADMIN_PASSWORD).createKiosk("小院", "和平村");
        }
        Instant pressed;
        // The hub is down: the kiosk is pointed at a port nothing listens on.
        String nowhere = "http://127.0.0.1:" + closedPort();
        try (JavaProcess kiosk = Courtyard.kiosk(nowhere, kioskId, dir.resolve("kiosk"))) {
            kiosk.awaitLine(line -> line.contains("running headless"), Courtyard.START);
            pressed = Instant.now();
            kiosk.type("press");
            kiosk.awaitLine(line -> line.equals("button press"), SOON);
            await().atMost(SOON).untilAsserted(() -> assertThat(kiosk.status())
                    .isEqualTo("status link=OFFLINE help=NEW"));
            kiosk.kill();
        }
        try (JavaProcess hub = Courtyard.hub(dir.resolve("hub"))) {
            HubApi staff = Courtyard.api(hub).login("admin", Courtyard.ADMIN_PASSWORD);
            try (JavaProcess kiosk = Courtyard.kiosk(staff.base().toString(), kioskId, dir.resolve("kiosk"))) {
                await().atMost(SOON).untilAsserted(() -> assertThat(kiosk.status()).contains("help=DELIVERED"));
                // Its earlier pushes and this one must not have made copies.
                kiosk.type("press");
                kiosk.awaitLine(line -> line.equals("button press"), SOON);
                await().atMost(SOON).untilAsserted(() -> assertThat(kiosk.status()).contains("link=ONLINE"));

                JsonNode requests = staff.helpRequests();
                assertThat(requests).hasSize(1);
                Instant occurredAt = Instant.parse(requests.get(0).get("occurredAt").asText());
                Instant receivedAt = Instant.parse(requests.get(0).get("receivedAt").asText());
                assertThat(occurredAt).isBetween(pressed.minusSeconds(5), pressed.plusSeconds(5));
                assertThat(receivedAt).isAfter(occurredAt);
            }
        }
    }

    /** A port that was free a moment ago and is closed now. */
    private static int closedPort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void a_hard_kill_of_the_hub_loses_no_request_it_had_accepted() throws Exception {
        JsonNode kioskId;
        String url;
        JavaProcess hub = Courtyard.hub(dir.resolve("hub"));
        try (hub) {
            HubApi staff = Courtyard.api(hub).login("admin", Courtyard.ADMIN_PASSWORD);
            kioskId = staff.createKiosk("小院", "和平村");
            url = staff.base().toString();
            try (JavaProcess kiosk = Courtyard.kiosk(url, kioskId, dir.resolve("kiosk"))) {
                kiosk.awaitLine(line -> line.contains("running headless"), Courtyard.START);
                kiosk.type("press");
                // DELIVERED means the hub answered the sync that carried the request.
                await().atMost(SOON).untilAsserted(() -> assertThat(kiosk.status()).contains("help=DELIVERED"));
                hub.kill();
            }
        }
        try (JavaProcess restarted = Courtyard.hub(dir.resolve("hub"))) {
            HubApi staff = Courtyard.api(restarted).login("admin", Courtyard.ADMIN_PASSWORD);
            assertThat(staff.helpRequests()).hasSize(1);
        }
    }
}
