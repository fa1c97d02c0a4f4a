package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeContains;
import static org.openqa.selenium.support.ui.ExpectedConditions.invisibilityOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.not;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.courtyard.hub.api.help.HelpFeature;
import org.courtyard.hub.api.kiosk.KioskFeature;
import org.courtyard.protocol.ProtocolJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The staff page in headless Chromium against a real hub on port 0: what a township worker or a
 * village cadre sees and does, checked in the browser and through the API and the kiosk's sync.
 */
class StaffPageIT extends StaffPageHarness {

    private static final String STAFF = "wangfang";
    private static final String STAFF_NAME = "王芳";

    TestHub.Kiosk kiosk;

    StaffPageIT() {
        super(Duration.ofSeconds(15));
    }

    @BeforeEach
    void start() {
        // The overdue check runs only when a test asks (hub.runCheck(HelpFeature.OVERDUE_CHECK)), never by itself.
        hub = new TestHub(dir, config -> config.overdueCheckEvery(Duration.ofHours(1)));
        kiosk = hub.kiosk("和平村幸福小院", "和平村");
        hub.addUser(STAFF, "STAFF", null, STAFF_NAME);
    }

    @Test
    void a_request_appears_live_and_is_acknowledged_assigned_and_resolved() throws Exception {
        login(STAFF, "password-" + STAFF);
        assertThat(page.text("who")).contains(STAFF_NAME).contains("乡镇工作人员");
        wait.until(textToBePresentInElementLocated(By.id("sound-state"), "提示音已开启"));
        wait.until(textToBePresentInElementLocated(By.id("live-state"), "实时更新中"));
        chromium.driver.executeScript("window.courtyardMarker = 'loaded once';");

        // Given a kiosk sends a voice request (its clock not trusted) while the page is open
        UUID id = UUID.randomUUID();
        hub.clock.advance(Duration.ofSeconds(30));
        String cursor = hub.sync(kiosk, null, TestHub.event(id, "HELP_REQUESTED", TestHub.START, false,
                Map.of("source", "VOICE", "category", "MEDICAL", "transcript", "救命，我头晕"))).json().get("cursor").asText();

        // then it shows up without a reload, highlighted as new
        WebElement row = wait.until(presenceOfElementLocated(row(id)));
        assertThat(chromium.driver.executeScript("return window.courtyardMarker;")).isEqualTo("loaded once");
        assertThat(row.getAttribute("class")).contains("is-new");
        assertThat(row.getText()).contains("和平村幸福小院", "和平村", "语音", "看病", "待确认", "新");
        assertThat(navCount("help")).isEqualTo("1");
        assertThat(chromium.driver.getTitle()).contains("1条求助待确认");
        chromium.screenshot("staff-list-new-request");

        // when the worker opens it
        row.click();
        wait.until(textToBePresentInElementLocated(By.id("help-detail-fields"), "和平村幸福小院"));
        assertThat(page.text("help-detail-fields")).contains("(设备时钟未校准)", "“救命，我头晕”", "看病", "语音");
        assertThat(displayed(By.id("help-detail-memo"))).as("no voice memo, no player").isFalse();
        assertThat(visibleActions()).containsExactly("确认收到", "取消求助");
        wait.until(not(attributeContains(row(id), "class", "is-new")));
        assertThat(navCount("help")).isEmpty();

        // and acknowledges it
        action("ACKNOWLEDGED").click();
        wait.until(textToBePresentInElementLocated(By.id("help-detail-badges"), "已确认"));
        JsonNode acknowledged = help(id);
        assertThat(acknowledged.get("status").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(last(acknowledged.get("history")).get("by").asText()).isEqualTo(STAFF_NAME);
        // the kiosk learns it on its next sync
        JsonNode update = hub.sync(kiosk, cursor).json().get("helpUpdates");
        assertThat(update).hasSize(1);
        assertThat(update.get(0).get("requestId").asText()).isEqualTo(id.toString());
        assertThat(update.get(0).get("status").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(update.get(0).get("by").asText()).isEqualTo(STAFF_NAME);
        assertThat(visibleActions()).containsExactly("指派", "已解决", "取消求助");
        chromium.screenshot("staff-detail-acknowledged");

        // assigning without a name is refused on the page and changes nothing
        action("ASSIGNED").click();
        wait.until(visibilityOfElementLocated(By.id("help-action-error")));
        assertThat(page.text("help-action-error")).contains("指派给谁");
        assertThat(chromium.driver.findElement(By.id("help-assignee")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(help(id).get("status").asText()).isEqualTo("ACKNOWLEDGED");

        // Enter in the name field assigns, with the note typed before it.
        chromium.driver.findElement(By.id("help-note")).sendKeys("张书记在村里，五分钟到");
        chromium.driver.findElement(By.id("help-assignee")).sendKeys("张书记", Keys.ENTER);
        wait.until(textToBePresentInElementLocated(By.id("help-detail-badges"), "已指派"));
        assertThat(invisible(By.id("help-action-error"))).isTrue();
        assertThat(page.text("help-history")).contains("指派给 张书记", "备注：张书记在村里，五分钟到");
        chromium.screenshot("staff-detail-assigned");

        // and resolves it with a note
        chromium.driver.findElement(By.id("help-note")).sendKeys("已送到卫生院");
        action("RESOLVED").click();
        wait.until(textToBePresentInElementLocated(By.id("help-detail-badges"), "已解决"));
        JsonNode resolved = help(id);
        assertThat(resolved.get("status").asText()).isEqualTo("RESOLVED");
        assertThat(last(resolved.get("history")).get("note").asText()).isEqualTo("已送到卫生院");
        assertThat(last(resolved.get("history")).get("by").asText()).isEqualTo(STAFF_NAME);
        assertThat(displayed(By.id("help-closed"))).isTrue();
        assertThat(visibleActions()).isEmpty();

        // The list shows open requests by default: the resolved one leaves it, "全部" brings it back.
        wait.until(invisibilityOfElementLocated(row(id)));
        new Select(chromium.driver.findElement(By.id("help-filter-status"))).selectByValue("");
        wait.until(textToBePresentInElementLocated(row(id), "已解决"));
        assertThat(chromium.driver.executeScript("return window.courtyardMarker;")).isEqualTo("loaded once");
    }

    @Test
    void a_press_again_flashes_at_the_top_who_asked_shows_with_their_card_and_a_cancelled_one_stays_marked()
            throws Exception {
        String resident = hub.resident("张桂英", "和平村", "ELDER");
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID mistaken = UUID.randomUUID();
        hub.sync(kiosk, null, TestHub.helpRequested(first, TestHub.START));
        hub.clock.advance(Duration.ofMinutes(1));
        hub.sync(kiosk, null, TestHub.helpRequested(second, TestHub.START.plusSeconds(60)));
        login(STAFF, "password-" + STAFF);
        wait.until(textToBePresentInElementLocated(By.id("live-state"), "实时更新中"));
        wait.until(presenceOfElementLocated(row(first)));

        // 「您是哪一位？」 answered at the kiosk: the row and the detail name the person.
        hub.sync(kiosk, null, TestHub.event(UUID.randomUUID(), "HELP_DETAILS", TestHub.START.plusSeconds(10), true,
                Map.of("requestId", first, "residentId", resident)));
        wait.until(textToBePresentInElementLocated(row(first), "张桂英"));

        // The elder presses again: 再次求助, flashing, at the top of the list.
        hub.clock.advance(Duration.ofMinutes(1));
        hub.sync(kiosk, null, TestHub.event(UUID.randomUUID(), "HELP_REPEATED", TestHub.START.plusSeconds(120), true,
                Map.of("requestId", first)));
        wait.until(attributeContains(row(first), "class", "is-repeated"));
        assertThat(chromium.driver.findElement(row(first)).getText()).contains("再次求助 ×1", "张桂英");
        assertThat(chromium.driver.findElements(By.cssSelector("#help-rows tr")).get(0).getAttribute("data-id"))
                .isEqualTo(first.toString());
        chromium.screenshot("staff-list-repeated");

        chromium.driver.findElement(row(first)).click();
        wait.until(textToBePresentInElementLocated(By.id("help-detail-fields"), "张桂英"));
        assertThat(page.text("help-detail-fields")).contains("求助人", "空巢老人", "上次报平安", "和平村幸福小院");
        assertThat(page.text("help-history")).contains("再次求助");
        chromium.screenshot("staff-detail-person");
        chromium.driver.manage().window().setSize(new Dimension(390, 844));
        chromium.screenshot("staff-detail-person-390");
        chromium.driver.manage().window().setSize(new Dimension(1366, 768));

        // 按错了 at the kiosk: the request stays on the default list, marked 已取消.
        hub.sync(kiosk, null, TestHub.helpRequested(mistaken, TestHub.START.plusSeconds(150)));
        wait.until(presenceOfElementLocated(row(mistaken)));
        hub.sync(kiosk, null, TestHub.event(UUID.randomUUID(), "HELP_CANCELLED", TestHub.START.plusSeconds(160), true,
                Map.of("requestId", mistaken)));
        wait.until(textToBePresentInElementLocated(row(mistaken), "已取消"));
        chromium.driver.navigate().refresh();
        wait.until(textToBePresentInElementLocated(row(mistaken), "已取消"));
        assertThat(chromium.driver.findElements(row(second))).hasSize(1);
    }

    @Test
    void overdue_requests_are_red_whether_they_were_overdue_before_or_become_so_live() throws Exception {
        UUID early = UUID.randomUUID();
        hub.sync(kiosk, null, TestHub.helpRequested(early, TestHub.START));
        hub.clock.advance(Duration.ofMinutes(6));
        hub.hub.runCheck(HelpFeature.OVERDUE_CHECK);

        login(STAFF, "password-" + STAFF);
        WebElement earlyRow = wait.until(presenceOfElementLocated(row(early)));
        assertThat(earlyRow.getAttribute("class")).contains("is-overdue");
        assertThat(earlyRow.getText()).contains("超时未响应");

        UUID late = UUID.randomUUID();
        hub.sync(kiosk, null, TestHub.helpRequested(late, hub.clock.instant()));
        wait.until(presenceOfElementLocated(row(late)));
        assertThat(chromium.driver.findElement(row(late)).getAttribute("class")).doesNotContain("is-overdue");

        hub.clock.advance(Duration.ofMinutes(6));
        assertThat(hub.hub.runCheck(HelpFeature.OVERDUE_CHECK)).isEqualTo(1);
        wait.until(attributeContains(row(late), "class", "is-overdue"));
        assertThat(chromium.driver.findElement(row(late)).getText()).contains("超时未响应");
        chromium.screenshot("staff-list-overdue");

        // Opened from the keyboard: Tab to the row's time, Enter.
        WebElement open = chromium.driver.findElement(row(late)).findElement(By.cssSelector("button.row-open"));
        open.sendKeys(Keys.ENTER);
        wait.until(textToBePresentInElementLocated(By.id("help-detail-badges"), "超时未响应"));
        assertThat(chromium.driver.findElement(By.id("help-detail")).getAttribute("class")).contains("is-overdue");
        assertThat(page.text("help-detail-fields")).contains("超时未响应（从");
        chromium.screenshot("staff-detail-overdue");
    }

    @Test
    void an_overdue_request_counts_in_the_badge_and_title_in_every_login_until_acknowledged() throws Exception {
        UUID overdue = UUID.randomUUID();
        hub.sync(kiosk, null, TestHub.helpRequested(overdue, TestHub.START));
        hub.clock.advance(Duration.ofMinutes(6));
        hub.hub.runCheck(HelpFeature.OVERDUE_CHECK);

        // A login after it went overdue, with the list filtered to another village: it still counts.
        login(STAFF, "password-" + STAFF);
        wait.until(driver -> navCount("help").equals("1"));
        assertThat(chromium.driver.getTitle()).startsWith("（1条求助待确认）");
        new org.openqa.selenium.support.ui.Select(chromium.driver.findElement(By.id("help-filter-status")))
                .selectByValue("RESOLVED");
        wait.until(invisibilityOfElementLocated(row(overdue)));
        assertThat(navCount("help")).isEqualTo("1");
        // Opening it is not enough, nor logging in again.
        new org.openqa.selenium.support.ui.Select(chromium.driver.findElement(By.id("help-filter-status")))
                .selectByValue("open");
        wait.until(presenceOfElementLocated(row(overdue))).findElement(By.cssSelector("button.row-open")).click();
        wait.until(textToBePresentInElementLocated(By.id("help-detail-badges"), "超时未响应"));
        assertThat(navCount("help")).isEqualTo("1");
        chromium.driver.findElement(By.id("logout-button")).click();
        wait.until(visibilityOfElementLocated(By.id("login-form")));
        login(STAFF, "password-" + STAFF);
        wait.until(driver -> navCount("help").equals("1"));
        hub.addUser("lina", "STAFF", null, "李娜");
        String other = hub.login("lina", "password-lina");

        assertThat(hub.transition(other, overdue, "ACKNOWLEDGED", null).status()).isEqualTo(200);

        wait.until(driver -> navCount("help").isEmpty());
        assertThat(chromium.driver.getTitle()).doesNotContain("待确认");
    }

    @Test
    void a_cadre_sees_only_their_own_village() throws Exception {
        TestHub.Kiosk other = hub.kiosk("二村小学", "二村");
        hub.addUser("lixia", "CADRE", "二村", "李霞");
        login("lixia", "password-lixia");
        assertThat(page.text("who")).contains("李霞", "村干部", "二村");
        Select village = new Select(chromium.driver.findElement(By.id("help-filter-village")));
        assertThat(village.getFirstSelectedOption().getText()).isEqualTo("二村");
        assertThat(chromium.driver.findElement(By.id("help-filter-village")).isEnabled()).isFalse();

        UUID foreign = UUID.randomUUID();
        UUID own = UUID.randomUUID();
        hub.sync(kiosk, null, TestHub.helpRequested(foreign, TestHub.START));
        hub.clock.advance(Duration.ofSeconds(5));
        hub.sync(other, null, TestHub.helpRequested(own, TestHub.START));

        // The stream carries events in order: once the later, own request shows, the other would have.
        wait.until(presenceOfElementLocated(row(own)));
        assertThat(chromium.driver.findElements(row(foreign))).isEmpty();
        assertThat(page.text("help-rows")).doesNotContain("和平村");

        chromium.driver.navigate().refresh();
        wait.until(presenceOfElementLocated(row(own)));
        assertThat(chromium.driver.findElements(row(foreign))).isEmpty();

        chromium.driver.findElement(By.cssSelector("[data-nav='kiosks']")).click();
        wait.until(textToBePresentInElementLocated(By.id("kiosk-rows"), "二村小学"));
        assertThat(page.text("kiosk-rows")).doesNotContain("和平村幸福小院");
    }

    @Test
    void a_change_by_someone_else_shows_up_in_the_open_request() throws Exception {
        UUID id = UUID.randomUUID();
        hub.sync(kiosk, null, TestHub.helpRequested(id, TestHub.START));
        login(STAFF, "password-" + STAFF);
        chromium.driver.findElement(row(id)).click();
        wait.until(textToBePresentInElementLocated(By.id("help-detail-badges"), "待确认"));

        assertThat(hub.transition(hub.adminToken, id, "ACKNOWLEDGED", null).status()).isEqualTo(200);

        wait.until(textToBePresentInElementLocated(By.id("help-detail-badges"), "已确认"));
        assertThat(page.text("help-detail-notice")).contains("其他人", "已确认");
        assertThat(visibleActions()).containsExactly("指派", "已解决", "取消求助");
    }

    @Test
    void a_409_says_someone_else_changed_it_and_reloads() throws Exception {
        // Without the live stream the page cannot know of the other change before the click.
        chromium.devTools("Network.enable", Map.of());
        chromium.devTools("Network.setBlockedURLs", Map.of("urls", List.of("*/api/v1/stream*")));
        UUID id = UUID.randomUUID();
        hub.sync(kiosk, null, TestHub.helpRequested(id, TestHub.START));
        login(STAFF, "password-" + STAFF);
        wait.until(textToBePresentInElementLocated(By.id("live-state"), "连接中断"));
        wait.until(presenceOfElementLocated(row(id))).click();
        wait.until(textToBePresentInElementLocated(By.id("help-detail-badges"), "待确认"));

        assertThat(hub.transition(hub.adminToken, id, "ACKNOWLEDGED", null).status()).isEqualTo(200);
        action("ACKNOWLEDGED").click();

        wait.until(textToBePresentInElementLocated(By.id("help-detail-notice"), "已被别人处理过"));
        assertThat(page.text("help-detail-notice")).contains("cannot move to ACKNOWLEDGED");
        wait.until(textToBePresentInElementLocated(By.id("help-detail-badges"), "已确认"));
        assertThat(visibleActions()).containsExactly("指派", "已解决", "取消求助");
        assertThat(last(help(id).get("history")).get("by").asText()).isEqualTo("admin");
    }

    @Test
    void a_long_help_list_comes_a_page_at_a_time_and_every_waiting_request_counts() throws Exception {
        // 1,005 overdue requests: more than a page of the list (200) and of the count's walk (1,000).
        for (int sent = 0; sent < 1005; sent += 500) {
            ObjectNode[] events = new ObjectNode[Math.min(500, 1005 - sent)];
            for (int i = 0; i < events.length; i++) {
                events[i] = TestHub.helpRequested(UUID.randomUUID(), hub.clock.instant());
            }
            hub.sync(kiosk, null, events);
            hub.clock.advance(Duration.ofSeconds(1));
        }
        hub.clock.advance(Duration.ofMinutes(6));
        assertThat(hub.hub.runCheck(HelpFeature.OVERDUE_CHECK)).isEqualTo(1005);

        login(STAFF, "password-" + STAFF);
        By rows = By.cssSelector("#help-rows tr");
        wait.until(driver -> driver.findElements(rows).size() == 200);
        wait.until(driver -> navCount("help").equals("1005"));
        assertThat(chromium.driver.getTitle()).startsWith("（1005条求助待确认）");
        WebElement more = wait.until(visibilityOfElementLocated(By.id("help-more")));
        chromium.driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", more);
        chromium.screenshot("staff-help-more");
        chromium.phoneScreenshot("staff-help-more-390");

        more.click();
        wait.until(driver -> driver.findElements(rows).size() == 400);
        List<String> shown = chromium.driver.findElements(rows).stream().map(r -> r.getAttribute("data-id")).toList();
        assertThat(shown).doesNotHaveDuplicates();
        for (int page = 3; page <= 6; page++) {
            chromium.driver.findElement(By.id("help-more")).click();
            int expected = Math.min(1005, page * 200);
            wait.until(driver -> driver.findElements(rows).size() == expected);
        }
        wait.until(invisibilityOfElementLocated(By.id("help-more")));
        assertThat(navCount("help")).isEqualTo("1005");
    }

    @Test
    void the_kiosk_section_lists_kiosks_with_their_heartbeat_and_follows_them_live() throws Exception {
        hub.sync(kiosk, null, TestHub.heartbeat());
        TestHub.Kiosk quiet = hub.kiosk("大村村委会活动室", "大村");
        login(STAFF, "password-" + STAFF);

        chromium.driver.findElement(By.cssSelector("[data-nav='kiosks']")).click();
        wait.until(textToBePresentInElementLocated(By.id("kiosk-rows"), "和平村幸福小院"));
        String seen = page.text("kiosk-rows");
        assertThat(seen).contains("在线", "正常", "0.1.0", "2026-11-29 18:00:00");
        assertThat(seen).contains("大村村委会活动室", "离线", "从未联系", "尚无心跳");
        wait.until(textToBePresentInElementLocated(By.id("kiosk-summary"), "共 2 台，在线 1 台，离线 1 台，失联 0 台"));

        hub.sync(quiet, null, TestHub.event(UUID.randomUUID(), "HEARTBEAT", TestHub.START, true,
                Map.of("version", "0.1.0", "uptimeSeconds", 5, "outbox", 3, "voice", "off: no model", "speaker", "ok")));
        wait.until(textToBePresentInElementLocated(By.cssSelector("#kiosk-rows tr[data-id='" + quiet.id() + "']"),
                "语音识别没有开启"));
        assertThat(page.text("kiosk-rows")).contains("3 条未发出：网络通了会自动补发").doesNotContain("off: no model");
        // The hub's counts follow the live event shortly.
        wait.until(textToBePresentInElementLocated(By.id("kiosk-summary"), "在线 2 台"));
        chromium.screenshot("staff-kiosks");
        chromium.phoneScreenshot("staff-kiosks-390");
    }

    @Test
    void a_silent_kiosk_is_flagged_live_with_its_health_and_clears_when_it_returns() throws Exception {
        ObjectNode heartbeat = TestHub.heartbeat();
        ((ObjectNode) heartbeat.get("payload")).put("diskFreeMb", 12650)
                .put("temperatureC", 51.6).put("power", "battery 78%")
                .set("selfTest", ProtocolJson.mapper().valueToTree(Map.of("speaker", "ok",
                        "relay", "ok", "button", "ok", "microphone", "missing: no audio input device found")));
        hub.sync(kiosk, null, heartbeat);
        login(STAFF, "password-" + STAFF);
        chromium.driver.findElement(By.cssSelector("[data-nav='kiosks']")).click();
        wait.until(textToBePresentInElementLocated(By.id("kiosk-rows"), "和平村幸福小院"));
        // In Chinese, with what to do; the kiosk's own words stay for the technician, as a tooltip.
        assertThat(page.text("kiosk-rows")).contains("磁盘余 12.4 GB", "温度 51.6℃", "电源 电池 78%：停电了",
                "话筒：没有找到话筒", "请检查 USB 话筒是否插好").doesNotContain("失联", "missing");
        assertThat(chromium.driver.findElement(By.xpath("//span[contains(., '话筒：没有找到话筒')]")).getAttribute("title"))
                .isEqualTo("missing: no audio input device found");

        hub.clock.advance(Duration.ofMinutes(16));
        assertThat(hub.hub.runCheck(KioskFeature.SILENT_CHECK)).isEqualTo(1);

        wait.until(textToBePresentInElementLocated(By.cssSelector("#kiosk-rows tr[data-id='" + kiosk.id() + "']"),
                "失联"));
        assertThat(page.text("kiosk-rows")).contains("2026-11-29 18:00:00 起");
        wait.until(textToBePresentInElementLocated(By.id("kiosk-summary"), "失联 1 台"));
        wait.until(driver -> driver.getTitle().contains("1台设备失联"));
        chromium.screenshot("staff-kiosk-silent");

        hub.sync(kiosk, "0");
        wait.until(textToBePresentInElementLocated(By.cssSelector("#kiosk-rows tr[data-id='" + kiosk.id() + "']"),
                "在线"));
        assertThat(page.text("kiosk-rows")).doesNotContain("失联");
        wait.until(driver -> !driver.getTitle().contains("失联"));
    }

    @Test
    void the_kiosk_section_shows_a_page_with_more_and_filters_on_the_hub() throws Exception {
        hub.sync(kiosk, null, TestHub.heartbeat());
        for (int i = 1; i <= 120; i++) {
            hub.kiosk(String.format("%03d号", i), i <= 60 ? "大村" : "二村");
        }
        login(STAFF, "password-" + STAFF);
        chromium.driver.findElement(By.cssSelector("[data-nav='kiosks']")).click();
        By rows = By.cssSelector("#kiosk-rows tr");
        wait.until(driver -> driver.findElements(rows).size() == 100);
        wait.until(textToBePresentInElementLocated(By.id("kiosk-summary"), "共 121 台，在线 1 台，离线 120 台，失联 0 台"));
        assertThat(page.text("kiosk-shown")).isEqualTo("已显示 100 台，共 121 台");

        chromium.driver.findElement(By.id("kiosk-more")).click();
        wait.until(driver -> driver.findElements(rows).size() == 121);
        wait.until(invisibilityOfElementLocated(By.id("kiosk-more")));
        assertThat(displayed(By.id("kiosk-shown"))).isFalse();

        new Select(chromium.driver.findElement(By.id("kiosk-filter-village"))).selectByValue("二村");
        wait.until(textToBePresentInElementLocated(By.id("kiosk-summary"), "二村：共 60 台"));
        wait.until(driver -> driver.findElements(rows).size() == 60);
        assertThat(page.text("kiosk-rows")).contains("061号", "120号").doesNotContain("060号", "和平村幸福小院");

        new Select(chromium.driver.findElement(By.id("kiosk-filter-village"))).selectByValue("");
        new Select(chromium.driver.findElement(By.id("kiosk-filter-state"))).selectByValue("online");
        wait.until(driver -> driver.findElements(rows).size() == 1);
        assertThat(page.text("kiosk-rows")).contains("和平村幸福小院", "在线");
        assertThat(page.text("kiosk-summary")).contains("共 121 台");
    }

    @Test
    void logging_out_returns_to_the_form_and_ends_the_session() throws Exception {
        login(STAFF, "password-" + STAFF);
        chromium.driver.findElement(By.id("logout-button")).click();

        wait.until(visibilityOfElementLocated(By.id("login-form")));
        assertThat(page.text("login-error")).contains("已退出");
        chromium.driver.navigate().refresh();
        wait.until(visibilityOfElementLocated(By.id("login-form")));
        assertThat(displayed(By.id("app-view"))).isFalse();

        chromium.driver.findElement(By.id("login-username")).sendKeys(STAFF);
        chromium.driver.findElement(By.id("login-password")).sendKeys("wrong password");
        chromium.driver.findElement(By.id("login-button")).click();
        wait.until(textToBePresentInElementLocated(By.id("login-error"), "用户名或密码不对"));
        chromium.screenshot("staff-login-refused");
    }


    private JsonNode help(UUID id) {
        return hub.get("/api/v1/help-requests/" + id, hub.adminToken).json();
    }

    private static JsonNode last(JsonNode array) {
        return array.get(array.size() - 1);
    }

    private static By row(UUID id) {
        return By.cssSelector("#help-rows tr[data-id='" + id + "']");
    }

    private WebElement action(String to) {
        return chromium.driver.findElement(By.cssSelector("#help-actions button[data-to='" + to + "']"));
    }

    private List<String> visibleActions() {
        if (!displayed(By.id("help-actions"))) {
            return List.of();
        }
        return chromium.driver.findElements(By.cssSelector("#help-actions button[data-to]")).stream()
                .filter(WebElement::isDisplayed).map(WebElement::getText).toList();
    }

    private String navCount(String section) {
        return chromium.driver.findElement(By.cssSelector("[data-nav='" + section + "'] .nav-count")).getText();
    }


    private boolean displayed(By by) {
        return chromium.driver.findElement(by).isDisplayed();
    }

    private boolean invisible(By by) {
        return !displayed(by);
    }

}
