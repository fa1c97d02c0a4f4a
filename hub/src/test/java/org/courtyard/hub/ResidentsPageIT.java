package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.invisibilityOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.courtyard.hub.api.checkin.CheckInFeature;
import org.courtyard.protocol.ProtocolJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The staff page's 居民 and 报平安 sections in headless Chromium against a real hub on port 0:
 * keeping the ledger in the browser, the CSV import, check-ins arriving from a kiosk's sync, and
 * the missed check-in alert with its pause, checked in the browser and through the API.
 */
class ResidentsPageIT extends StaffPageHarness {

    private static final String STAFF = "wangfang";
    private static final String VILLAGE = "和平村";

    @TempDir
    Path files;

    TestHub.Kiosk kiosk;

    ResidentsPageIT() {
        super(Duration.ofSeconds(15));
    }

    @BeforeEach
    void start() {
        // The missed check-in check runs only when a test asks (hub.runCheck(CheckInFeature.MISSED_CHECK)); the
        // session outlives the days the alert test moves the clock on, as for a page left open all week.
        hub = new TestHub(dir, config -> config.overdueCheckEvery(Duration.ofHours(1)).sessionLifetime(Duration.ofDays(30)));
        kiosk = hub.kiosk("和平村幸福小院", VILLAGE);
        hub.addUser(STAFF, "STAFF", null, "王芳");
    }

    @Test
    void a_resident_is_created_edited_and_given_a_photo_in_the_browser() throws Exception {
        String cadre = hub.cadre("李建华", VILLAGE, "13900001111", "2468");
        login(STAFF);
        page.section("residents");

        // Given a new child with the survey fields, a paired cadre and a guardian's phone
        click(By.id("residents-new"));
        type("resident-name", "李小军");
        type("resident-village", VILLAGE);
        new Select(page.find(By.id("resident-type"))).selectByValue("CHILD");
        assertThat(page.find(By.id("resident-school")).isDisplayed()).isTrue();
        page.find(By.id("resident-every")).clear();
        type("resident-every", "1");
        click(By.cssSelector("#resident-tag-choices input[value='五保户']"));
        type("resident-tags-other", "单亲、需要辅导");
        type("resident-guardian", "李奶奶");
        type("resident-guardian-phone", "13987654321");
        type("resident-parents-workplace", "广东东莞");
        type("resident-parents-phone", "13812345678");
        type("resident-school", "和平村完小");
        type("resident-class", "三年级二班");
        type("resident-head-teacher", "赵老师");
        WebElement pairing = wait.until(presenceOfElementLocated(By.cssSelector("#resident-cadres input[value='" + cadre
                + "']")));
        pairing.click();
        click(By.id("resident-save"));

        // then it is stored with every field, and the list masks the phone numbers
        wait.until(textToBePresentInElementLocated(By.id("resident-notice"), "已添加 李小军"));
        JsonNode listed = hub.get("/api/v1/residents", hub.adminToken).json();
        assertThat(listed).hasSize(1);
        String id = listed.get(0).get("id").asText();
        JsonNode stored = resident(id);
        assertThat(stored.get("type").asText()).isEqualTo("CHILD");
        assertThat(stored.get("checkInEveryDays").asInt()).isEqualTo(1);
        assertThat(stored.get("tags")).extracting(JsonNode::asText).containsExactly("五保户", "单亲", "需要辅导");
        assertThat(stored.get("guardian").asText()).isEqualTo("李奶奶");
        assertThat(stored.get("guardianPhone").asText()).isEqualTo("13987654321");
        assertThat(stored.get("parentsWorkplace").asText()).isEqualTo("广东东莞");
        assertThat(stored.get("parentsPhone").asText()).isEqualTo("13812345678");
        assertThat(stored.get("schoolClass").asText()).isEqualTo("三年级二班");
        assertThat(stored.get("headTeacher").asText()).isEqualTo("赵老师");
        assertThat(stored.get("cadres")).extracting(c -> c.get("name").asText()).containsExactly("李建华");
        wait.until(textToBePresentInElementLocated(row(id), "139****4321"));
        assertThat(page.find(row(id)).getText()).contains("李小军", VILLAGE, "留守儿童", "五保户", "每天", "李建华")
                .doesNotContain("13987654321");
        chromium.screenshot("residents-created");

        // when the school changes and the expectation is removed
        page.find(By.id("resident-school")).clear();
        type("resident-school", "镇中心小学");
        page.find(By.id("resident-every")).clear();
        click(By.id("resident-save"));
        wait.until(textToBePresentInElementLocated(By.id("resident-notice"), "已保存"));

        // then the edit is stored and the full numbers the form held are kept, not masked ones
        JsonNode edited = resident(id);
        assertThat(edited.get("school").asText()).isEqualTo("镇中心小学");
        assertThat(edited.get("checkInEveryDays").isNull()).isTrue();
        assertThat(edited.get("guardianPhone").asText()).isEqualTo("13987654321");
        wait.until(textToBePresentInElementLocated(row(id), "不需要"));

        // and a photo uploaded from a file is stored and shown
        Path photo = files.resolve("photo.png");
        BufferedImage image = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        image.setRGB(10, 10, 0xff0000);
        ImageIO.write(image, "png", photo.toFile());
        page.find(By.id("resident-photo-file")).sendKeys(photo.toAbsolutePath().toString());
        click(By.id("resident-photo-upload"));
        wait.until(textToBePresentInElementLocated(By.id("resident-notice"), "照片已上传"));
        assertThat(resident(id).get("photo").get("sha256").asText()).hasSize(64);
        WebElement shown = wait.until(visibilityOfElementLocated(By.id("resident-photo")));
        wait.until(driver -> ((Number) chromium.driver.executeScript("return arguments[0].naturalWidth;", shown))
                .intValue() > 0);
        assertThat(shown.getAttribute("alt")).isEqualTo("李小军的照片");

        // A masked number typed back is refused on the page and changes nothing.
        page.find(By.id("resident-guardian-phone")).clear();
        type("resident-guardian-phone", "139****4321");
        click(By.id("resident-save"));
        wait.until(textToBePresentInElementLocated(By.id("resident-form-error"), "监护人电话"));
        assertThat(page.find(By.id("resident-guardian-phone")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(resident(id).get("guardianPhone").asText()).isEqualTo("13987654321");
    }

    @Test
    void a_csv_file_with_a_bad_row_imports_nothing_and_says_where_then_a_good_file_imports() throws Exception {
        hub.resident("张桂英", VILLAGE, "ELDER");
        login(STAFF);
        page.section("residents");
        wait.until(textToBePresentInElementLocated(By.id("residents-rows"), "张桂英"));

        // Given a file whose third line has a type the hub does not know
        Path bad = files.resolve("bad.csv");
        Files.writeString(bad, "姓名,村,类型,报平安间隔天数\n王德福,和平村,空巢老人,1\n李小军,和平村,小孩,1\n",
                StandardCharsets.UTF_8);
        page.find(By.id("residents-import-file")).sendKeys(bad.toAbsolutePath().toString());
        click(By.id("residents-import-start"));

        // then the page names the line and the column, and says nothing was imported
        wait.until(visibilityOfElementLocated(By.id("residents-import-error")));
        assertThat(page.text("residents-import-summary")).contains("没有导入任何一行", "名单没有任何改动");
        assertThat(page.text("residents-import-lines")).contains("第 3 行", "“类型”列",
                "类型只能是“空巢老人”或“留守儿童”，这里写的是“小孩”");
        assertThat(hub.get("/api/v1/residents", hub.adminToken).json()).extracting(r -> r.get("name").asText())
                .containsExactly("张桂英");
        assertThat(chromium.driver.findElements(By.cssSelector("#residents-rows tr"))).hasSize(1);
        chromium.screenshot("residents-import-errors");

        // when the corrected file is imported
        Path good = files.resolve("good.csv");
        Files.writeString(good, "\uFEFF姓名,村,类型,报平安间隔天数,监护人\n王德福,和平村,空巢老人,1,\n"
                + "李小军,和平村,留守儿童,1,李奶奶\n", StandardCharsets.UTF_8);
        page.find(By.id("residents-import-file")).sendKeys(good.toAbsolutePath().toString());
        click(By.id("residents-import-start"));

        // then both are added and listed
        wait.until(textToBePresentInElementLocated(By.id("residents-import-done"), "新增 2 人"));
        assertThat(page.find(By.id("residents-import-error")).isDisplayed()).isFalse();
        wait.until(textToBePresentInElementLocated(By.id("residents-rows"), "李小军"));
        assertThat(page.text("residents-rows")).contains("王德福", "张桂英");
        assertThat(hub.get("/api/v1/residents", hub.adminToken).json()).hasSize(3);
        assertThat(page.find(By.id("residents-export")).getAttribute("href")).endsWith("/api/v1/residents.csv");
    }

    @Test
    void a_check_in_synced_by_a_kiosk_shows_in_today_without_a_reload() throws Exception {
        String zhang = hub.resident("张桂英", VILLAGE, "ELDER");
        String wang = hub.resident("王德福", VILLAGE, "ELDER");
        login(STAFF);
        page.section("checkins");
        wait.until(presenceOfElementLocated(chip("waiting", zhang)));
        assertThat(chromium.driver.findElements(chip("done", zhang))).isEmpty();
        chromium.driver.executeScript("window.courtyardMarker = 'loaded once';");

        // when the kiosk syncs 张桂英's tap on her photo, over real HTTP
        hub.clock.advance(Duration.ofMinutes(5));
        TestHub.Answer sync = hub.sync(kiosk, null, TestHub.checkedIn(zhang, hub.clock.instant(), true));
        assertThat(sync.status()).isEqualTo(200);

        // then today's view shows her checked in, with the time, and 王德福 still waiting
        WebElement done = wait.until(presenceOfElementLocated(chip("done", zhang)));
        assertThat(done.getText()).contains("张桂英", "18:05");
        assertThat(chromium.driver.findElements(chip("waiting", zhang))).isEmpty();
        assertThat(chromium.driver.findElements(chip("waiting", wang))).hasSize(1);
        assertThat(page.text("checkins-today-summary")).contains("已报平安 1 人", "共 2 人");
        assertThat(chromium.driver.executeScript("return window.courtyardMarker;")).isEqualTo("loaded once");
        chromium.screenshot("checkins-today");

        // and her name opens her history
        done.findElement(By.cssSelector("button.person-link")).click();
        wait.until(textToBePresentInElementLocated(By.id("checkins-person-title"), "张桂英"));
        assertThat(page.text("checkins-person-checkins")).contains("2026-11-29 18:05:00");
    }

    @Test
    void an_overdue_resident_is_alerted_live_and_a_pause_with_a_note_clears_it() throws Exception {
        String cadre = hub.cadre("李建华", VILLAGE, "13900001111", "2468");
        ObjectNode body = ProtocolJson.mapper().createObjectNode().put("name", "王德福").put("village", VILLAGE)
                .put("type", "ELDER").put("checkInEveryDays", 1);
        body.putArray("cadreIds").add(cadre);
        String wang = hub.post("/api/v1/residents", hub.adminToken, body).json().get("id").asText();
        login(STAFF);
        page.section("checkins");
        wait.until(visibilityOfElementLocated(By.id("checkins-alerts-empty")));

        // when three days pass without a check-in and the hub runs its check
        hub.clock.advance(Duration.ofDays(3));
        assertThat(hub.hub.runCheck(CheckInFeature.MISSED_CHECK)).isEqualTo(1);

        // then the alert appears live, counted in the navigation
        WebElement alert = wait.until(presenceOfElementLocated(By.cssSelector("#checkins-alert-rows tr[data-resident='"
                + wang + "']")));
        assertThat(alert.getText()).contains("王德福", VILLAGE, "从未报过平安", "李建华");
        wait.until(textToBePresentInElementLocated(By.cssSelector("[data-nav='checkins'] .nav-count"), "1"));
        assertThat(chromium.driver.getTitle()).contains("1人未报平安");
        // the page counts days as the hub does (its clock is three days on), not by the PC's date
        wait.until(textToBePresentInElementLocated(By.id("checkins-today-summary"), "12月2日"));
        chromium.screenshot("checkins-alert");

        // when staff pause it from the row: he is in hospital
        alert.findElement(By.cssSelector("button[data-pause]")).click();
        WebElement note = wait.until(visibilityOfElementLocated(By.id("checkins-pause-note")));
        note.sendKeys("在医院");
        String until = page.find(By.id("checkins-pause-until")).getAttribute("value");
        click(By.cssSelector(".pause-inline button[type='submit']"));

        // then the alert is gone from the page and from the hub, and the pause is on the resident
        wait.until(invisibilityOfElementLocated(By.cssSelector("#checkins-alert-rows tr[data-resident='" + wang + "']")));
        wait.until(textToBePresentInElementLocated(By.id("checkins-alerts-notice"), "已暂停 王德福 的提醒"));
        assertThat(page.text("checkins-alerts-notice")).contains("在医院");
        assertThat(page.find(By.cssSelector("[data-nav='checkins'] .nav-count")).isDisplayed()).isFalse();
        assertThat(hub.get("/api/v1/check-in-alerts", hub.adminToken).json()).isEmpty();
        JsonNode paused = resident(wang);
        assertThat(paused.get("pauseNote").asText()).isEqualTo("在医院");
        assertThat(paused.get("pausedUntil").asText()).isEqualTo(until).isEqualTo("2026-12-09");
        assertThat(hub.hub.runCheck(CheckInFeature.MISSED_CHECK)).as("no new alert while paused").isZero();

        // and the residents section shows the pause; 恢复提醒 ends it
        page.section("residents");
        wait.until(textToBePresentInElementLocated(row(wang), "暂停提醒至12月9日"));
        page.find(row(wang)).findElement(By.cssSelector("button.row-open")).click();
        wait.until(textToBePresentInElementLocated(By.id("resident-pause-state"), "原因：在医院"));
        click(By.id("resident-resume-button"));
        wait.until(textToBePresentInElementLocated(By.id("resident-notice"), "已恢复提醒"));
        assertThat(resident(wang).get("pausedUntil").asText()).isEqualTo("2026-12-02");
    }

    @Test
    void a_cadre_sees_and_edits_only_their_own_village() {
        String heping = hub.resident("张桂英", VILLAGE, "ELDER");
        String erCun = hub.resident("刘大爷", "二村", "ELDER");
        String cadreToken = hub.user("lixia", "CADRE", "二村");

        login("lixia");
        page.section("residents");
        wait.until(presenceOfElementLocated(row(erCun)));
        assertThat(chromium.driver.findElements(By.cssSelector("#residents-rows tr"))).hasSize(1);
        assertThat(page.text("residents-rows")).doesNotContain("张桂英");
        Select village = new Select(page.find(By.id("residents-filter-village")));
        assertThat(village.getOptions()).extracting(WebElement::getText).containsExactly("二村");
        assertThat(page.find(By.id("residents-filter-village")).isEnabled()).isFalse();
        click(By.id("residents-new"));
        assertThat(page.find(By.id("resident-village")).getAttribute("value")).isEqualTo("二村");
        assertThat(page.find(By.id("resident-village")).getAttribute("readonly")).isNotNull();

        page.section("checkins");
        wait.until(presenceOfElementLocated(chip("waiting", erCun)));
        assertThat(chromium.driver.findElements(By.cssSelector("#checkins-villages .village-day")))
                .extracting(day -> day.getAttribute("data-village")).containsExactly("二村");
        assertThat(page.text("checkins-villages")).doesNotContain("张桂英");

        // The hub enforces it, whatever the page shows.
        assertThat(hub.get("/api/v1/residents?village=" + VILLAGE, cadreToken).status()).isEqualTo(403);
        assertThat(hub.get("/api/v1/residents/" + heping, cadreToken).status()).isEqualTo(403);
        assertThat(hub.get("/api/v1/check-ins/by-village?village=" + VILLAGE, cadreToken).status()).isEqualTo(403);
        assertThat(hub.post("/api/v1/residents/" + heping + "/pause", cadreToken,
                java.util.Map.of("until", "2026-12-01")).status()).isEqualTo(403);
    }

    @Test
    void an_edit_made_while_someone_else_saved_shows_what_changed_and_saves_on_top_of_it() throws Exception {
        String id = hub.resident("张桂英", VILLAGE, "ELDER");
        hub.addUser("lihua", "STAFF", null, "李华");
        login(STAFF);
        page.section("residents");
        wait.until(presenceOfElementLocated(row(id))).click();
        wait.until(visibilityOfElementLocated(By.id("resident-phone")));

        // Wang Fang types a phone number while Li Hua saves an address from her own screen
        type("resident-phone", "13800000001");
        JsonNode loaded = resident(id);
        com.fasterxml.jackson.databind.node.ObjectNode lisEdit = ProtocolJson.mapper().createObjectNode()
                .put("address", "和平村三组");
        TestHub.Answer lis = hub.send(java.net.http.HttpRequest.newBuilder(hub.uri("/api/v1/residents/" + id))
                .header("Authorization", "Bearer " + hub.login("lihua", "password-lihua"))
                .header("Content-Type", "application/json").header("If-Match", "\"" + loaded.get("version") + "\"")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(ProtocolJson.write(lisEdit)))
                .build());
        assertThat(lis.status()).isEqualTo(200);
        click(By.id("resident-save"));

        // then her save is refused, she reads what Li Hua changed, and the form shows his address
        // with her number still in it
        wait.until(textToBePresentInElementLocated(By.id("resident-notice"), "刚刚被别人改过"));
        assertThat(page.text("resident-notice")).contains("住址：（空） → 和平村三组");
        assertThat(page.find(By.id("resident-phone")).getAttribute("value")).isEqualTo("13800000001");
        assertThat(page.find(By.id("resident-address")).getAttribute("value")).isEqualTo("和平村三组");
        assertThat(resident(id).get("phone").isNull()).as("nothing of the stale edit stored").isTrue();
        chromium.screenshot("residents-edit-conflict");
        chromium.phoneScreenshot("residents-edit-conflict-phone");

        // and saving again keeps both edits: her number, and the address she did not touch
        click(By.id("resident-save"));
        wait.until(textToBePresentInElementLocated(By.id("resident-notice"), "已保存"));
        JsonNode both = resident(id);
        assertThat(both.get("phone").asText()).isEqualTo("13800000001");
        assertThat(both.get("address").asText()).isEqualTo("和平村三组");
    }

    private void login(String username) {
        login(username, "password-" + username);
        page.awaitLive();
    }


    private JsonNode resident(String id) {
        return hub.get("/api/v1/residents/" + id, hub.adminToken).json();
    }

    @Test
    void a_long_ledger_comes_a_page_at_a_time_and_the_search_asks_the_hub() {
        // More than one page (100): the hub sends the first, 「更多」 the rest.
        for (int i = 1; i <= 104; i++) {
            hub.resident("张" + i, VILLAGE, "ELDER");
        }
        hub.resident("王桂英", VILLAGE, "ELDER");
        login(STAFF);
        page.section("residents");

        By rows = By.cssSelector("#residents-rows tr");
        wait.until(driver -> driver.findElements(rows).size() == 100);
        assertThat(page.find(By.id("residents-summary")).getText()).isEqualTo("显示 100 人，还有更多");
        click(By.id("residents-more"));
        wait.until(driver -> driver.findElements(rows).size() == 105);
        wait.until(invisibilityOfElementLocated(By.id("residents-more")));
        assertThat(page.find(By.id("residents-summary")).getText()).isEqualTo("显示 105 人");

        // The search box asks the hub, by pinyin initials too.
        type("residents-search", "wgy");
        wait.until(driver -> driver.findElements(rows).size() == 1);
        assertThat(page.find(rows).getText()).contains("王桂英");
        page.find(By.id("residents-search")).clear();
        type("residents-search", "张10");
        wait.until(driver -> driver.findElements(rows).size() == 6);
    }

    @Test
    void all_villages_show_every_village_in_today_and_the_months_coverage_past_one_page_of_villages() {
        // 22 villages: more than one page of the per-village lists (20), under 1,000 residents, so
        // 全部村 lists the names, following the Link header to the last village.
        for (int i = 1; i <= 22; i++) {
            hub.resident(String.format("张%02d", i), String.format("村%02d", i), "ELDER");
        }
        login(STAFF);
        page.section("checkins");

        By days = By.cssSelector("#checkins-villages .village-day");
        wait.until(driver -> driver.findElements(days).size() == 22);
        assertThat(page.find(By.cssSelector("#checkins-villages .village-day[data-village='村22']")).getText())
                .contains("张22");
        assertThat(page.text("checkins-today-summary")).contains("需要报平安的共 22 人");

        By coverage = By.cssSelector("#checkins-coverage .village-coverage");
        wait.until(driver -> driver.findElements(coverage).size() == 22);
        assertThat(page.find(By.cssSelector("#checkins-coverage .village-coverage[data-village='村22']")).getText())
                .contains("已走访 0 / 1 人", "张22");
    }

    private static By row(String id) {
        return By.cssSelector("#residents-rows tr[data-id='" + id + "']");
    }

    private static By chip(String list, String residentId) {
        return By.cssSelector("#checkins-villages [data-list='" + list + "'] li[data-resident='" + residentId + "']");
    }


    private void click(By by) {
        page.find(by).click();
    }

    private void type(String id, String text) {
        page.find(By.id(id)).sendKeys(text);
    }


}
