package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import org.courtyard.protocol.ProtocolJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cadres: registration, the kiosk PIN kept as a hash, privacy, and a cadre's own login. */
class CadresTest {

    @TempDir
    Path dir;

    TestHub hub;

    @BeforeEach
    void start() {
        hub = new TestHub(dir);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void a_cadre_is_registered_with_a_pin_that_is_stored_only_as_a_pbkdf2_hash() {
        TestHub.Answer created = hub.post("/api/v1/cadres", hub.adminToken,
                Map.of("name", "李建华", "village", "和平村", "phone", "13900001111", "pin", "024680"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("hasPin").asBoolean()).isTrue();
        assertThat(created.body()).doesNotContain("024680").doesNotContain("pbkdf2");
        assertThat(hub.column("SELECT pin_hash FROM cadres")).singleElement().asString()
                .startsWith("pbkdf2-sha256$20000$").doesNotContain("024680");
    }

    @Test
    void a_pin_must_be_4_to_8_digits_sent_as_text() {
        for (Object pin : new Object[] {"123", "123456789", "12a4", 2468}) {
            TestHub.Answer answer = hub.post("/api/v1/cadres", hub.adminToken,
                    Map.of("name", "李建华", "village", "和平村", "pin", pin));
            assertThat(answer.status()).as("pin %s", pin).isEqualTo(400);
            assertThat(answer.errorMessage()).as("pin %s", pin).contains("pin");
        }
        assertThat(hub.column("SELECT COUNT(*) FROM cadres")).containsExactly("0");
    }

    @Test
    void two_cadres_of_a_village_cannot_share_a_pin_but_of_two_villages_they_can() {
        hub.cadre("李建华", "和平村", null, "2468");

        assertThat(hub.post("/api/v1/cadres", hub.adminToken,
                Map.of("name", "王芳", "village", "和平村", "pin", "2468")).status()).isEqualTo(409);
        assertThat(hub.post("/api/v1/cadres", hub.adminToken,
                Map.of("name", "王芳", "village", "大村", "pin", "2468")).status()).isEqualTo(201);
    }

    @Test
    void lists_mask_the_phone_and_a_cadre_sees_only_their_village() {
        String own = hub.cadre("李建华", "和平村", "13900001111", "2468");
        String other = hub.cadre("周书记", "大村", "13900003333", "1357");
        String cadre = hub.user("lixia", "CADRE", "和平村");

        JsonNode list = hub.get("/api/v1/cadres", cadre).json();

        assertThat(list).extracting(c -> c.get("id").asText()).containsExactly(own);
        assertThat(list.get(0).get("phone").asText()).isEqualTo("139****1111");
        assertThat(hub.get("/api/v1/cadres/" + own, cadre).json().get("phone").asText()).isEqualTo("13900001111");
        assertThat(hub.get("/api/v1/cadres/" + other, cadre).status()).isEqualTo(403);
        assertThat(hub.get("/api/v1/cadres?village=大村", cadre).status()).isEqualTo(403);
        assertThat(hub.post("/api/v1/cadres", cadre, Map.of("name", "新干部", "village", "和平村")).status())
                .isEqualTo(403);
    }

    @Test
    void a_linked_cadre_login_may_change_its_own_pin_and_nothing_else() {
        String token = hub.user("lijianhua", "CADRE", "和平村");
        String id = hub.post("/api/v1/cadres", hub.adminToken, Map.of("name", "李建华", "village", "和平村",
                "pin", "2468", "username", "lijianhua")).json().get("id").asText();
        String hashBefore = hub.column("SELECT pin_hash FROM cadres").get(0);

        assertThat(hub.send("PATCH", "/api/v1/cadres/" + id, token, Map.of("pin", "8642")).status()).isEqualTo(200);
        assertThat(hub.column("SELECT pin_hash FROM cadres").get(0)).isNotEqualTo(hashBefore);
        assertThat(hub.send("PATCH", "/api/v1/cadres/" + id, token, Map.of("name", "李书记")).status())
                .isEqualTo(403);

        String other = hub.user("wangfang", "CADRE", "和平村");
        assertThat(hub.send("PATCH", "/api/v1/cadres/" + id, other, Map.of("pin", "1111")).status()).isEqualTo(403);
    }

    @Test
    void only_a_cadre_login_of_the_same_village_can_be_linked() {
        hub.user("staffer", "STAFF", null);
        hub.user("zhou", "CADRE", "大村");

        TestHub.Answer staff = hub.post("/api/v1/cadres", hub.adminToken,
                Map.of("name", "李建华", "village", "和平村", "username", "staffer"));
        TestHub.Answer otherVillage = hub.post("/api/v1/cadres", hub.adminToken,
                Map.of("name", "李建华", "village", "和平村", "username", "zhou"));
        TestHub.Answer nobody = hub.post("/api/v1/cadres", hub.adminToken,
                Map.of("name", "李建华", "village", "和平村", "username", "nobody"));

        assertThat(staff.status()).isEqualTo(400);
        assertThat(otherVillage.status()).isEqualTo(400);
        assertThat(nobody.status()).isEqualTo(400);
        assertThat(staff.errorMessage()).contains("'username'");
    }

    @Test
    void removing_a_pin_keeps_the_cadre_but_takes_kiosk_access_away() {
        String id = hub.cadre("李建华", "和平村", null, "2468");
        ObjectNode noPin = ProtocolJson.mapper().createObjectNode().putNull("pin");

        JsonNode after = hub.send("PATCH", "/api/v1/cadres/" + id, hub.adminToken, noPin).json();

        assertThat(after.get("hasPin").asBoolean()).isFalse();
        assertThat(after.get("name").asText()).isEqualTo("李建华");
    }
}
