package org.courtyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.invisibilityOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.courtyard.hub.testing.StaffPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

/**
 * Issue 16's "done when", in {@code ./courtyard demo} as printed: 李建华 opens the phone page on a
 * 390-px phone with the printed login, sees this month's visit to 张桂英 and the next festival's
 * visits with their dates, records a visit with no signal (Chrome's network emulation, as
 * DevTools' offline), and when the signal returns the task is DONE and the staff page's 走访
 * section counts the visit. The demo runs on today's date, so the festival is whichever comes next:
 * the page is checked against the hub's own answer.
 */
class DemoCareIT {

    @TempDir
    Path dir;

    @TempDir
    Path phoneProfile;

    @TempDir
    Path staffProfile;

    @Test
    void the_demo_cadre_records_a_visit_without_signal_and_it_counts_once_the_line_returns() throws Exception {
        try (Demo demo = Demo.start(dir.resolve("data"));
                StaffPage phone = new StaffPage(phoneProfile, Duration.ofSeconds(30));
                StaffPage staff = new StaffPage(staffProfile, Duration.ofSeconds(30))) {
            HubApi api = new HubApi(demo.page).login(demo.cadreUsername, demo.cadrePassword);
            JsonNode me = api.call("GET", "/api/v1/care/me", null, 200);
            String today = me.get("today").asText();
            JsonNode mine = api.call("GET", "/api/v1/residents?cadreId=" + me.get("cadre").get("id").asText(), null,
                    200);
            String zhang = null;
            for (JsonNode person : mine) {
                if (person.get("name").asText().equals("张桂英")) {
                    zhang = person.get("id").asText();
                }
            }
            assertThat(zhang).as("张桂英 is paired with 李建华").isNotNull();
            String month = Integer.parseInt(today.substring(5, 7)) + "月走访";
            JsonNode festivals = api.call("GET", "/api/v1/care-tasks?kind=FESTIVAL&from=" + plusDays(today, 1)
                    + "&to=" + plusDays(today, 120) + "&cadreId=" + me.get("cadre").get("id").asText(), null, 200);
            JsonNode next = festivals.get(0);

            // 李建华 opens the phone page with the printed login.
            phone.chromium.driver.manage().window().setSize(new Dimension(390, 844));
            phone.chromium.driver.get(demo.cadrePage.toString());
            phone.wait.until(visibilityOfElementLocated(By.id("login-username"))).sendKeys(demo.cadreUsername);
            phone.find(By.id("login-password")).sendKeys(demo.cadrePassword);
            phone.find(By.id("login-button")).click();
            phone.wait.until(textToBePresentInElementLocated(By.id("who"), "李建华（和平村）"));

            // This month's visit to 张桂英, and the next festival's visits with their dates.
            By zhangToday = By.cssSelector("#today-list li[data-resident='" + zhang + "']");
            WebElement task = phone.wait.until(presenceOfElementLocated(zhangToday));
            assertThat(task.getText()).contains("张桂英", month, "记录走访");
            phone.wait.until(textToBePresentInElementLocated(By.id("festival-title"), monthDay(next
                    .get("festivalOn").asText())));
            assertThat(phone.text("festival-title")).contains(next.get("title").asText().replace("走访", ""));
            assertThat(phone.text("festival-when")).contains(monthDay(next.get("opensOn").asText()) + "起走访");
            phone.chromium.screenshot("demo-care-phone");

            // No signal: the visit waits on the phone, marked 未发送.
            phone.chromium.devTools("Network.enable", Map.of());
            offline(phone, true);
            task.findElement(By.cssSelector("button")).click();
            phone.wait.until(visibilityOfElementLocated(By.id("visit-save"))).click();
            phone.wait.until(visibilityOfElementLocated(By.id("pending")));
            assertThat(phone.text("pending-list")).contains("未发送", "张桂英");
            assertThat(api.call("GET", "/api/v1/residents/" + zhang + "/visits", null, 200)).isEmpty();
            phone.chromium.screenshot("demo-care-phone-unsent");

            // The signal returns: sent once, the task is DONE, the staff page counts it.
            offline(phone, false);
            phone.wait.until(invisibilityOfElementLocated(By.id("pending")));
            phone.wait.until(textToBePresentInElementLocated(zhangToday, "已走访"));
            JsonNode visits = api.call("GET", "/api/v1/residents/" + zhang + "/visits", null, 200);
            assertThat(visits).hasSize(1);
            assertThat(visits.get(0).get("source").asText()).isEqualTo("PHONE");
            String monthly = "mv." + today.substring(0, 7) + "." + zhang;
            assertThat(api.call("GET", "/api/v1/care-tasks/" + monthly, null, 200).get("status").asText())
                    .isEqualTo("DONE");

            staff.login(demo.page("/"), demo.staffUsername, demo.staffPassword);
            staff.awaitLive();
            staff.section("care");
            staff.wait.until(textToBePresentInElementLocated(
                    By.cssSelector("#care-village-rows tr[data-village='和平村']"), "1 / 5"));
            assertThat(staff.find(By.cssSelector("#care-cadre-rows tr")).getText()).contains("李建华", "1 / 3");
            staff.chromium.screenshot("demo-care-staff");
            phone.assertNoScriptErrors();
            staff.assertNoScriptErrors();
        }
    }

    private static void offline(StaffPage page, boolean offline) {
        page.chromium.devTools("Network.emulateNetworkConditions", Map.of("offline", offline, "latency", 0,
                "downloadThroughput", -1, "uploadThroughput", -1));
    }

    private static String plusDays(String day, int days) {
        return java.time.LocalDate.parse(day).plusDays(days).toString();
    }

    private static String monthDay(String day) {
        return Integer.parseInt(day.substring(5, 7)) + "月" + Integer.parseInt(day.substring(8, 10)) + "日";
    }
}
