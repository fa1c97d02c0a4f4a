package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.numberOfElementsToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.courtyard.hub.testing.HeadlessChromium;
import org.courtyard.protocol.ProtocolJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.Select;

/**
 * The staff page's 核实 and 报表 sections and the printable report page in headless Chromium
 * against a real hub: staff open a round, a village cadre reviews three people in the browser (one
 * confirmed, one school changed, one left because the parents returned) and the board and the
 * ledger follow; the report of the month shows the hub's figures, and its A4 page draws its charts
 * with the chart library the hub serves, under the page's strict policy. Screenshots at desktop
 * and at a 390-pixel phone's width.
 */
class SurveyPageIT extends StaffPageHarness {

    private static final String VILLAGE = "和平村";
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Dimension DESKTOP = new Dimension(1366, 768);
    private static final Dimension PHONE = new Dimension(390, 844);

    String zhang;
    String li;
    String zhao;

    SurveyPageIT() {
        super(Duration.ofSeconds(20));
    }

    @BeforeEach
    void start() {
        hub = new TestHub(dir);
        hub.addUser("wangfang", "STAFF", null, "王芳");
        hub.addUser("lijianhua", "CADRE", VILLAGE, "李建华");
        zhang = resident(ProtocolJson.mapper().createObjectNode().put("name", "张桂英").put("type", "ELDER")
                .put("birthDate", "1946-08-01").put("childrenAway", "ALL").put("checkInEveryDays", 1));
        li = resident(child("李小军"));
        zhao = resident(child("赵小雨"));
    }

    @Test
    void staff_open_a_round_and_a_cadre_reviews_three_people_and_the_board_and_ledger_follow() throws Exception {
        login("wangfang", "password-wangfang");
        page.section("survey");
        wait.until(visibilityOfElementLocated(By.id("survey-none")));
        page.find(By.id("survey-new")).click();
        assertThat(page.find(By.id("survey-open-name")).getAttribute("value")).endsWith("半年");
        page.find(By.id("survey-open-name")).clear();
        page.find(By.id("survey-open-name")).sendKeys("2027年上半年");
        page.find(By.id("survey-open-save")).click();
        wait.until(textToBePresentInElementLocated(By.id("survey-notice"), "已开启“2027年上半年”：共 3 人待核实"));
        wait.until(numberOfElementsToBe(By.cssSelector("#survey-people-rows tr"), 3));
        chromium.screenshot("survey-opened");
        page.find(By.id("logout-button")).click();

        login("lijianhua", "password-lijianhua");
        page.section("survey");
        wait.until(numberOfElementsToBe(By.cssSelector("#survey-people-rows tr"), 3));
        assertThat(page.find(By.id("survey-new")).isDisplayed()).as("a cadre opens no rounds").isFalse();
        assertThat(page.find(By.id("survey-close")).isDisplayed()).as("nor closes them").isFalse();

        review(zhang, "CONFIRMED");
        wait.until(textToBePresentInElementLocated(By.id("survey-notice"), "已核实 张桂英：核实无误"));
        review(li, "CHANGED");
        page.find(By.id("survey-f-school")).clear();
        page.find(By.id("survey-f-school")).sendKeys("镇中心小学");
        chromium.screenshot("survey-review-changed");
        page.find(By.id("survey-review-save")).click();
        wait.until(textToBePresentInElementLocated(By.id("survey-notice"), "已核实 李小军：信息有变"));
        // The third on a phone, as a cadre in the village would.
        chromium.driver.manage().window().setSize(PHONE);
        review(zhao, "LEFT");
        new Select(page.find(By.id("survey-left-reason"))).selectByValue("PARENTS_RETURNED");
        scrollTo("survey-review");
        chromium.screenshot("survey-review-left-phone");
        page.find(By.id("survey-review-save")).click();
        wait.until(textToBePresentInElementLocated(By.id("survey-notice"), "已核实 赵小雨：退出"));
        chromium.driver.manage().window().setSize(DESKTOP);

        By village = By.cssSelector("#survey-villages tr[data-village='" + VILLAGE + "']");
        wait.until(textToBePresentInElementLocated(village, "100%"));
        assertThat(page.find(village).getText()).contains("3 3 1 1 1 0 0");
        assertThat(page.text("survey-totals")).contains("3\n已核实");
        assertThat(page.text("survey-people-empty")).contains("都已核实");
        page.find(By.cssSelector("#survey-tabs [data-show='reviewed']")).click();
        wait.until(textToBePresentInElementLocated(By.cssSelector("#survey-people-rows tr[data-resident='" + li + "']"),
                "就读学校：和平村完小 → 镇中心小学"));
        assertThat(page.find(By.cssSelector("#survey-people-rows tr[data-resident='" + zhao + "']")).getText())
                .contains("退出", "父母返乡");
        chromium.screenshot("survey-board-reviewed");
        chromium.driver.manage().window().setSize(PHONE);
        scrollTo("survey-totals");
        chromium.screenshot("survey-board-reviewed-phone");
        scrollTo("survey-people-rows");
        chromium.screenshot("survey-people-reviewed-phone");

        assertThat(hub.get("/api/v1/residents/" + li, hub.adminToken).json().get("school").asText()).isEqualTo("镇中心小学");
        JsonNode left = hub.get("/api/v1/residents/" + zhao, hub.adminToken).json();
        assertThat(left.get("active").asBoolean()).isFalse();
        assertThat(left.get("leftReason").asText()).isEqualTo("PARENTS_RETURNED");
    }

    @Test
    void the_month_s_report_shows_the_hub_s_figures_and_its_a4_page_draws_the_charts() throws Exception {
        TestHub.Kiosk kiosk = hub.kiosk("和平村幸福小院", VILLAGE);
        Instant now = hub.clock.instant();
        assertThat(hub.sync(kiosk, null, TestHub.checkedIn(zhang, now.minusSeconds(60), true),
                TestHub.event(UUID.randomUUID(), "VISIT_CHECKED_IN", now.minusSeconds(30), true,
                        Map.of("cadre", "李建华", "residentId", li, "note", "身体良好")),
                TestHub.helpRequested(UUID.randomUUID(), now.minusSeconds(10))).status()).isEqualTo(200);
        LocalDate today = LocalDate.ofInstant(now, ZONE);
        login("wangfang", "password-wangfang");
        page.section("reports");
        // The hub's clock is the test's; the page's first period is the office PC's month.
        date("reports-from", today.withDayOfMonth(1));
        date("reports-to", today);
        page.find(By.id("reports-show")).click();

        wait.until(textToBePresentInElementLocated(By.id("reports-body"), "至" + today.getYear() + "年"
                + today.getMonthValue() + "月" + today.getDayOfMonth() + "日"));
        assertThat(page.text("reports-body")).contains("关爱对象\n3\n人", "走访\n1\n人次", "求助\n1\n件");
        assertThat(page.find(By.id("reports-xlsx")).getAttribute("href"))
                .contains("/api/v1/reports.xlsx?from=" + today.withDayOfMonth(1) + "&to=" + today);
        chromium.screenshot("reports-section");
        chromium.driver.manage().window().setSize(PHONE);
        scrollTo("reports-body");
        chromium.screenshot("reports-section-phone");
        chromium.driver.manage().window().setSize(DESKTOP);

        chromium.driver.get(page.find(By.id("reports-print")).getAttribute("href"));
        // People, visits, problems, help, check-ins; no items were given, so no items chart but a line saying so.
        wait.until(numberOfElementsToBe(By.cssSelector("[data-chart] img"), 5));
        assertThat(page.text("report-body")).contains("关爱工作报告", "走访（月月有联系）", "看病", "困难问题（走访发现）",
                "这段时间的走访没有登记物品。");
        assertThat(page.find(By.id("report-generated")).getText()).contains("生成时间");
        wait.until(elementToBeClickable(By.id("report-print")));
        chromium.screenshot("report-page");
        chromium.driver.manage().window().setSize(new Dimension(794, 1123));
        chromium.screenshot("report-page-a4");
        // As the browser prints it on A4 (the page's @page rule), saved as PDF.
        Map<String, Object> pdf = chromium.driver.executeCdpCommand("Page.printToPDF", Map.of("preferCSSPageSize", true,
                "printBackground", true));
        byte[] bytes = Base64.getDecoder().decode((String) pdf.get("data"));
        assertThat(new String(bytes, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        Files.write(HeadlessChromium.SCREENSHOTS.resolve("report-page.pdf"), bytes);
        chromium.driver.manage().window().setSize(PHONE);
        chromium.screenshot("report-page-phone");
        page.assertNoScriptErrors();
    }

    /** Sets a date input as a person picking the date would (the browser's date field). */
    @Test
    void a_closed_rounds_changes_show_a_page_at_a_time_with_more() throws Exception {
        String round = hub.post("/api/v1/survey-rounds", hub.adminToken, Map.of("name", "2027年上半年",
                "closesOn", LocalDate.ofInstant(TestHub.START, ZONE).plusDays(30).toString())).json().get("id").asText();
        assertThat(hub.post("/api/v1/survey-rounds/" + round + "/reviews", hub.adminToken, Map.of("residentId", li,
                "outcome", "CHANGED", "changes", Map.of("school", "镇中心小学"))).status()).isEqualTo(201);
        assertThat(hub.post("/api/v1/survey-rounds/" + round + "/reviews", hub.adminToken, Map.of("residentId", zhao,
                "outcome", "LEFT", "reason", "PARENTS_RETURNED")).status()).isEqualTo(201);
        // More newcomers than the diff's first page (200) holds.
        for (int i = 0; i < 205; i++) {
            hub.resident(String.format("新来的老人%03d", i), VILLAGE, "ELDER");
        }
        assertThat(hub.post("/api/v1/survey-rounds/" + round + "/close", hub.adminToken, Map.of()).status())
                .isEqualTo(200);

        login("wangfang", "password-wangfang");
        page.section("survey");
        wait.until(numberOfElementsToBe(By.cssSelector("#survey-diff-rows tr"), 200));
        assertThat(page.text("survey-diff-summary")).contains("新纳入 205 人，退出 1 人，信息变更 1 人");
        assertThat(page.find(By.id("survey-diff-more")).isDisplayed()).isTrue();
        chromium.driver.executeScript("document.getElementById('survey-diff-more').scrollIntoView({ block: 'end' })");
        chromium.screenshot("survey-diff-more");

        page.find(By.id("survey-diff-more")).click();

        wait.until(numberOfElementsToBe(By.cssSelector("#survey-diff-rows tr"), 207));
        assertThat(page.find(By.id("survey-diff-more")).isDisplayed()).as("the last page").isFalse();
        assertThat(page.find(By.cssSelector("#survey-diff-rows tr[data-resident='" + zhao + "']")).getText())
                .contains("退出", "父母返乡");
        assertThat(page.find(By.cssSelector("#survey-diff-rows tr[data-resident='" + li + "']")).getText())
                .contains("信息变更", "镇中心小学");
        chromium.driver.manage().window().setSize(PHONE);
        chromium.driver.executeScript("document.querySelector('#survey-diff-rows tr:last-child')"
                + ".scrollIntoView({ block: 'end' })");
        chromium.screenshot("survey-diff-last-phone");
    }

    private void date(String id, LocalDate value) {
        chromium.driver.executeScript("const input = document.getElementById(arguments[0]);"
                + " input.value = arguments[1]; input.dispatchEvent(new Event('change', { bubbles: true }));", id,
                value.toString());
    }

    /**
     * Scrolls the section (which scrolls under the page's bar and tabs) until the element {@code id}
     * is at its top, as a person would before a screenshot.
     */
    private void scrollTo(String id) {
        chromium.driver.executeScript("const el = document.getElementById(arguments[0]);"
                + " const section = el.closest('.section');"
                + " section.scrollTop += el.getBoundingClientRect().top - section.getBoundingClientRect().top;", id);
    }

    private void review(String residentId, String outcome) {
        By button = By.cssSelector("#survey-people-rows tr[data-resident='" + residentId + "'] [data-action='review']");
        wait.until(elementToBeClickable(button)).click();
        wait.until(visibilityOfElementLocated(By.id("survey-review-form")));
        wait.until(textToBePresentInElementLocated(By.id("survey-review-title"), "核实："));
        page.find(By.cssSelector("[name='survey-outcome'][value='" + outcome + "']")).click();
        if (outcome.equals("CONFIRMED")) {
            page.find(By.id("survey-review-save")).click();
        }
    }

    private String resident(ObjectNode body) {
        body.put("village", VILLAGE);
        TestHub.Answer answer = hub.post("/api/v1/residents", hub.adminToken, body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().get("id").asText();
    }

    private static ObjectNode child(String name) {
        return ProtocolJson.mapper().createObjectNode().put("name", name).put("type", "CHILD")
                .put("birthDate", "2017-04-01").put("parentsAway", "BOTH").put("school", "和平村完小")
                .put("checkInEveryDays", 1);
    }
}
