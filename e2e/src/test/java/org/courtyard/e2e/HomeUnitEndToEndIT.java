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
 * A home unit (居家呼叫器) across real processes: the hub and a headless sim kiosk started with
 * {@code profile=home}, bound on the hub to 张桂英. Its green button checks her in, its red button
 * raises a request that names her and her address and is marked 居家, and when the unit goes quiet
 * the hub raises 「居家呼叫器离线」 after its (shortened) silent time.
 */
class HomeUnitEndToEndIT {

    private static final Duration SOON = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private static String resident(HubApi staff) throws Exception {
        ObjectNode resident = ProtocolJson.mapper().createObjectNode().put("name", "张桂英").put("village", "和平村")
                .put("type", "ELDER").put("checkInEveryDays", 1).put("address", "和平村3组12号");
        return staff.call("POST", "/api/v1/residents", resident, 201).get("id").asText();
    }

    private static JavaProcess unit(HubApi staff, JsonNode unit, Path data) throws Exception {
        JavaProcess process = Courtyard.kiosk(staff.base().toString(), unit, data, "profile=home",
                "home.name-voice=none");
        process.awaitLine(line -> line.startsWith("home unit ") && line.contains("running headless"), Courtyard.START);
        return process;
    }

    @Test
    void the_green_button_checks_the_resident_in_and_the_red_one_asks_for_help_with_her_id_and_address()
            throws Exception {
        try (JavaProcess hub = Courtyard.hub(dir.resolve("hub"))) {
            HubApi staff = Courtyard.api(hub).login("admin", Courtyard.ADMIN_PASSWORD);
            String residentId = resident(staff);
            JsonNode created = staff.createHomeUnit("张桂英家", "和平村", residentId);
            JsonNode registered = staff.call("GET", "/api/v1/kiosks/" + created.get("id").asText(), null, 200);
            assertThat(registered.get("kind").asText()).isEqualTo("HOME");
            assertThat(registered.get("resident").get("name").asText()).isEqualTo("张桂英");
            try (JavaProcess unit = unit(staff, created, dir.resolve("unit"))) {
                // The first sync names her: the unit knows whose it is, and got no roster of the village.
                await().atMost(SOON).untilAsserted(() -> assertThat(unit.status())
                        .contains("link=ONLINE").contains("resident=" + residentId));

                unit.type("checkin");
                unit.awaitLine(line -> line.equals("checked in 张桂英 " + residentId), SOON);
                await().atMost(SOON).untilAsserted(() -> {
                    JsonNode today = staff.call("GET", "/api/v1/check-ins", null, 200);
                    assertThat(today).hasSize(1);
                    assertThat(today.get(0).get("residentId").asText()).isEqualTo(residentId);
                    assertThat(today.get(0).get("kioskId").asText()).isEqualTo(created.get("id").asText());
                });
                assertThat(unit.status()).contains("checkin=DONE");

                unit.type("press");
                await().atMost(SOON).untilAsserted(() -> assertThat(unit.status()).contains("help=DELIVERED"));
                JsonNode request = staff.helpRequests().get(0);
                assertThat(request.get("residentId").asText()).isEqualTo(residentId);
                assertThat(request.get("kioskKind").asText()).isEqualTo("HOME");
                assertThat(request.get("resident").get("name").asText()).isEqualTo("张桂英");
                assertThat(request.get("resident").get("address").asText()).isEqualTo("和平村3组12号");
                assertThat(unit.output()).as("a home unit has no courtyard loudspeaker").doesNotContain("relay on");

                unit.type("quit");
                assertThat(unit.waitForExit(SOON)).isZero();
            }
        }
    }

    @Test
    void a_unit_that_goes_quiet_raises_the_offline_alert_after_the_silent_time_and_clears_it_when_back()
            throws Exception {
        try (JavaProcess hub = Courtyard.hub(dir.resolve("hub"), "home.silent-minutes=1")) {
            HubApi staff = Courtyard.api(hub).login("admin", Courtyard.ADMIN_PASSWORD);
            String residentId = resident(staff);
            JsonNode created = staff.createHomeUnit("张桂英家", "和平村", residentId);
            try (HubApi.EventStream stream = staff.stream()) {
                try (JavaProcess unit = unit(staff, created, dir.resolve("unit"))) {
                    await().atMost(SOON).untilAsserted(() -> assertThat(unit.status()).contains("link=ONLINE"));
                    unit.type("quit");
                    assertThat(unit.waitForExit(SOON)).isZero();
                }
                // One minute without contact, then the hub's next look (every 30 s).
                await().atMost(Duration.ofMinutes(3)).untilAsserted(() -> assertThat(stream.events())
                        .anySatisfy(event -> assertThat(event).startsWith("home-offline")));
                JsonNode units = staff.call("GET", "/api/v1/home-units?residentId=" + residentId, null, 200);
                assertThat(units.get(0).get("silentSince").isNull()).isFalse();
                assertThat(units.get(0).get("address").asText()).isEqualTo("和平村3组12号");

                try (JavaProcess unit = unit(staff, created, dir.resolve("unit"))) {
                    await().atMost(SOON).untilAsserted(() -> assertThat(stream.events())
                            .anySatisfy(event -> assertThat(event).startsWith("home-back")));
                    unit.type("quit");
                    assertThat(unit.waitForExit(SOON)).isZero();
                }
                JsonNode back = staff.call("GET", "/api/v1/home-units?residentId=" + residentId, null, 200);
                assertThat(back.get(0).get("silentSince").isNull()).isTrue();
            }
        }
    }
}
