package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textMatches;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.courtyard.hub.testing.HeadlessChromium;
import org.courtyard.hub.testing.StaffPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The family page as a son far away uses it, in headless Chromium made to look like WeChat's
 * built-in browser on a 360-px Android phone (its user agent, a mobile viewport) on a slow line
 * (300 ms, 400 kbit/s down, 200 kbit/s up): he opens the invitation link, sets his PIN, sees that
 * his mother checked in today, records a message with the (fake) microphone, listens to it and
 * sends it; the kiosk reports it delivered and heard, and after a reload (still signed in) the page
 * says 已听; her reply from the kiosk shows 新 until he plays it, then 已听. Screenshots at 360 and
 * 390 px.
 */
class FamilyPageIT {

    @TempDir
    Path dir;

    @TempDir
    Path profile;

    TestHub hub;
    StaffPage phone;
    HeadlessChromium chromium;
    TestHub.Kiosk kiosk;
    String mother;

    @BeforeEach
    void start() {
        phone = new StaffPage(profile, Duration.ofSeconds(40), "--use-fake-device-for-media-stream",
                "--use-fake-ui-for-media-stream", "--user-agent=" + HeadlessChromium.WECHAT_USER_AGENT);
        chromium = phone.chromium;
        hub = new TestHub(dir);
        kiosk = hub.kiosk("和平村幸福小院", "和平村");
        mother = hub.resident("张桂英", "和平村", "ELDER");
    }

    @AfterEach
    void stop(TestInfo test) {
        try (TestHub closing = hub) {
            phone.closeCheckingConsole(test.getDisplayName());
        }
    }

    /** A phone of {@code width} CSS pixels on a slow mobile line. */
    void phone(int width) {
        chromium.devTools("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", 780,
                "deviceScaleFactor", 1, "mobile", true));
        chromium.devTools("Network.enable", Map.of());
        chromium.devTools("Network.emulateNetworkConditions", Map.of("offline", false, "latency", 300,
                "downloadThroughput", 50_000, "uploadThroughput", 25_000));
    }

    String invitation() {
        String son = hub.post("/api/v1/residents/" + mother + "/family", hub.adminToken,
                Map.of("name", "张伟", "relation", "SON", "phone", "13911112222")).json().get("id").asText();
        return hub.post("/api/v1/family-contacts/" + son + "/invite", hub.adminToken, Map.of()).json().get("link")
                .asText();
    }

    @Test
    void a_son_opens_his_invitation_in_wechat_sees_his_mother_checked_in_and_his_message_comes_back_heard()
            throws Exception {
        // 17:50 in the township (TestHub.START is 18:00 there).
        hub.sync(kiosk, null, TestHub.checkedIn(mother, TestHub.START.minus(Duration.ofMinutes(10)), true));
        String link = invitation();
        phone(360);

        chromium.driver.get(link);
        WebElement pin = phone.wait.until(visibilityOfElementLocated(By.id("redeem-pin")));
        assertThat(chromium.driver.getCurrentUrl()).as("the code leaves the address bar").doesNotContain("code=");
        chromium.screenshot("family-360-redeem");
        pin.sendKeys("482915");
        phone.find(By.id("redeem-pin2")).sendKeys("482915");
        phone.find(By.id("redeem-button")).click();

        phone.wait.until(textToBePresentInElementLocated(By.id("today-state"), "报了平安"));
        assertThat(phone.text("today-state")).isEqualTo("✓ 今天 17:50 报了平安");
        assertThat(phone.text("today-list")).contains("17:50", "和平村幸福小院");
        assertThat(phone.find(By.cssSelector("#calendar li.today")).getAttribute("class")).contains("done");
        assertThat(phone.text("hello")).contains("张伟", "张桂英");

        phone.find(By.id("record-button")).click();
        phone.wait.until(textMatches(By.id("recording-time"), Pattern.compile("[2-9] 秒")));
        chromium.screenshot("family-360-recording");
        phone.find(By.id("record-button")).click();
        phone.wait.until(visibilityOfElementLocated(By.id("draft")));
        phone.find(By.id("send-button")).click();
        WebElement sent = phone.wait.until(visibilityOfElementLocated(By.cssSelector("#message-list li.mine")));
        assertThat(sent.getText()).contains("我的留言", "已发出");
        JsonNode stored = hub.sync(kiosk, null).json().get("messages").get(0);
        assertThat(stored.get("audio").get("durationMs").asLong()).isBetween(1_500L, 10_000L);
        String id = stored.get("id").asText();

        // The kiosk holds it, then she listens to it to its end.
        hub.sync(kiosk, null, TestHub.event(UUID.randomUUID(), "MESSAGE_DELIVERED", hub.clock.instant(), true,
                Map.of("messageId", id)), TestHub.event(UUID.randomUUID(), "MESSAGE_HEARD", hub.clock.instant(), true,
                Map.of("messageId", id)));
        chromium.driver.navigate().refresh();
        WebElement heard = phone.wait.until(visibilityOfElementLocated(
                By.cssSelector("#message-list li[data-id='" + id + "'] .status")));
        assertThat(heard.getText()).isEqualTo("已听");
        chromium.screenshot("family-360-heard");

        // She answers with 回复 at the kiosk; on his next visit her reply is there, 新 until he plays it.
        String reply = UUID.randomUUID().toString();
        HttpRequest put = HttpRequest.newBuilder(hub.uri("/api/v1/family-messages/" + reply + "?replyTo=" + id))
                .header("Authorization", "Bearer " + kiosk.token()).header("Content-Type", "audio/wav")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(VoiceMemoTest.wav(1200))).build();
        assertThat(hub.send(put).status()).isEqualTo(201);
        chromium.driver.navigate().refresh();
        WebElement theirs = phone.wait.until(visibilityOfElementLocated(
                By.cssSelector("#message-list li.theirs[data-id='" + reply + "']")));
        assertThat(theirs.getText()).contains("张桂英的回复", "新");
        chromium.driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", theirs);
        chromium.screenshot("family-360-reply");
        theirs.findElement(By.cssSelector("button.play")).click();
        phone.wait.until(textToBePresentInElementLocated(
                By.cssSelector("#message-list li[data-id='" + reply + "'] .status"), "已听"));
        // The hub keeps it: still 已听 after a reload.
        chromium.driver.navigate().refresh();
        theirs = phone.wait.until(visibilityOfElementLocated(
                By.cssSelector("#message-list li.theirs[data-id='" + reply + "']")));
        assertThat(theirs.findElement(By.className("status")).getText()).isEqualTo("已听");
        phone(390);
        chromium.driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", theirs);
        chromium.screenshot("family-390-reply-heard");
    }

    @Test
    void on_the_same_phone_the_pin_alone_signs_in_again_after_the_session_ended() throws Exception {
        String link = invitation();
        phone(360);
        chromium.driver.get(link);
        phone.wait.until(visibilityOfElementLocated(By.id("redeem-pin"))).sendKeys("482915");
        phone.find(By.id("redeem-pin2")).sendKeys("482915");
        phone.find(By.id("redeem-button")).click();
        phone.wait.until(visibilityOfElementLocated(By.id("app-view")));

        phone.find(By.id("signout")).click();
        phone.wait.until(visibilityOfElementLocated(By.id("signin-pin"))).sendKeys("000111");
        phone.find(By.id("signin-button")).click();
        phone.wait.until(textToBePresentInElementLocated(By.id("signin-error"), "密码不对"));
        chromium.screenshot("family-360-signin");
        phone.find(By.id("signin-pin")).clear();
        phone.find(By.id("signin-pin")).sendKeys("482915");
        phone.find(By.id("signin-button")).click();
        phone.wait.until(visibilityOfElementLocated(By.id("app-view")));
        assertThat(phone.text("today-state")).isEqualTo("今天还没有报平安");
    }

    @Test
    void a_phone_that_never_redeemed_an_invitation_is_told_to_open_it() {
        phone(360);
        chromium.driver.get(hub.uri("/family/").toString());
        phone.wait.until(visibilityOfElementLocated(By.id("signin-pin"))).sendKeys("482915");
        phone.find(By.id("signin-button")).click();
        phone.wait.until(visibilityOfElementLocated(By.id("invite-view")));
        assertThat(phone.text("invite-view")).contains("邀请链接");
    }
}
