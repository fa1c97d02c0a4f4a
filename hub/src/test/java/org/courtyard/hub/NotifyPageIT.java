package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.courtyard.hub.notify.WebhookEvent;
import org.courtyard.hub.notify.WebhookFormat;
import org.courtyard.hub.notify.WebhookTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

/**
 * The staff page's 群通知 section in headless Chromium against a real hub and a {@link FakeRobot}:
 * a group robot whose key is wrong shows as failed with what to do, and its test button tries
 * again; a working one shows its last delivery and its test message reaches the group; the
 * villages' duty phones are set there and the next help message @-mentions them; a link from a
 * message (#help/ID) opens the request.
 */
class NotifyPageIT extends StaffPageHarness {

    private static final String KEY = "3f2c1a9e-7b44-4d1e-9c0f-5a6b7c8d9e0f";
    private static final String VILLAGE = "和平村";

    final MutableClock clock = new MutableClock(TestHub.START);
    FakeRobot robot;
    TestHub.Kiosk kiosk;

    NotifyPageIT() {
        super(Duration.ofSeconds(20));
    }

    @BeforeEach
    void start() throws Exception {
        robot = FakeRobot.wecom(clock, KEY);
        hub = new TestHub(dir, clock, config -> config
                .webhook(WebhookTarget.of("1", robot.url("0000aaaa-wrong-key"), WebhookFormat.WECOM,
                        EnumSet.allOf(WebhookEvent.class)).withName("镇值班群"))
                .webhook(WebhookTarget.of("2", robot.url(), WebhookFormat.WECOM,
                        EnumSet.of(WebhookEvent.NEW, WebhookEvent.OVERDUE)).withName("和平村干部群")));
        kiosk = hub.kiosk("村委会活动室", VILLAGE);
        hub.addUser("wangfang", "STAFF", null, "王芳");
    }

    @AfterEach
    void stopRobot() {
        robot.close();
    }

    @Test
    void a_robot_with_a_wrong_key_shows_as_failed_with_what_to_do_and_a_working_one_gets_the_test_message()
            throws Exception {
        UUID help = UUID.randomUUID();
        hub.sync(kiosk, null, helpRequested(help));
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.requests.size() == 2);

        login("wangfang", "password-wangfang");
        page.section("notify");

        wait.until(textToBePresentInElementLocated(receiver("1"), "配置有误，消息暂存未发"));
        String broken = page.find(receiver("1")).getText();
        assertThat(broken).contains("镇值班群", "企业微信群机器人", "key", "重新复制机器人的 Webhook 地址", "等待发送", "1 条",
                "errcode 93000").doesNotContain("wrong-key");
        wait.until(textToBePresentInElementLocated(receiver("2"), "正常"));
        assertThat(page.find(receiver("2")).getText()).contains("和平村干部群", "最近送达", "2026-11-29 18:00:00",
                "发送：新求助、求助超时", "最近一分钟", "1 / 20 条");
        assertThat(page.find(By.cssSelector("[data-nav='notify'] .nav-count")).getText()).isEqualTo("1");
        assertThat(page.text("notify-summary")).isEqualTo("共 2 个，1 个发不出去");
        chromium.screenshot("notify-receivers");

        // The wrong key's test message is tried once and given up; the card says so.
        testButton("1").click();
        wait.until(textToBePresentInElementLocated(By.id("notify-notice"), "测试消息已发往“镇值班群”"));
        wait.until(textToBePresentInElementLocated(receiver("1"), "放弃发送"));
        assertThat(robot.requests).extracting(FakeRobot.Request::errcode).containsExactly(93000, 0, 93000);
        assertThat(page.find(receiver("1")).getText()).contains("配置有误");

        // The working robot's test message reaches the group, naming who sent it.
        testButton("2").click();
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.messages.size() == 2);
        assertThat(robot.messages.get(1).content()).startsWith("【测试】馨安小院通知测试：王芳 18:00 从乡镇工作台发送。");

        chromium.driver.manage().window().setSize(new Dimension(390, 844));
        chromium.screenshot("notify-receivers-phone");
        WebElement section = page.find(By.id("section-notify"));
        assertThat(((Number) chromium.driver.executeScript(
                "return arguments[0].scrollWidth - arguments[0].clientWidth;", section)).intValue())
                .as("nothing of the section sticks out sideways on a phone").isLessThanOrEqualTo(0);
        chromium.driver.executeScript("arguments[0].scrollIntoView();", page.find(receiver("1")));
        chromium.screenshot("notify-receiver-phone");
        chromium.driver.executeScript("arguments[0].scrollIntoView();", page.find(By.id("duty-rows")));
        chromium.screenshot("notify-duty-phone");
    }

    @Test
    void staff_set_a_villages_duty_phone_and_the_next_help_message_mentions_it() throws Exception {
        login("wangfang", "password-wangfang");
        page.section("notify");
        By row = By.cssSelector("#duty-rows tr[data-village='" + VILLAGE + "']");
        wait.until(visibilityOfElementLocated(row));
        WebElement input = page.find(row).findElement(By.tagName("input"));

        input.sendKeys("值班室");
        page.find(row).findElement(By.tagName("button")).click();
        wait.until(textToBePresentInElementLocated(By.id("duty-error"), "只能是数字"));
        assertThat(hub.get("/api/v1/villages", hub.adminToken).json().get(0).get("dutyPhone").isNull()).isTrue();

        input.clear();
        input.sendKeys("13800002222");
        page.find(row).findElement(By.tagName("button")).click();
        wait.until(textToBePresentInElementLocated(By.id("duty-notice"), "已保存和平村的值班电话 13800002222"));
        wait.until(textToBePresentInElementLocated(row, "王芳"));
        assertThat(hub.get("/api/v1/villages", hub.adminToken).json().get(0).get("dutyPhone").asText())
                .isEqualTo("13800002222");
        chromium.screenshot("notify-duty-phone-saved");

        hub.sync(kiosk, null, helpRequested(UUID.randomUUID()));
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.messages.size() == 1);
        assertThat(robot.messages.get(0).mentions()).containsExactly("13800002222");
        assertThat(robot.messages.get(0).content()).endsWith("村值班电话：13800002222");
    }

    @Test
    void a_link_from_a_group_message_opens_the_request_it_names() throws Exception {
        UUID help = UUID.randomUUID();
        hub.sync(kiosk, null, helpRequested(help));
        login("wangfang", "password-wangfang");

        chromium.driver.get(hub.uri("/#help/" + help).toString());

        wait.until(visibilityOfElementLocated(By.id("help-detail-body")));
        wait.until(textToBePresentInElementLocated(By.id("help-detail-fields"), "村委会活动室"));
        assertThat(page.find(By.cssSelector("#help-rows tr.is-selected")).getAttribute("data-id"))
                .isEqualTo(help.toString());
        assertThat(page.find(By.cssSelector("[data-section='help']")).isDisplayed()).isTrue();
    }

    @Test
    void a_cadre_does_not_see_the_section() {
        hub.addUser("li", "CADRE", VILLAGE, "李建华");
        login("li", "password-li");

        assertThat(page.find(By.cssSelector("[data-nav='notify']")).isDisplayed()).isFalse();
    }

    private WebElement testButton(String id) {
        return page.find(receiver(id)).findElement(By.cssSelector("button[data-action='test']"));
    }

    private static By receiver(String id) {
        return By.cssSelector("#notify-receivers li[data-id='" + id + "']");
    }

    private com.fasterxml.jackson.databind.JsonNode helpRequested(UUID id) {
        Map<String, Object> payload = new HashMap<>();
        payload.put("source", "BUTTON");
        payload.put("category", "MEDICAL");
        return TestHub.event(id, "HELP_REQUESTED", clock.instant(), true, payload);
    }
}
