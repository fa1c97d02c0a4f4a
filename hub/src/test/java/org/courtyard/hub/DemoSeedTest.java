package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.courtyard.hub.api.checkin.CheckInFeature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoSeedTest {

    @TempDir
    Path dir;

    private TestHub hub;

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void the_demo_seed_creates_a_staff_login_a_kiosk_and_zhang_guiyings_home_unit_once() throws Exception {
        hub = new TestHub(dir.resolve("hub"));
        Path file = dir.resolve("demo.properties");

        new DemoSeed(hub.uri("/"), hub.clock).seed(file, TestHub.ADMIN_PASSWORD);
        Properties first = read(file);
        new DemoSeed(hub.uri("/"), hub.clock).seed(file, TestHub.ADMIN_PASSWORD);

        assertThat(read(file)).isEqualTo(first);
        assertThat(hub.login(first.getProperty("staff.username"), first.getProperty("staff.password"))).isNotBlank();
        TestHub.Answer kiosks = hub.get("/api/v1/kiosks", hub.adminToken);
        assertThat(kiosks.json()).hasSize(2);
        JsonNode courtyard = kiosks.json().get(0).get("kind").asText().equals("COURTYARD") ? kiosks.json().get(0)
                : kiosks.json().get(1);
        assertThat(courtyard.get("id").asText()).isEqualTo(first.getProperty("kiosk.id"));
        assertThat(courtyard.get("village").asText()).isEqualTo(DemoSeed.VILLAGE);
        // 张桂英's home unit, which ./courtyard demo runs with the printed id and token.
        JsonNode home = hub.get("/api/v1/kiosks/" + first.getProperty("home.id"), hub.adminToken).json();
        assertThat(home.get("kind").asText()).isEqualTo("HOME");
        assertThat(home.get("resident").get("name").asText()).isEqualTo(DemoSeed.HOME_RESIDENT);
        TestHub.Kiosk unit = new TestHub.Kiosk(first.getProperty("home.id"), first.getProperty("home.token"),
                DemoSeed.VILLAGE);
        JsonNode answer = hub.sync(unit, null).json();
        assertThat(answer.get("homeResident").get("name").asText()).isEqualTo(DemoSeed.HOME_RESIDENT);
        assertThat(answer.has("residents")).as("a home unit gets no roster").isFalse();
    }

    @Test
    void the_demo_cadre_logs_in_with_the_printed_password_and_has_this_months_visits_to_their_people()
            throws Exception {
        hub = new TestHub(dir.resolve("hub"));
        Path file = dir.resolve("demo.properties");
        new DemoSeed(hub.uri("/"), hub.clock).seed(file, TestHub.ADMIN_PASSWORD);
        Properties seed = read(file);

        String cadre = hub.login(seed.getProperty("cadre.username"), seed.getProperty("cadre.password"));

        JsonNode me = hub.get("/api/v1/care/me", cadre).json();
        assertThat(me.get("cadre").get("name").asText()).isEqualTo(DemoSeed.CADRE_NAME);
        JsonNode tasks = hub.get("/api/v1/care-tasks?cadreId=" + me.get("cadre").get("id").asText(), cadre).json();
        assertThat(tasks).extracting(t -> t.get("residentName").asText())
                .containsExactlyInAnyOrder("张桂英", DemoSeed.QUIET_RESIDENT, "李小军");
        assertThat(tasks).extracting(t -> t.get("kind").asText()).containsOnly("MONTHLY_VISIT");
    }

    @Test
    void the_demo_seed_creates_residents_a_cadre_with_the_printed_pin_and_one_quiet_elder() throws Exception {
        hub = new TestHub(dir.resolve("hub"));
        Path file = dir.resolve("demo.properties");

        new DemoSeed(hub.uri("/"), hub.clock).seed(file, TestHub.ADMIN_PASSWORD);
        int raised = hub.hub.runCheck(CheckInFeature.MISSED_CHECK);

        Properties seed = read(file);
        assertThat(seed.getProperty("cadre.pin")).matches("[0-9]{4}");
        assertThat(seed.getProperty("cadre.name")).isEqualTo(DemoSeed.CADRE_NAME);
        JsonNode residents = hub.get("/api/v1/residents?village=" + DemoSeed.VILLAGE, hub.adminToken).json();
        assertThat(residents).extracting(r -> r.get("type").asText()).contains("ELDER", "CHILD");
        assertThat(residents).hasSize(5);
        assertThat(raised).isEqualTo(1);
        JsonNode alerts = hub.get("/api/v1/check-in-alerts", hub.adminToken).json();
        assertThat(alerts).extracting(a -> a.get("name").asText()).containsExactly(DemoSeed.QUIET_RESIDENT);
        // The alert rests on a real check-in three days old, as the kiosk reported it, not on a flag.
        String quietId = alerts.get(0).get("residentId").asText();
        JsonNode history = hub.get("/api/v1/residents/" + quietId + "/check-ins", hub.adminToken).json();
        assertThat(history).hasSize(1);
        assertThat(Instant.parse(history.get(0).get("at").asText()))
                .isEqualTo(hub.clock.instant().minus(Duration.ofDays(3)));
        assertThat(history.get(0).get("kioskId").asText()).isEqualTo(seed.getProperty("kiosk.id"));
        assertThat(alerts.get(0).get("lastCheckInAt").asText()).isEqualTo(history.get(0).get("at").asText());
        JsonNode today = hub.get("/api/v1/check-ins/by-village", hub.adminToken).json();
        assertThat(today.get(0).get("checkedIn")).as("nobody checked in today yet").isEmpty();
        assertThat(today.get(0).get("notCheckedIn")).hasSize(5);
        TestHub.Kiosk kiosk = new TestHub.Kiosk(seed.getProperty("kiosk.id"), seed.getProperty("kiosk.token"),
                DemoSeed.VILLAGE);
        JsonNode roster = hub.sync(kiosk, null).json();
        assertThat(roster.get("residents")).hasSize(5);
        assertThat(roster.get("cadres")).extracting(c -> c.get("name").asText()).containsExactly(DemoSeed.CADRE_NAME);
    }

    @Test
    void a_seed_file_naming_an_unknown_kiosk_is_replaced() throws Exception {
        hub = new TestHub(dir.resolve("hub"));
        Path file = dir.resolve("demo.properties");
        Files.writeString(file, "kiosk.id=k-gone\nkiosk.token=x\n", StandardCharsets.UTF_8);

        new DemoSeed(hub.uri("/"), hub.clock).seed(file, TestHub.ADMIN_PASSWORD);

        assertThat(read(file).getProperty("kiosk.id")).isNotEqualTo("k-gone");
        assertThat(hub.get("/api/v1/kiosks", hub.adminToken).json()).extracting(k -> k.get("kind").asText())
                .containsExactlyInAnyOrder("COURTYARD", "HOME");
    }

    private static Properties read(Path file) throws Exception {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
