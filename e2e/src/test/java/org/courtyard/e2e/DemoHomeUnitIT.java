package org.courtyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.courtyard.hub.testing.StaffPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

/**
 * Issue 15's "done when", in {@code ./courtyard demo}: the demo's home unit for 张桂英 runs beside the
 * kiosk; its green button (the {@code checkin} line written to the pipe the launcher prints) checks
 * her in and the staff page shows it; its red button ({@code press}) raises a request the staff page
 * marks 居家 with her name and address, at desktop and phone width; her page in the ledger shows
 * her unit in contact.
 */
class DemoHomeUnitIT {

    private static final Duration SOON = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @TempDir
    Path profile;

    @Test
    void the_demo_home_unit_checks_zhang_guiying_in_and_her_press_shows_as_a_home_request_with_her_address()
            throws Exception {
        Path data = dir.resolve("data");
        try (Demo demo = Demo.start(data);
                StaffPage page = new StaffPage(profile, Duration.ofSeconds(30))) {
            assertThat(demo.console.output()).contains("echo checkin", data.resolve("home-unit.in").toString());
            Path log = data.resolve("home-unit.log");
            await().atMost(Courtyard.START).until(() -> unitSaid(log, "resident=r-", "status"));

            page.login(demo.page("/"), demo.staffUsername, demo.staffPassword);
            page.awaitLive();
            page.section("checkins");

            tell(data, "checkin");
            await().atMost(SOON).until(() -> read(log).contains("checked in 张桂英 r-"));
            WebElement done = page.wait.until(presenceOfElementLocated(
                    By.cssSelector("#checkins-villages [data-list='done'] li[data-resident]")));
            assertThat(done.getText()).contains("张桂英");

            page.section("help");
            tell(data, "press");
            WebElement row = page.wait.until(presenceOfElementLocated(By.cssSelector("#help-rows tr[data-id]")));
            page.wait.until(driver -> row.getText().contains("居家"));
            assertThat(row.getText()).contains("居家", "张桂英", "和平村三组12号");
            row.findElement(By.cssSelector("button.row-open")).click();
            page.wait.until(driver -> page.text("help-detail-fields").contains("和平村三组12号"));
            assertThat(page.text("help-detail-fields")).contains("居家", "张桂英", "住址");
            page.chromium.screenshot("demo-home-help");
            page.chromium.driver.manage().window().setSize(new Dimension(390, 844));
            page.chromium.screenshot("demo-home-help-phone");

            // Her page in the ledger shows her unit: in contact, its last heartbeat.
            page.chromium.driver.manage().window().setSize(new Dimension(1366, 768));
            page.section("residents");
            WebElement her = page.wait.until(presenceOfElementLocated(By.xpath(
                    "//tbody[@id='residents-rows']//button[@class='row-open' and text()='张桂英']")));
            her.click();
            page.wait.until(driver -> page.text("resident-home-state").contains("张桂英家的居家呼叫器"));
            assertThat(page.text("resident-home-state")).contains("在线", "最后联系");
            page.chromium.screenshot("demo-home-resident");
            page.assertNoScriptErrors();
        }
    }

    /** Writes one console line to the home unit through the pipe the launcher made. */
    private static void tell(Path data, String command) throws IOException {
        Files.writeString(data.resolve("home-unit.in"), command + "\n", StandardCharsets.UTF_8);
    }

    /** Asks with {@code command} (if not null) and answers whether the unit's log has {@code text}. */
    private static boolean unitSaid(Path log, String text, String command) throws IOException {
        tell(log.getParent(), command);
        return read(log).contains(text);
    }

    private static String read(Path log) throws IOException {
        return Files.isRegularFile(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
