package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.invisibilityOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.nio.file.Files;
import java.time.Duration;
import java.util.UUID;
import org.courtyard.protocol.testing.SmallDisk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

/** The staff page tells staff when the hub's disk is full, on a real filesystem that fills up. */
class HubHealthPageIT extends StaffPageHarness {

    SmallDisk disk;
    TestHub.Kiosk kiosk;

    HubHealthPageIT() {
        super(Duration.ofSeconds(15));
    }

    @BeforeEach
    void start() throws Exception {
        disk = SmallDisk.mount(Files.createDirectory(dir.resolve("disk")), 16);
        hub = new TestHub(disk.path().resolve("hub"), builder -> builder.minFreeDisk(1024 * 1024));
        kiosk = hub.kiosk("和平村幸福小院", "和平村");
        hub.addUser("wangfang", "STAFF", null, "王芳");
    }

    @AfterEach
    void unmount() {
        // The harness closes the browser and the hub after this; the disk must outlive the hub.
        if (hub != null) {
            hub.close();
        }
        if (disk != null) {
            disk.close();
        }
    }

    @Test
    void a_full_disk_is_shown_above_every_section_and_an_action_says_it_was_not_saved() throws Exception {
        UUID id = UUID.randomUUID();
        hub.sync(kiosk, null, TestHub.helpRequested(id, TestHub.START));
        login("wangfang", "password-wangfang");
        page.awaitLive();
        assertThat(page.find(By.id("hub-health")).isDisplayed()).isFalse();

        disk.fill();
        page.find(By.cssSelector("#help-rows tr[data-id='" + id + "']")).click();
        page.wait.until(presenceOfElementLocated(By.cssSelector("#help-actions button[data-to='ACKNOWLEDGED']")))
                .click();

        page.wait.until(textToBePresentInElementLocated(By.id("hub-health"), "保存数据失败"));
        assertThat(page.text("hub-health")).contains("磁盘空间快用完了", "联系管理员");
        assertThat(page.text("help-action-error")).contains("操作没有成功", "磁盘已满", "没有保存");
        assertThat(hub.get("/api/v1/help-requests/" + id, hub.adminToken).json().get("status").asText())
                .isEqualTo("NEW");
        chromium.screenshot("staff-hub-disk-full");
        chromium.driver.manage().window().setSize(new Dimension(390, 844));
        page.wait.until(visibilityOfElementLocated(By.id("hub-health")));
        chromium.screenshot("staff-hub-disk-full-phone");

        disk.free();
        hub.sync(kiosk, null, TestHub.heartbeat());
        chromium.driver.navigate().refresh();
        page.wait.until(textToBePresentInElementLocated(By.id("who"), "王芳"));
        page.wait.until(invisibilityOfElementLocated(By.id("hub-health")));
    }
}
