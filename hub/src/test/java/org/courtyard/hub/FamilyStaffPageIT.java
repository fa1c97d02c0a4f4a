package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeContains;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * A resident's 家人 on the staff page, in headless Chromium against a real hub on port 0: staff
 * register 张桂英's son (the hub's 400 shown at the field it names), invite him (QR code, link,
 * expiry and the printable 邀请单), the link is redeemed as his phone would, the section then says
 * 已使用, and 撤销 (after its confirmation) ends his access; the village's cadre registers a
 * left-behind child's father with one tap on the ledger's number; a cadre of another village
 * cannot open the resident and is told why in words. Screenshots at desktop and 390 px, and the
 * print view.
 */
class FamilyStaffPageIT extends StaffPageHarness {

    private static final String STAFF = "wangfang";
    private static final String VILLAGE = "和平村";

    FamilyStaffPageIT() {
        super(Duration.ofSeconds(15));
    }

    @BeforeEach
    void start() {
        hub = new TestHub(dir);
        hub.kiosk("和平村幸福小院", VILLAGE);
        hub.addUser(STAFF, "STAFF", null, "王芳");
    }

    @Test
    void staff_register_invite_and_revoke_a_son_and_his_link_redeems() throws Exception {
        String mother = hub.resident("张桂英", VILLAGE, "ELDER");
        login(STAFF);
        page.section("residents");
        openResident(mother);
        wait.until(visibilityOfElementLocated(By.id("family-empty")));

        // A number the hub refuses: its words appear next to the phone field, and nothing is stored.
        type("family-name", "张伟");
        new Select(page.find(By.id("family-relation"))).selectByValue("SON");
        type("family-phone", "139-abc");
        click(By.id("family-add"));
        wait.until(visibilityOfElementLocated(By.id("family-phone-error")));
        assertThat(page.text("family-phone-error")).contains("手机号只能是数字");
        assertThat(page.find(By.id("family-phone")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(hub.get("/api/v1/residents/" + mother + "/family", hub.adminToken).json()).isEmpty();

        page.find(By.id("family-phone")).clear();
        type("family-phone", "13911112222");
        click(By.id("family-add"));
        wait.until(textToBePresentInElementLocated(By.id("family-notice"), "已登记 张伟（儿子）"));
        JsonNode stored = hub.get("/api/v1/residents/" + mother + "/family", hub.adminToken).json();
        assertThat(stored).hasSize(1);
        String son = stored.get(0).get("id").asText();
        assertThat(stored.get(0).get("relation").asText()).isEqualTo("SON");
        By contact = By.cssSelector("#family-list li[data-id='" + son + "']");
        assertThat(page.find(contact).getText()).contains("张伟", "儿子", "139****2222", "未邀请", "还没有留言")
                .doesNotContain("13911112222");

        // 邀请: the QR code, the link and its expiry, and the contact says 已邀请.
        click(By.cssSelector("#family-list li[data-id='" + son + "'] button[data-action='invite']"));
        WebElement qr = wait.until(visibilityOfElementLocated(By.id("family-qr")));
        wait.until(driver -> ((Number) chromium.driver.executeScript("return arguments[0].naturalWidth;", qr))
                .intValue() > 0);
        assertThat(qr.getAttribute("src")).startsWith("data:image/svg+xml");
        String link = page.text("family-link");
        assertThat(link).startsWith(hub.uri("/family/#code=").toString());
        assertThat(page.text("family-invite-title")).isEqualTo("给张桂英的儿子 张伟的邀请");
        assertThat(page.text("family-expiry")).contains("前有效，只能用一次");
        wait.until(textToBePresentInElementLocated(contact, "已邀请"));
        assertThat(page.find(contact).getText()).contains("前有效");
        scrollTo(By.id("family-invite"));
        chromium.screenshot("family-staff-invite");
        phoneScreenshot("family-staff-invite-phone", By.id("family-invite"));

        // The print view is the 邀请单 alone: who it is for, the QR code, the link, the expiry, how to use it.
        chromium.devTools("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            WebElement slip = page.find(By.id("family-slip"));
            assertThat(slip.isDisplayed()).isTrue();
            assertThat(page.find(By.id("app-view")).isDisplayed()).isFalse();
            assertThat(slip.getText()).contains("给 张桂英的儿子 张伟", link, "前有效", "扫一扫", "6 位数字的密码",
                    "就能看到张桂英今天报没报平安");
            chromium.screenshot("family-staff-slip-print");
        } finally {
            chromium.devTools("Emulation.setEmulatedMedia", Map.of("media", ""));
        }

        // His phone redeems the link's code; after a reload of the contacts the section says 已使用.
        String code = link.substring(link.indexOf("#code=") + "#code=".length());
        TestHub.Answer redeemed = hub.post("/api/v1/family/redeem", null, Map.of("code", code, "pin", "482915"));
        assertThat(redeemed.status()).as(redeemed.body()).isEqualTo(200);
        click(By.id("family-invite-close"));
        openResident(mother);
        wait.until(textToBePresentInElementLocated(contact, "已使用"));
        assertThat(page.find(By.cssSelector("#family-list li[data-id='" + son + "'] button[data-action='invite']"))
                .getText()).isEqualTo("重新邀请（换手机时）");

        // 撤销 asks first; 不撤销 leaves him be, 确定撤销 ends it.
        click(By.cssSelector("#family-list li[data-id='" + son + "'] button[data-action='revoke']"));
        wait.until(textToBePresentInElementLocated(contact, "确定吗？"));
        click(By.cssSelector("#family-list li[data-id='" + son + "'] button[data-action='revoke-cancel']"));
        wait.until(presenceOfElementLocated(By.cssSelector(
                "#family-list li[data-id='" + son + "'] button[data-action='revoke']")));
        assertThat(hub.get("/api/v1/residents/" + mother + "/family", hub.adminToken).json().get(0).get("status")
                .asText()).isEqualTo("ACTIVE");
        click(By.cssSelector("#family-list li[data-id='" + son + "'] button[data-action='revoke']"));
        scrollTo(contact);
        chromium.screenshot("family-staff-revoke-confirm");
        click(By.cssSelector("#family-list li[data-id='" + son + "'] button[data-action='revoke-confirm']"));
        wait.until(textToBePresentInElementLocated(By.id("family-notice"), "已撤销 张伟"));
        wait.until(attributeContains(contact, "data-status", "REVOKED"));
        assertThat(page.find(contact).getText()).contains("已撤销").doesNotContain("邀请");
        assertThat(hub.get("/api/v1/residents/" + mother + "/family", hub.adminToken).json().get(0).get("status")
                .asText()).isEqualTo("REVOKED");
        // The revoked phone's invitation code no longer works either.
        assertThat(hub.post("/api/v1/family/redeem", null, Map.of("code", code, "pin", "482915")).status())
                .isEqualTo(401);
        scrollTo(contact);
        chromium.screenshot("family-staff-revoked");
        phoneScreenshot("family-staff-revoked-phone", contact);
    }

    @Test
    void the_village_cadre_registers_a_childs_father_from_the_ledger_and_another_village_cadre_cannot() throws Exception {
        TestHub.Answer child = hub.post("/api/v1/residents", hub.adminToken, Map.of("name", "李小军", "village", VILLAGE,
                "type", "CHILD", "guardian", "李奶奶", "guardianPhone", "13987654321", "parentsPhone", "13812345678"));
        assertThat(child.status()).as(child.body()).isEqualTo(201);
        String id = child.json().get("id").asText();
        hub.addUser("lijianhua", "CADRE", VILLAGE, "李建华");
        hub.addUser("lixia", "CADRE", "二村", "李霞");

        login("lijianhua");
        page.section("residents");
        openResident(id);
        // The ledger's numbers are offered; a number it does not hold is refused at the phone field.
        WebElement father = wait.until(visibilityOfElementLocated(By.cssSelector("#family-suggestion-buttons button")));
        assertThat(page.text("family-suggestion-buttons")).contains("父母电话 13812345678", "监护人 李奶奶 13987654321");
        type("family-name", "李强");
        type("family-phone", "13700000000");
        click(By.id("family-add"));
        wait.until(visibilityOfElementLocated(By.id("family-phone-error")));
        assertThat(page.text("family-phone-error")).contains("台账里的父母电话或监护人电话");
        father.click();
        assertThat(page.find(By.id("family-phone")).getAttribute("value")).isEqualTo("13812345678");
        assertThat(new Select(page.find(By.id("family-relation"))).getFirstSelectedOption().getText()).isEqualTo("爸爸");
        click(By.id("family-add"));
        wait.until(textToBePresentInElementLocated(By.id("family-notice"), "已登记 李强（爸爸）"));
        // The father's number is registered, so only the guardian's is still offered.
        wait.until(driver -> page.text("family-suggestion-buttons").equals("监护人 李奶奶 13987654321"));
        String contact = hub.get("/api/v1/residents/" + id + "/family", hub.adminToken).json().get(0).get("id").asText();
        click(By.cssSelector("#family-list li[data-id='" + contact + "'] button[data-action='invite']"));
        wait.until(visibilityOfElementLocated(By.id("family-qr")));
        assertThat(page.text("family-invite-title")).isEqualTo("给李小军的爸爸 李强的邀请");
        page.find(By.id("logout-button")).click();
        wait.until(visibilityOfElementLocated(By.id("login-username")));

        // A cadre of another village, sent a link to the resident, is told in words why it does not open.
        login("lixia");
        chromium.driver.get(hub.uri("/#residents/" + id).toString());
        wait.until(visibilityOfElementLocated(By.id("residents-list-error")));
        assertThat(page.text("residents-list-error")).isEqualTo(
                "打不开这位居民的信息：这位居民不是您村里的。村干部只能查看和管理本村的居民和他们的家人。");
        assertThat(page.find(By.id("resident-family")).isDisplayed()).isFalse();
        chromium.screenshot("family-staff-other-village");
        phoneScreenshot("family-staff-other-village-390", By.id("residents-list-error"));
        // and the hub refuses the family routes to her.
        String token = hub.login("lixia", "password-lixia");
        assertThat(hub.get("/api/v1/residents/" + id + "/family", token).status()).isEqualTo(403);
        assertThat(hub.post("/api/v1/family-contacts/" + contact + "/invite", token, Map.of()).status()).isEqualTo(403);
        assertThat(hub.post("/api/v1/family-contacts/" + contact + "/revoke", token, Map.of()).status()).isEqualTo(403);
    }

    private void login(String username) {
        login(username, "password-" + username);
        page.awaitLive();
    }

    private void openResident(String id) {
        By row = By.cssSelector("#residents-rows tr[data-id='" + id + "'] .row-open");
        wait.until(presenceOfElementLocated(row)).click();
        wait.until(visibilityOfElementLocated(By.id("resident-family")));
    }

    /** What a 390-px phone shows with {@code by} scrolled into the middle, then back to the desktop size. */
    private void phoneScreenshot(String name, By by) throws Exception {
        chromium.devTools("Emulation.setDeviceMetricsOverride", Map.of("width", 390, "height", 844,
                "deviceScaleFactor", 1, "mobile", true));
        try {
            scrollTo(by);
            chromium.screenshot(name);
        } finally {
            chromium.devTools("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    private void scrollTo(By by) {
        chromium.driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", page.find(by));
    }

    private void click(By by) {
        page.find(by).click();
    }

    private void type(String id, String text) {
        page.find(By.id(id)).sendKeys(text);
    }
}
