package org.courtyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.courtyard.hub.testing.StaffPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Issue 6's "done when", as in {@code ./courtyard demo}: an elder checks in at the demo kiosk (its
 * console's {@code checkin NAME}, the headless form of a tap on her photo); the staff page's
 * 报平安 section, open in the browser with the printed login, shows her checked in today without a
 * reload, and shows the demo's quiet elder, whose last check-in is three days old, as an alert.
 */
class DemoCheckInIT {

    private static final Duration SOON = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @TempDir
    Path profile;

    @Test
    void an_elder_checks_in_at_the_demo_kiosk_and_the_staff_page_shows_her_today_and_the_quiet_elder_alerted()
            throws Exception {
        try (Demo demo = Demo.start(dir.resolve("data"));
                StaffPage page = new StaffPage(profile, Duration.ofSeconds(30))) {
            // The village's roster comes down to the kiosk on sync.
            Map<String, String> residents = new LinkedHashMap<>();
            await().atMost(SOON).untilAsserted(() -> {
                residents.putAll(residents(demo.console));
                assertThat(residents).containsKeys("张桂英", "王德福");
            });
            String zhang = residents.get("张桂英");
            String wang = residents.get("王德福");

            page.login(demo.page("/"), demo.staffUsername, demo.staffPassword);
            page.awaitLive();
            page.section("checkins");
            // The quiet elder: checked in three days ago, not since, so an alert, counted in the navigation.
            WebElement alert = page.wait.until(presenceOfElementLocated(
                    By.cssSelector("#checkins-alert-rows tr[data-resident='" + wang + "']")));
            assertThat(alert.getText()).contains("王德福", "和平村", "3 天前");
            page.wait.until(textToBePresentInElementLocated(By.cssSelector("[data-nav='checkins'] .nav-count"), "1"));
            page.wait.until(presenceOfElementLocated(chip("waiting", zhang)));
            assertThat(page.chromium.driver.findElements(chip("done", zhang))).isEmpty();

            // 张桂英 taps her photo at the kiosk.
            demo.console.type("checkin 张桂英");
            demo.console.awaitLine(line -> line.equals("checked in 张桂英 " + zhang), SOON);

            // The page shows her checked in today, live; 王德福 is still waiting and still alerted.
            WebElement done = page.wait.until(presenceOfElementLocated(chip("done", zhang)));
            assertThat(done.getText()).contains("张桂英");
            assertThat(page.chromium.driver.findElements(chip("waiting", zhang))).isEmpty();
            assertThat(page.chromium.driver.findElements(chip("waiting", wang))).hasSize(1);
            page.wait.until(textToBePresentInElementLocated(By.id("checkins-today-summary"), "已报平安 1 人"));
            assertThat(page.text("checkins-today-summary")).contains("共 5 人");
            assertThat(page.chromium.driver.findElements(By.cssSelector("#checkins-alert-rows tr[data-resident='" + wang
                    + "']"))).hasSize(1);
            page.chromium.screenshot("demo-checkin");
            page.assertNoScriptErrors();
        }
    }

    /** The kiosk's roster, name to id, from its console's {@code residents} answer. */
    private static Map<String, String> residents(JavaProcess kiosk) throws Exception {
        int from = kiosk.lineCount();
        kiosk.type("residents");
        String line = kiosk.awaitLineAfter(from, text -> text.startsWith("residents "), SOON);
        Map<String, String> byName = new LinkedHashMap<>();
        String list = line.substring(line.indexOf(':') + 1).strip();
        if (!list.isEmpty()) {
            for (String entry : list.split(", ")) {
                String[] idAndName = entry.split(" ", 2);
                byName.put(idAndName[1], idAndName[0]);
            }
        }
        return byName;
    }

    private static By chip(String list, String residentId) {
        return By.cssSelector("#checkins-villages [data-list='" + list + "'] li[data-resident='" + residentId + "']");
    }
}
