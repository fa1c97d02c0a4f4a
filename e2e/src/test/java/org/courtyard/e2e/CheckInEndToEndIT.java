package org.courtyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import org.courtyard.protocol.ProtocolJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 报平安 across real processes: a resident registered on the hub reaches a headless sim kiosk with
 * the roster of its village, checks in there, and shows in the hub's check-ins of today.
 */
class CheckInEndToEndIT {

    private static final Duration SOON = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void a_resident_created_on_the_hub_checks_in_at_the_kiosk_and_shows_in_todays_check_ins() throws Exception {
        try (JavaProcess hub = Courtyard.hub(dir.resolve("hub"))) {
            HubApi staff = Courtyard.api(hub).login("admin", Courtyard.ADMIN_PASSWORD);
            JsonNode kioskId = staff.createKiosk("和平村幸福小院", "和平村");
            try (JavaProcess kiosk = Courtyard.kiosk(staff.base().toString(), kioskId, dir.resolve("kiosk"))) {
                kiosk.awaitLine(line -> line.contains("running headless"), Courtyard.START);
                await().atMost(SOON).untilAsserted(() -> assertThat(kiosk.status()).contains("link=ONLINE"));

                ObjectNode resident = ProtocolJson.mapper().createObjectNode().put("name", "张桂英")
                        .put("village", "和平村").put("type", "ELDER").put("checkInEveryDays", 1)
                        .put("phone", "13812345678");
                String residentId = staff.call("POST", "/api/v1/residents", resident, 201).get("id").asText();

                // The roster reaches the waiting kiosk through its long-poll, without a phone number.
                await().atMost(SOON).untilAsserted(() -> {
                    int from = kiosk.lineCount();
                    kiosk.type("residents");
                    String line = kiosk.awaitLineAfter(from, text -> text.startsWith("residents "), SOON);
                    assertThat(line).isEqualTo("residents 1: " + residentId + " 张桂英");
                });
                kiosk.type("checkin 张桂英");
                kiosk.awaitLine(line -> line.equals("checked in 张桂英 " + residentId), SOON);

                await().atMost(SOON).untilAsserted(() -> {
                    JsonNode today = staff.call("GET", "/api/v1/check-ins", null, 200);
                    assertThat(today).hasSize(1);
                    assertThat(today.get(0).get("residentId").asText()).isEqualTo(residentId);
                    assertThat(today.get(0).get("kioskId").asText()).isEqualTo(kioskId.get("id").asText());
                });
                JsonNode board = staff.call("GET", "/api/v1/check-ins/by-village", null, 200);
                assertThat(board.get(0).get("checkedIn").get(0).get("name").asText()).isEqualTo("张桂英");
                assertThat(kiosk.output()).doesNotContain("13812345678");

                kiosk.type("quit");
                assertThat(kiosk.waitForExit(SOON)).isZero();
            }
        }
    }
}
