package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.invisibilityOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import org.courtyard.protocol.ProtocolJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The cadre's phone page (care.html) at a 390-px phone's size, and the staff page's 走访 section,
 * in headless Chromium against a real hub on port 0. The phone loses its signal (Chrome's own
 * network emulation, as DevTools' "offline"): a visit recorded then waits on the phone marked
 * 未发送, goes to the hub once when the line returns, and closes the month's task.
 */
class CarePagesIT extends StaffPageHarness {

    private static final String VILLAGE = "和平村";
    private static final Dimension PHONE = new Dimension(390, 844);

    String zhang;
    String xiaojun;

    CarePagesIT() {
        super(Duration.ofSeconds(30));
    }

    @BeforeEach
    void start() {
        hub = new TestHub(dir);
        zhang = hub.resident("张桂英", VILLAGE, "ELDER");
        xiaojun = hub.resident("李小军", VILLAGE, "CHILD");
        hub.addUser("lijianhua", "CADRE", VILLAGE, "李建华");
        ObjectNode cadre = ProtocolJson.mapper().createObjectNode().put("name", "李建华").put("village", VILLAGE)
                .put("username", "lijianhua");
        String cadreId = hub.post("/api/v1/cadres", hub.adminToken, cadre).json().get("id").asText();
        for (String resident : new String[] {zhang, xiaojun}) {
            ObjectNode patch = ProtocolJson.mapper().createObjectNode();
            patch.putArray("cadreIds").add(cadreId);
            assertThat(hub.send("PATCH", "/api/v1/residents/" + resident, hub.adminToken, patch).status())
                    .isEqualTo(200);
        }
        hub.addUser("wangfang", "STAFF", null, "王芳");
    }

    @Test
    void a_visit_recorded_without_signal_waits_marked_unsent_and_goes_once_when_the_line_returns() throws Exception {
        chromium.driver.manage().window().setSize(PHONE);
        phoneLogin();

        // This month's visits, and the next festival's with its dates.
        WebElement task = wait.until(presenceOfElementLocated(card("today-list", zhang)));
        assertThat(task.getText()).contains("张桂英", "11月走访", "11月30日前", "记录走访");
        wait.until(textToBePresentInElementLocated(By.id("festival-title"), "春节（2月6日）"));
        assertThat(page.text("festival-when")).contains("1月22日起走访", "2月6日前走完", "共 2 人");
        assertThat(page.text("count-today")).isEqualTo("2");
        chromium.screenshot("care-phone-today");

        // No signal.
        chromium.devTools("Network.enable", Map.of());
        offline(true);

        task.findElement(By.cssSelector("button")).click();
        wait.until(visibilityOfElementLocated(By.id("visit-form")));
        assertThat(page.text("visit-title")).isEqualTo("走访 张桂英");
        chip("毛毯").click();
        page.find(By.id("visit-add-problem")).click();
        page.find(By.cssSelector("#visit-problems li input[type='text']")).sendKeys("屋顶漏雨");
        page.find(By.id("visit-note")).sendKeys("身体不错，药还够吃");
        java.nio.file.Path picture = dir.resolve("visit-photo.png");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(1600, 1200,
                java.awt.image.BufferedImage.TYPE_INT_RGB), "png", picture.toFile());
        page.find(By.id("visit-photo")).sendKeys(picture.toAbsolutePath().toString());
        wait.until(visibilityOfElementLocated(By.id("visit-photo-preview")));
        chromium.screenshot("care-phone-visit");
        // After the optional fields, the button below them (the one at the top is the two-tap path).
        page.find(By.id("visit-save-bottom")).click();

        // Kept on the phone, marked 未发送; the hub has nothing yet.
        wait.until(visibilityOfElementLocated(By.id("pending")));
        assertThat(page.text("pending-list")).contains("未发送", "张桂英");
        wait.until(textToBePresentInElementLocated(By.id("line-state"), "没有信号"));
        assertThat(page.find(card("today-list", zhang)).getText()).contains("未发送", "已记，未发送");
        assertThat(hub.column("SELECT COUNT(*) FROM visits")).containsExactly("0");
        chromium.screenshot("care-phone-unsent");

        // The line returns: it goes, once, and the task shows done.
        offline(false);
        wait.until(invisibilityOfElementLocated(By.id("pending")));
        wait.until(textToBePresentInElementLocated(card("today-list", zhang), "已走访"));
        assertThat(page.find(By.id("line-state")).getText()).isEqualTo("在线");
        assertThat(hub.column("SELECT COUNT(*) FROM visits")).containsExactly("1");
        assertThat(hub.column("SELECT item FROM visit_items")).containsExactly("毛毯");
        assertThat(hub.column("SELECT text || ' ' || solved FROM visit_problems")).containsExactly("屋顶漏雨 0");
        assertThat(hub.column("SELECT source || ' ' || cadre || ' ' || note FROM visits"))
                .containsExactly("PHONE 李建华 身体不错，药还够吃");
        // The photo went after the visit, shrunk on the phone, kept at 640 pixels by the hub.
        assertThat(hub.column("SELECT photo_bytes FROM visits").get(0)).isNotNull();
        JsonNode done = hub.get("/api/v1/care-tasks/mv.2026-11." + zhang, hub.adminToken).json();
        assertThat(done.get("status").asText()).isEqualTo("DONE");
        assertThat(page.text("count-today")).isEqualTo("1");
        chromium.screenshot("care-phone-sent");

        // Opening the page again sends nothing again.
        chromium.driver.navigate().refresh();
        wait.until(presenceOfElementLocated(card("today-list", xiaojun)));
        assertThat(page.find(By.id("pending")).isDisplayed()).isFalse();
        assertThat(hub.column("SELECT COUNT(*) FROM visits")).containsExactly("1");
        assertThat(hub.column("SELECT COUNT(*) FROM audit_log WHERE action = 'visit.record'")).containsExactly("1");

        // My people: both, with today's check-in state.
        page.find(By.cssSelector("[data-tab='people']")).click();
        WebElement person = wait.until(visibilityOfElementLocated(card("people-list", xiaojun)));
        assertThat(person.getText()).contains("李小军", "儿童", "今天还没报平安");
        chromium.screenshot("care-phone-people");
    }

    @Test
    void a_cadre_reviews_the_village_s_people_on_the_phone_while_a_survey_round_is_open() throws Exception {
        String xiaohong = hub.resident("王小红", VILLAGE, "CHILD");
        String other = hub.resident("周大娘", "团结村", "ELDER");
        JsonNode round = hub.post("/api/v1/survey-rounds", hub.adminToken, Map.of("name", "2027年上半年",
                "closesOn", "2027-06-30")).json();
        String path = "/api/v1/survey-rounds/" + round.get("id").asText();
        chromium.driver.manage().window().setSize(PHONE);
        phoneLogin();

        // 核实 shows while the round is open: the three people of 和平村 (not 团结村's).
        WebElement tab = wait.until(visibilityOfElementLocated(By.cssSelector("[data-tab='survey']")));
        assertThat(page.text("count-survey")).isEqualTo("3");
        tab.click();
        wait.until(visibilityOfElementLocated(card("survey-list", zhang)));
        assertThat(page.text("survey-title")).isEqualTo("2027年上半年核实（6月30日前）");
        assertThat(page.text("survey-progress")).contains("已核实 0 / 3 人");
        assertThat(page.find(By.id("survey-list")).findElements(By.tagName("li"))).hasSize(3);
        assertThat(page.find(By.id("survey-list")).getText()).doesNotContain("周大娘");
        chromium.screenshot("care-phone-survey");

        // 核实无误: one tap.
        answer(zhang, "核实无误").click();
        wait.until(invisibilityOfElementLocated(card("survey-list", zhang)));
        wait.until(textToBePresentInElementLocated(By.id("survey-progress"), "已核实 1 / 3 人"));

        // 有变化: the survey's ledger fields; nothing changed is refused on the phone.
        answer(xiaojun, "有变化").click();
        wait.until(visibilityOfElementLocated(By.id("review-changes")));
        assertThat(page.text("review-title")).isEqualTo("信息有变化：李小军");
        assertThat(page.find(By.id("review-parents-workplace")).isDisplayed()).isTrue();
        assertThat(page.find(By.id("review-children-away")).isDisplayed()).isFalse();
        page.find(By.id("review-save")).click();
        wait.until(textToBePresentInElementLocated(By.id("review-error"), "还没有改动"));
        page.find(By.id("review-school")).sendKeys("镇中心小学");
        page.find(By.id("review-parents-workplace")).sendKeys("广东东莞");
        chromium.screenshot("care-phone-survey-changed");
        page.find(By.id("review-save")).click();
        wait.until(invisibilityOfElementLocated(By.id("review-view")));
        wait.until(invisibilityOfElementLocated(card("survey-list", xiaojun)));

        // 已不符合: a reason is asked.
        answer(xiaohong, "已不符合").click();
        wait.until(visibilityOfElementLocated(By.id("review-left")));
        page.find(By.id("review-save")).click();
        wait.until(textToBePresentInElementLocated(By.id("review-error"), "请选一个原因"));
        page.find(By.cssSelector("#review-reasons [data-reason='PARENTS_RETURNED']")).click();
        chromium.screenshot("care-phone-survey-left");
        page.find(By.id("review-save")).click();
        wait.until(invisibilityOfElementLocated(By.id("review-view")));

        // All reviewed; those the criteria cannot check wait for the township, with why.
        wait.until(textToBePresentInElementLocated(By.id("survey-progress"), "已核实 3 / 3 人"));
        assertThat(page.find(By.id("survey-empty")).isDisplayed()).isTrue();
        assertThat(page.text("count-survey")).isEmpty();
        JsonNode flagged = hub.get(path + "/people?show=flagged", hub.adminToken).json().get("items");
        assertThat(flagged).isNotEmpty();
        WebElement flaggedBox = wait.until(visibilityOfElementLocated(By.id("survey-flagged-box")));
        for (JsonNode person : flagged) {
            assertThat(page.find(card("survey-flagged", person.get("residentId").asText())).getText())
                    .contains(person.get("name").asText(), "待决定", "信息不全，无法对标", "缺出生日期");
        }
        assertThat(flaggedBox.getText()).doesNotContain("王小红");
        chromium.screenshot("care-phone-survey-done");

        // The board and the ledger as the staff see them.
        JsonNode progress = hub.get(path, hub.adminToken).json().get("progress");
        assertThat(progress.get("reviewed").asInt()).isEqualTo(3);
        assertThat(progress.get("confirmed").asInt()).isEqualTo(1);
        assertThat(progress.get("changed").asInt()).isEqualTo(1);
        assertThat(progress.get("left").asInt()).isEqualTo(1);
        JsonNode child = hub.get("/api/v1/residents/" + xiaojun, hub.adminToken).json();
        assertThat(child.get("school").asText()).isEqualTo("镇中心小学");
        assertThat(child.get("parentsWorkplace").asText()).isEqualTo("广东东莞");
        JsonNode gone = hub.get("/api/v1/residents/" + xiaohong, hub.adminToken).json();
        assertThat(gone.get("active").asBoolean()).isFalse();
        assertThat(gone.get("leftReason").asText()).isEqualTo("PARENTS_RETURNED");

        // A cadre reviews their own village only: the hub refuses another's.
        String cadre = hub.login("lijianhua", "password-lijianhua");
        assertThat(hub.post(path + "/reviews", cadre, Map.of("residentId", other, "outcome", "CONFIRMED")).status())
                .isEqualTo(403);
        assertThat(hub.get(path + "?village=%E5%9B%A2%E7%BB%93%E6%9D%91", cadre).status()).isEqualTo(403);
        assertThat(hub.get(path, hub.adminToken).json().at("/progress/reviewed").asInt()).isEqualTo(3);

        chromium.driver.manage().window().setSize(new Dimension(1280, 900));
        chromium.screenshot("care-desktop-survey-done");
        page.assertNoScriptErrors();
    }

    @Test
    void the_staff_pages_section_counts_a_visit_live_with_the_festival_campaign_and_the_cadre() throws Exception {
        login("wangfang", "password-wangfang");
        page.awaitLive();
        page.section("care");
        wait.until(textToBePresentInElementLocated(By.id("care-summary"), "11月已走访 0 / 2 人"));
        WebElement spring = page.find(By.cssSelector("[data-campaign='2027-spring_festival']"));
        assertThat(spring.getText()).contains("春节走访", "2月6日", "0 / 2", "1月22日开始走访");
        assertThat(page.find(By.cssSelector("#care-village-rows tr[data-village='和平村']")).getText())
                .contains("0 / 2", "0%");

        ObjectNode visit = ProtocolJson.mapper().createObjectNode().put("id", java.util.UUID.randomUUID().toString())
                .put("residentId", zhang).put("at", TestHub.START.toString());
        String cadre = hub.login("lijianhua", "password-lijianhua");
        assertThat(hub.post("/api/v1/visits", cadre, visit).status()).isEqualTo(201);

        wait.until(textToBePresentInElementLocated(By.id("care-summary"), "11月已走访 1 / 2 人"));
        assertThat(page.find(By.cssSelector("#care-village-rows tr[data-village='和平村']")).getText())
                .contains("1 / 2", "50%");
        assertThat(page.find(By.cssSelector("#care-cadre-rows tr")).getText()).contains("李建华", "1 / 2", "1");
        chromium.screenshot("care-section-desktop");

        // The village's party branch, with 李建华 as a member.
        page.find(By.id("care-org-name")).sendKeys("和平村党支部");
        page.find(By.id("care-org-village")).sendKeys(VILLAGE);
        page.find(By.id("care-org-villages")).sendKeys(VILLAGE);
        new Select(page.find(By.id("care-org-members"))).selectByVisibleText("李建华（和平村）");
        page.find(By.id("care-org-save")).click();
        wait.until(textToBePresentInElementLocated(By.id("care-org-rows"), "和平村党支部（党组织）"));
        assertThat(page.text("care-org-rows")).contains("李建华");
        assertThat(hub.get("/api/v1/organisations", hub.adminToken).json().get(0).get("members").get(0)
                .get("name").asText()).isEqualTo("李建华");
        chromium.screenshot("care-section-organisations");

        chromium.driver.manage().window().setSize(PHONE);
        chromium.screenshot("care-section-phone");
        page.assertNoScriptErrors();
    }

    private void phoneLogin() {
        chromium.driver.get(hub.uri("/care.html").toString());
        wait.until(visibilityOfElementLocated(By.id("login-username"))).sendKeys("lijianhua");
        page.find(By.id("login-password")).sendKeys("password-lijianhua");
        page.find(By.id("login-button")).click();
        wait.until(visibilityOfElementLocated(By.id("app-view")));
        wait.until(textToBePresentInElementLocated(By.id("who"), "李建华（和平村）"));
    }

    private void offline(boolean offline) {
        chromium.devTools("Network.emulateNetworkConditions", Map.of("offline", offline, "latency", 0,
                "downloadThroughput", -1, "uploadThroughput", -1));
    }

    private WebElement chip(String text) {
        return page.find(By.xpath("//div[@id='visit-items']/button[text()='" + text + "']"));
    }

    /** One of the three answers on a person's 核实 card. */
    private WebElement answer(String residentId, String text) {
        return page.find(card("survey-list", residentId)).findElement(By.xpath(".//button[text()='" + text + "']"));
    }

    private static By card(String list, String residentId) {
        return By.cssSelector("#" + list + " li[data-resident='" + residentId + "']");
    }
}
