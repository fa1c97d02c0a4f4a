package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.courtyard.protocol.ProtocolJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The staff page's 村干部 section in headless Chromium against a real hub on port 0: registering a
 * cadre, setting their kiosk PIN in the browser and proving that the village's kiosk, over its real
 * sync, receives a hash the PIN opens; phones masked in the list; a cadre's own login limited to
 * their village and their own PIN.
 */
class CadresPageIT extends StaffPageHarness {

    private static final String STAFF = "wangfang";
    private static final String VILLAGE = "和平村";

    TestHub.Kiosk kiosk;

    CadresPageIT() {
        super(Duration.ofSeconds(15));
    }

    @BeforeEach
    void start() {
        hub = new TestHub(dir);
        kiosk = hub.kiosk("和平村幸福小院", VILLAGE);
        hub.addUser(STAFF, "STAFF", null, "王芳");
    }

    @Test
    void staff_register_a_cadre_and_set_a_pin_that_the_kiosk_receives_as_a_hash_it_can_check() throws Exception {
        login(STAFF);
        page.section("cadres");

        // Given a cadre registered in the browser with a phone
        click(By.id("cadres-new"));
        type("cadre-name", "李建华");
        type("cadre-village", VILLAGE);
        type("cadre-phone", "13900001111");
        click(By.id("cadre-save"));
        wait.until(textToBePresentInElementLocated(By.id("cadre-notice"), "已登记 李建华"));
        JsonNode listed = hub.get("/api/v1/cadres", hub.adminToken).json();
        assertThat(listed).hasSize(1);
        String id = listed.get(0).get("id").asText();
        assertThat(hub.get("/api/v1/cadres/" + id, hub.adminToken).json().get("phone").asText())
                .isEqualTo("13900001111");

        // then the list masks the phone and says no PIN is set yet
        wait.until(textToBePresentInElementLocated(row(id), "139****1111"));
        assertThat(page.find(row(id)).getText()).contains("李建华", VILLAGE, "未设置").doesNotContain("13900001111");
        assertThat(page.text("cadre-pin-state")).contains("未设置");

        // when the PIN is typed twice differently, nothing is sent
        type("cadre-pin-new", "482913");
        type("cadre-pin-again", "482931");
        click(By.id("cadre-pin-save"));
        wait.until(textToBePresentInElementLocated(By.id("cadre-pin-error"), "两次输入的密码不一样"));
        assertThat(hub.get("/api/v1/cadres/" + id, hub.adminToken).json().get("hasPin").asBoolean()).isFalse();

        // when it is typed twice the same
        type("cadre-pin-again", "482913");
        click(By.id("cadre-pin-save"));
        wait.until(textToBePresentInElementLocated(By.id("cadre-notice"), "村干部密码已设置"));

        // then the page never shows it back, the list says it is set
        assertThat(page.find(By.id("cadre-pin-new")).getAttribute("value")).isEmpty();
        assertThat(page.find(By.id("cadre-pin-again")).getAttribute("value")).isEmpty();
        assertThat(chromium.driver.getPageSource()).doesNotContain("482913");
        wait.until(textToBePresentInElementLocated(row(id), "已设置"));
        chromium.screenshot("cadres-pin-set");

        // and the village's kiosk, syncing as kiosks do, gets a hash that the PIN opens and no phone
        JsonNode sync = hub.sync(kiosk, null).json();
        JsonNode card = only(sync.get("cadres"), id);
        assertThat(card.get("name").asText()).isEqualTo("李建华");
        assertThat(card.toString()).doesNotContain("13900001111").doesNotContain("482913");
        String hash = card.get("pinHash").asText();
        assertThat(kioskAccepts("482913", hash)).isTrue();
        assertThat(kioskAccepts("482931", hash)).isFalse();

        // and a PIN another cadre of the village uses is refused in Chinese, the old one kept
        hub.cadre("赵敏", VILLAGE, null, "1357");
        type("cadre-pin-new", "1357");
        type("cadre-pin-again", "1357");
        click(By.id("cadre-pin-save"));
        wait.until(textToBePresentInElementLocated(By.id("cadre-pin-error"), "已经有别的干部用这个密码"));
        JsonNode again = only(hub.sync(kiosk, null).json().get("cadres"), id);
        assertThat(kioskAccepts("482913", again.get("pinHash").asText())).isTrue();
    }

    @Test
    void an_edit_keeps_the_full_phone_and_the_paired_residents_are_shown() {
        String id = hub.cadre("李建华", VILLAGE, "13900001111", "2468");
        ObjectNode resident = ProtocolJson.mapper().createObjectNode().put("name", "张桂英").put("village", VILLAGE)
                .put("type", "ELDER");
        resident.putArray("cadreIds").add(id);
        assertThat(hub.post("/api/v1/residents", hub.adminToken, resident).status()).isEqualTo(201);
        login(STAFF);
        page.section("cadres");

        wait.until(textToBePresentInElementLocated(row(id), "张桂英"));
        click(row(id));
        wait.until(textToBePresentInElementLocated(By.id("cadre-residents"), "张桂英"));
        assertThat(page.find(By.id("cadre-phone")).getAttribute("value")).isEqualTo("13900001111");
        page.find(By.id("cadre-name")).clear();
        type("cadre-name", "李建华（支书）");
        click(By.id("cadre-save"));
        wait.until(textToBePresentInElementLocated(By.id("cadre-notice"), "已保存"));

        JsonNode stored = hub.get("/api/v1/cadres/" + id, hub.adminToken).json();
        assertThat(stored.get("name").asText()).isEqualTo("李建华（支书）");
        assertThat(stored.get("phone").asText()).isEqualTo("13900001111");
        assertThat(stored.get("hasPin").asBoolean()).isTrue();
    }

    @Test
    void a_cadre_sees_their_village_only_and_may_set_only_their_own_pin() throws Exception {
        String own = hub.cadre("李建华", VILLAGE, "13900001111", "2468");
        String neighbour = hub.cadre("孙伟", VILLAGE, "13700002222", "1357");
        String elsewhere = hub.cadre("周强", "大村", "13600003333", "9753");
        hub.addUser("lijianhua", "CADRE", VILLAGE, "李建华");
        assertThat(hub.send("PATCH", "/api/v1/cadres/" + own, hub.adminToken, Map.of("username", "lijianhua"))
                .status()).isEqualTo(200);
        login("lijianhua");
        page.section("cadres");

        wait.until(textToBePresentInElementLocated(row(neighbour), "孙伟"));
        assertThat(chromium.driver.findElements(row(elsewhere))).isEmpty();
        assertThat(page.find(By.id("cadres-new")).isDisplayed()).isFalse();

        // Another cadre's record: read only, no PIN form
        click(row(neighbour));
        wait.until(textToBePresentInElementLocated(By.id("cadre-detail-title"), "孙伟"));
        assertThat(page.find(By.id("cadre-name")).isEnabled()).isFalse();
        assertThat(page.find(By.id("cadre-save")).isDisplayed()).isFalse();
        assertThat(page.find(By.id("cadre-pin-new")).isDisplayed()).isFalse();

        // Their own: a new PIN, which the kiosk then accepts
        click(row(own));
        wait.until(textToBePresentInElementLocated(By.id("cadre-detail-title"), "李建华"));
        type("cadre-pin-new", "8642");
        type("cadre-pin-again", "8642");
        click(By.id("cadre-pin-save"));
        wait.until(textToBePresentInElementLocated(By.id("cadre-notice"), "村干部密码已设置"));
        JsonNode card = only(hub.sync(kiosk, null).json().get("cadres"), own);
        assertThat(kioskAccepts("8642", card.get("pinHash").asText())).isTrue();
        assertThat(kioskAccepts("2468", card.get("pinHash").asText())).isFalse();
    }

    /**
     * What the kiosk's cadre mode does with a typed PIN and the {@code pinHash} of its sync
     * (kiosk PinCheck, docs/protocol.md): PBKDF2-HMAC-SHA256 of the digits with the given salt and
     * iterations, compared with the hash.
     */
    private static boolean kioskAccepts(String pin, String pinHash) throws Exception {
        String[] parts = pinHash.split("\\$");
        assertThat(parts).hasSize(4);
        assertThat(parts[0]).isEqualTo("pbkdf2-sha256");
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        PBEKeySpec spec = new PBEKeySpec(pin.toCharArray(), salt, Integer.parseInt(parts[1]), expected.length * 8);
        byte[] actual = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        return MessageDigest.isEqual(expected, actual);
    }

    private static JsonNode only(JsonNode cards, String id) {
        assertThat(cards).as("the sync's cadres").isNotNull();
        JsonNode found = null;
        for (JsonNode card : cards) {
            if (card.get("id").asText().equals(id)) {
                found = card;
            }
        }
        assertThat(found).as("cadre " + id + " in " + cards).isNotNull();
        return found;
    }

    private void login(String username) {
        login(username, "password-" + username);
    }

    private static By row(String id) {
        return By.cssSelector("#cadres-rows tr[data-id='" + id + "']");
    }

    private void click(By by) {
        page.find(by).click();
    }

    private void type(String id, String text) {
        page.find(By.id(id)).sendKeys(text);
    }
}
