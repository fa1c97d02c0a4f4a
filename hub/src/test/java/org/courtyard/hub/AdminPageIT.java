package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.invisibilityOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The admin-only parts of the staff page in headless Chromium against a real hub on port 0: the
 * audit log, and registering a kiosk whose enrolment code, as the page shows it, then enrols a kiosk
 * over HTTP.
 */
class AdminPageIT extends StaffPageHarness {

    private static final String STAFF = "wangfang";

    TestHub.Kiosk kiosk;

    AdminPageIT() {
        super(Duration.ofSeconds(15));
    }

    @BeforeEach
    void start() {
        hub = new TestHub(dir);
        kiosk = hub.kiosk("和平村幸福小院", "和平村");
        hub.addUser(STAFF, "STAFF", null, "王芳");
        hub.login(STAFF, "password-" + STAFF);
    }

    @Test
    void an_admin_sees_their_own_login_and_what_they_just_did_in_the_audit_log() throws Exception {
        login("admin", TestHub.ADMIN_PASSWORD);
        hub.clock.advance(Duration.ofMinutes(5));
        assertThat(hub.post("/api/v1/users/" + STAFF + "/unlock", hub.adminToken, Map.of()).status()).isEqualTo(204);

        openAudit();
        WebElement newest = wait.until(presenceOfElementLocated(By.cssSelector("#audit-rows tr")));

        // Newest first, in Beijing time: the unlock just done, then the admin's browser login.
        assertThat(newest.getText()).contains("2026-11-29 18:05:00", "admin", "解锁账号", STAFF, "127.0.0.1");
        List<WebElement> rows = auditRows();
        assertThat(rows.get(1).getText()).contains("2026-11-29 18:00:00", "admin", "登录", "127.0.0.1");
        assertThat(page.text("audit-rows")).contains("登记设备", kiosk.id(), "新建账号");
        chromium.screenshot("admin-audit-log");

        // Filter by action: only the kiosk registration.
        new Select(chromium.driver.findElement(By.id("audit-filter-action"))).selectByValue("kiosk.create");
        chromium.driver.findElement(By.id("audit-search")).click();
        wait.until(driver -> auditRows().size() == 1);
        assertThat(page.text("audit-rows")).contains("登记设备", kiosk.id(), "设备名称：和平村幸福小院，村：和平村");

        // By user: the staff member's own login only.
        chromium.driver.findElement(By.id("audit-filter-clear")).click();
        chromium.driver.findElement(By.id("audit-filter-user")).sendKeys(STAFF);
        chromium.driver.findElement(By.id("audit-search")).click();
        wait.until(driver -> auditRows().size() == 1);
        assertThat(page.text("audit-rows")).as("the person by name, the login under it")
                .contains("王芳", STAFF, "登录").doesNotContain("admin");

        // By days (Beijing days): nothing the next day; a range ending before it starts is refused.
        chromium.driver.findElement(By.id("audit-filter-clear")).click();
        setDate("audit-filter-from", "2026-11-30");
        chromium.driver.findElement(By.id("audit-search")).click();
        wait.until(visibilityOfElementLocated(By.id("audit-empty")));
        assertThat(auditRows()).isEmpty();
        setDate("audit-filter-to", "2026-11-29");
        chromium.driver.findElement(By.id("audit-search")).click();
        wait.until(textToBePresentInElementLocated(By.id("audit-error"), "开始日期不能晚于结束日期"));
        setDate("audit-filter-from", "2026-11-29");
        chromium.driver.findElement(By.id("audit-search")).click();
        wait.until(invisibilityOfElementLocated(By.id("audit-error")));
        wait.until(driver -> auditRows().size() == hub.get("/api/v1/audit", hub.adminToken).json().size());
    }

    @Test
    void a_long_log_is_shown_fifty_rows_at_a_time() throws Exception {
        for (int i = 0; i < 60; i++) {
            hub.clock.advance(Duration.ofSeconds(1));
            assertThat(hub.post("/api/v1/users/" + STAFF + "/unlock", hub.adminToken, Map.of()).status())
                    .isEqualTo(204);
        }
        login("admin", TestHub.ADMIN_PASSWORD);
        int total = hub.get("/api/v1/audit", hub.adminToken).json().size();
        assertThat(total).isBetween(51, 100);

        openAudit();
        wait.until(driver -> auditRows().size() == 50);
        assertThat(page.text("audit-summary")).contains("已显示 50 条", "还有更早的");
        WebElement more = wait.until(visibilityOfElementLocated(By.id("audit-more")));
        more.click();

        wait.until(driver -> auditRows().size() == total);
        wait.until(invisibilityOfElementLocated(By.id("audit-more")));
        List<String> seqs = auditRows().stream().map(row -> row.getAttribute("data-seq")).toList();
        assertThat(seqs).doesNotHaveDuplicates();
        // The oldest row of the whole log is the first admin login when the hub started.
        assertThat(auditRows().get(total - 1).getText()).contains("admin", "登录");
    }

    @Test
    void a_staff_user_sees_no_audit_section_and_the_hub_refuses_them_the_log() throws Exception {
        login(STAFF, "password-" + STAFF);

        assertThat(chromium.driver.findElement(By.cssSelector("[data-nav='audit']")).isDisplayed()).isFalse();
        assertThat(chromium.driver.findElement(By.id("kiosk-register")).isDisplayed()).isFalse();
        chromium.driver.get(hub.uri("/#audit").toString());
        wait.until(visibilityOfElementLocated(By.id("section-help")));
        assertThat(chromium.driver.findElement(By.id("section-audit")).isDisplayed()).isFalse();

        // Even asked directly with the browser's session, the hub says no.
        Object status = chromium.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/api/v1/audit', {credentials: 'same-origin'}).then(r => done(r.status), e => done(String(e)));");
        assertThat(status).isEqualTo(403L);

        chromium.driver.findElement(By.cssSelector("[data-nav='kiosks']")).click();
        wait.until(textToBePresentInElementLocated(By.id("kiosk-rows"), "和平村幸福小院"));
        assertThat(chromium.driver.findElements(By.cssSelector("#kiosk-rows button[data-action='new-code']"))).isEmpty();
    }

    @Test
    void an_admin_registers_a_kiosk_and_the_code_shown_enrols_it_once() throws Exception {
        login("admin", TestHub.ADMIN_PASSWORD);
        chromium.driver.findElement(By.cssSelector("[data-nav='kiosks']")).click();
        wait.until(textToBePresentInElementLocated(By.id("kiosk-rows"), "和平村幸福小院"));
        chromium.driver.findElement(By.id("kiosk-register")).click();
        wait.until(visibilityOfElementLocated(By.id("kiosk-register-form")));

        // Empty name: told on the page, nothing registered.
        submitRegistration("", "和平村");
        wait.until(textToBePresentInElementLocated(By.id("kiosk-register-error"), "请填写设备名称"));
        // The same name twice in a village: pointed to the new code instead.
        submitRegistration("和平村幸福小院", "和平村");
        wait.until(textToBePresentInElementLocated(By.id("kiosk-register-error"), "已经有一台叫「和平村幸福小院」的设备"));
        assertThat(page.text("kiosk-register-error")).contains(kiosk.id(), "生成激活码");
        // The hub was asked, not the page shown; the list now shows the village, where its row is.
        wait.until(driver -> "和平村".equals(new Select(driver.findElement(By.id("kiosk-filter-village")))
                .getFirstSelectedOption().getAttribute("value")));
        // A village nothing names (a typo?): asked to check it first.
        submitRegistration("和平村小学", "和平材");
        wait.until(textToBePresentInElementLocated(By.id("kiosk-register-error"), "还没有任何设备、居民或村干部登记在「和平材」"));
        assertThat(hub.column("SELECT COUNT(*) FROM kiosks")).containsExactly("1");

        submitRegistration("和平村小学", "和平村");
        WebElement digits = wait.until(visibilityOfElementLocated(By.id("kiosk-code-digits")));
        String code = digits.getText();
        assertThat(code).matches("\\d{4}-\\d{4}");
        assertThat(page.text("kiosk-code-for")).contains("和平村小学", "和平村");
        assertThat(page.text("kiosk-code-expiry")).contains("2026-11-30 18:00:00", "只能用一次");
        assertThat(Double.parseDouble(digits.getCssValue("font-size").replace("px", "")))
                .as("read out over the phone: at least twice the page's text").isGreaterThanOrEqualTo(36);
        assertThat(displayed(By.id("kiosk-register-form"))).isFalse();
        chromium.screenshot("admin-kiosk-enrolment-code");
        wait.until(textToBePresentInElementLocated(By.id("kiosk-rows"), "和平村小学"));
        String newId = hub.column("SELECT id FROM kiosks WHERE name = '和平村小学'").get(0);
        assertThat(page.text("kiosk-code-for")).contains(newId);

        // The kiosk types the code it was told: it enrols once.
        TestHub.Answer enrolled = hub.post("/api/v1/enrol", null, Map.of("code", code));
        assertThat(enrolled.status()).isEqualTo(200);
        assertThat(enrolled.json().get("kioskId").asText()).isEqualTo(newId);
        assertThat(enrolled.json().get("village").asText()).isEqualTo("和平村");
        TestHub.Answer again = hub.post("/api/v1/enrol", null, Map.of("code", code));
        assertThat(again.status()).isEqualTo(401);
        String firstToken = enrolled.json().get("token").asText();
        assertThat(hub.sync(new TestHub.Kiosk(newId, firstToken, "和平村"), null).status()).isEqualTo(200);

        // New SD card: a fresh code from the kiosk's row; using it retires the first token.
        chromium.driver.findElement(By.id("kiosk-code-close")).click();
        wait.until(invisibilityOfElementLocated(By.id("kiosk-code")));
        chromium.driver.findElement(By.cssSelector("#kiosk-rows tr[data-id='" + newId + "'] button[data-action='new-code']"))
                .click();
        wait.until(visibilityOfElementLocated(By.id("kiosk-code-digits")));
        String fresh = page.text("kiosk-code-digits");
        assertThat(fresh).matches("\\d{4}-\\d{4}").isNotEqualTo(code);
        assertThat(page.text("kiosk-code-for")).contains("和平村小学", newId);
        TestHub.Answer reenrolled = hub.post("/api/v1/enrol", null, Map.of("code", fresh.replace("-", " ")));
        assertThat(reenrolled.status()).isEqualTo(200);
        assertThat(hub.sync(new TestHub.Kiosk(newId, firstToken, "和平村"), null).status()).isEqualTo(401);

        openAudit();
        wait.until(textToBePresentInElementLocated(By.id("audit-rows"), "设备用激活码激活"));
        assertThat(page.text("audit-rows")).contains("生成设备激活码", "登记设备", "设备名称：和平村小学，村：和平村");
    }

    private void openAudit() {
        WebElement link = wait.until(visibilityOfElementLocated(By.cssSelector("[data-nav='audit']")));
        link.click();
        wait.until(visibilityOfElementLocated(By.id("section-audit")));
    }

    private void submitRegistration(String name, String village) {
        WebElement nameField = chromium.driver.findElement(By.id("kiosk-register-name"));
        nameField.clear();
        nameField.sendKeys(name);
        WebElement villageField = chromium.driver.findElement(By.id("kiosk-register-village"));
        villageField.clear();
        villageField.sendKeys(village);
        chromium.driver.findElement(By.id("kiosk-register-submit")).click();
    }

    /** Sets a date field as a person picking the day would (typing into it depends on the locale). */
    private void setDate(String id, String isoDay) {
        chromium.driver.executeScript("arguments[0].value = arguments[1];"
                + "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
                chromium.driver.findElement(By.id(id)), isoDay);
    }

    private List<WebElement> auditRows() {
        return chromium.driver.findElements(By.cssSelector("#audit-rows tr"));
    }


    private boolean displayed(By by) {
        return chromium.driver.findElement(by).isDisplayed();
    }

}
