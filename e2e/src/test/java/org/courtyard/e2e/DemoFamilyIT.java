package org.courtyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textMatches;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.courtyard.hub.testing.HeadlessChromium;
import org.courtyard.hub.testing.StaffPage;
import org.courtyard.protocol.ProtocolJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Issue 18's "done when", in {@code ./courtyard demo} as printed: 张桂英 checks in at the demo kiosk
 * (its console's {@code checkin}); the staff login registers her son and makes his invitation; he
 * opens it in WeChat's browser on a 390-px phone (headless Chromium with WeChat's user agent and a
 * fake microphone), chooses his PIN, sees that she checked in today and records a message; the
 * kiosk fetches it ({@code messages 张桂英} says 1, the envelope's count, and his page 已送达),
 * {@code listen 张桂英} plays it on the indoor speaker ({@code audio start}/{@code audio end}, no
 * {@code relay on}) and his page, refreshing by itself, says 已听.
 */
class DemoFamilyIT {

    /** The kiosk's sync and the page's own 30-s refresh both lie between a step and what shows it. */
    private static final Duration SOON = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @TempDir
    Path profile;

    @Test
    void her_son_redeems_his_invitation_sees_her_check_in_and_his_message_is_heard_at_the_demo_kiosk()
            throws Exception {
        try (Demo demo = Demo.start(dir.resolve("data"));
                StaffPage phone = new StaffPage(profile, SOON, "--use-fake-device-for-media-stream",
                        "--use-fake-ui-for-media-stream", "--user-agent=" + HeadlessChromium.WECHAT_USER_AGENT)) {
            // The village's roster comes down on sync; she taps her photo.
            String checkedIn = await().atMost(SOON).until(() -> {
                int from = demo.console.lineCount();
                demo.console.type("checkin 张桂英");
                return demo.console.awaitLineAfter(from,
                        line -> line.startsWith("checked in ") || line.startsWith("error: "), SOON);
            }, line -> line.startsWith("checked in 张桂英 "));
            String zhang = checkedIn.substring("checked in 张桂英 ".length());

            // Staff registers her son and makes his invitation.
            HubApi staff = new HubApi(demo.page).login(demo.staffUsername, demo.staffPassword);
            ObjectNode son = ProtocolJson.mapper().createObjectNode().put("name", "张伟").put("relation", "SON")
                    .put("phone", "13911112222");
            String contact = staff.call("POST", "/api/v1/residents/" + zhang + "/family", son, 201).get("id").asText();
            String link = staff.call("POST", "/api/v1/family-contacts/" + contact + "/invite",
                    ProtocolJson.mapper().createObjectNode(), 201).get("link").asText();
            assertThat(link).startsWith(demo.page("/family/"));

            // He opens it on his phone and chooses a PIN; the page says she checked in today.
            phone.chromium.devTools("Emulation.setDeviceMetricsOverride", Map.of("width", 390, "height", 844,
                    "deviceScaleFactor", 1, "mobile", true));
            phone.chromium.driver.get(link);
            phone.wait.until(visibilityOfElementLocated(By.id("redeem-pin"))).sendKeys("482915");
            phone.find(By.id("redeem-pin2")).sendKeys("482915");
            phone.chromium.screenshot("demo-family-390-redeem");
            phone.find(By.id("redeem-button")).click();
            phone.wait.until(textToBePresentInElementLocated(By.id("today-state"), "报了平安"));
            assertThat(phone.text("today-state")).startsWith("✓ 今天");
            assertThat(phone.text("today-list")).contains("和平村");
            assertThat(phone.text("hello")).contains("张伟", "张桂英");
            phone.chromium.screenshot("demo-family-390-today");

            // He records a message with the phone's microphone and sends it.
            phone.find(By.id("record-button")).click();
            phone.wait.until(textMatches(By.id("recording-time"), Pattern.compile("[2-9] 秒")));
            phone.find(By.id("record-button")).click();
            phone.wait.until(visibilityOfElementLocated(By.id("draft")));
            phone.find(By.id("send-button")).click();
            WebElement sent = phone.wait.until(visibilityOfElementLocated(By.cssSelector("#message-list li.mine")));
            assertThat(sent.getText()).contains("我的留言");
            String message = sent.getAttribute("data-id");
            By status = By.cssSelector("#message-list li[data-id='" + message + "'] .status");
            phone.chromium.screenshot("demo-family-390-sent");

            // The kiosk fetches it: her tile's envelope counts 1, his page says 已送达.
            await().atMost(SOON).until(() -> unheard(demo.console), count -> count == 1);
            phone.wait.until(textToBePresentInElementLocated(status, "已送达"));
            phone.chromium.screenshot("demo-family-390-delivered");

            // listen 张桂英 plays it on the indoor speaker, to its end; the loudspeaker's relay stays off.
            int from = demo.console.lineCount();
            demo.console.type("listen 张桂英");
            int start = demo.console.awaitIndexAfter(from,
                    line -> line.startsWith("audio start message-" + message), SOON);
            int end = demo.console.awaitIndexAfter(start, line -> line.startsWith("audio end message-" + message),
                    SOON);
            assertThat(demo.console.line(end)).isEqualTo("audio end message-" + message + " PLAYED");
            for (int i = from; i <= end; i++) {
                assertThat(demo.console.line(i)).isNotEqualTo("relay on");
            }
            // Marked heard on the player thread once the play has returned, just after the line above.
            await().atMost(SOON).until(() -> unheard(demo.console), count -> count == 0);

            // MESSAGE_HEARD goes up with the next sync; his page, refreshing by itself, says 已听.
            phone.wait.until(textToBePresentInElementLocated(status, "已听"));
            assertThat(phone.find(status).getText()).isEqualTo("已听");
            phone.chromium.screenshot("demo-family-390-heard");
            phone.assertNoScriptErrors();
        }
    }

    /** The count on her tile's envelope, from the console's {@code messages 张桂英}. */
    private static int unheard(JavaProcess console) throws Exception {
        int from = console.lineCount();
        console.type("messages 张桂英");
        String line = console.awaitLineAfter(from, text -> text.startsWith("messages 张桂英 "), SOON);
        return Integer.parseInt(line.substring("messages 张桂英 ".length()));
    }
}
