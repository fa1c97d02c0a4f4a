package org.courtyard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textMatches;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.courtyard.hardware.Tones;
import org.courtyard.hub.testing.StaffPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Issue 5's "done when", as a staff member does it in {@code ./courtyard demo}: log in to the staff
 * page with the printed login, record a message in the browser (Chromium's fake microphone, a
 * beep), send it to the demo kiosk's village, publish; the demo kiosk broadcasts it (relay on, the
 * chime and the recording, relay off, on its console) and the page's delivery board says 已播放.
 */
class DemoAnnouncementIT {

    private static final Duration PLAYED = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @TempDir
    Path profile;

    @Test
    void a_message_recorded_in_the_browser_is_broadcast_by_the_demo_kiosk_and_the_board_says_played()
            throws Exception {
        try (Demo demo = Demo.start(dir.resolve("data"));
                StaffPage page = new StaffPage(profile, Duration.ofSeconds(30), "--use-fake-device-for-media-stream",
                        "--use-fake-ui-for-media-stream")) {
            // Whatever the hour: the demo kiosk has no quiet hours, else NORMAL ones would wait for 07:00.
            assertThat(Files.readString(dir.resolve("data").resolve("kiosk.log")))
                    .contains("quiet hours none (Asia/Shanghai)");
            page.login(demo.page("/"), demo.staffUsername, demo.staffPassword);
            page.awaitLive();
            page.section("announcements");
            page.find(By.id("ann-new")).click();
            page.wait.until(visibilityOfElementLocated(By.id("ann-form")));
            page.find(By.id("ann-title")).sendKeys("冬季防火通知");
            page.find(By.id("ann-text")).sendKeys("天干物燥，请各家各户注意用火安全。");
            // The demo kiosk's village is offered because the demo has a kiosk there.
            By village = By.cssSelector("#ann-village-options input[value='和平村']");
            page.wait.until(presenceOfElementLocated(village)).click();

            page.find(By.id("ann-record")).click();
            page.wait.until(textToBePresentInElementLocated(By.id("ann-record"), "停止录音"));
            page.wait.until(textMatches(By.id("ann-elapsed"), Pattern.compile("0:0[2-9]")));
            page.find(By.id("ann-record")).click();
            WebElement take = page.wait.until(visibilityOfElementLocated(By.id("ann-take")));
            double recordedSeconds = Double.parseDouble(take.getAttribute("data-seconds"));
            int from = demo.console.lineCount();
            page.find(By.id("ann-save")).click();
            page.wait.until(textToBePresentInElementLocated(By.id("ann-notice"), "通知已发布"));
            String id = page.wait.until(presenceOfElementLocated(By.cssSelector("#ann-rows tr[data-id]")))
                    .getAttribute("data-id");
            assertThat(page.find(By.cssSelector("#ann-rows tr[data-id='" + id + "']")).getText())
                    .as("as the form had it: NORMAL, outdoor, to the village").contains("普通", "大喇叭", "和平村");
            page.chromium.screenshot("demo-announcement-published");

            // The kiosk, a separate process, broadcasts it in order: relay on, chime and recording, relay off.
            String name = "announcement-" + id;
            int relayOn = demo.console.awaitIndexAfter(from, line -> line.equals("relay on"), PLAYED);
            Pattern start = Pattern.compile("audio start chime\\+" + Pattern.quote(name) + " \\((\\d+) ms\\)");
            int started = demo.console.awaitIndexAfter(relayOn, line -> start.matcher(line).matches(), PLAYED);
            int ended = demo.console.awaitIndexAfter(started, line -> line.equals("audio end " + name + " PLAYED"),
                    PLAYED);
            demo.console.awaitIndexAfter(ended, line -> line.equals("relay off"), PLAYED);

            // What it played is the recording the hub stored, whole: the chime plus its length.
            byte[] stored = audio(demo, id);
            Path copy = demo.kioskData.resolve("audio").resolve(sha256(stored) + ".wav");
            assertThat(copy).as("the kiosk's checked copy of the recording").exists();
            assertThat(Files.readAllBytes(copy)).isEqualTo(stored);
            AudioFormat format;
            long frames;
            try (AudioInputStream wav = AudioSystem.getAudioInputStream(new ByteArrayInputStream(stored))) {
                format = wav.getFormat();
                frames = wav.getFrameLength();
            }
            assertThat(frames / (double) format.getFrameRate()).as("the hub's WAV is the recording the page made")
                    .isCloseTo(recordedSeconds, within(0.001));
            long chimeFrames = Tones.chime(format).pcm().length / format.getFrameSize();
            Matcher playedLine = start.matcher(demo.console.line(started));
            assertThat(playedLine.matches()).isTrue();
            assertThat(Long.parseLong(playedLine.group(1))).as("milliseconds the loudspeaker played")
                    .isCloseTo(Math.round((chimeFrames + frames) * 1000.0 / format.getFrameRate()), within(1L));

            // The board on the page, without a reload, says the demo kiosk played it.
            By kioskRow = By.cssSelector("#ann-board-rows tr[data-kiosk='" + demo.kioskId + "']");
            page.wait.until(textToBePresentInElementLocated(kioskRow, "已播放"));
            assertThat(page.find(kioskRow).getText()).contains("和平村幸福小院", "播放于");
            // The village's two kiosks: the courtyard's, which played it, and 张桂英's home unit, which
            // holds it but plays only EMERGENCY announcements (its heartbeat says so): counted apart.
            By listRow = By.cssSelector("#ann-rows tr[data-id='" + id + "']");
            page.wait.until(textToBePresentInElementLocated(listRow, "已播放 1/1"));
            assertThat(page.find(listRow).getText()).contains("居家 1 台不播放普通通知");
            By homeRow = By.cssSelector("#ann-board-rows tr[data-kiosk]:not([data-kiosk='" + demo.kioskId + "'])");
            assertThat(page.find(homeRow).getText()).contains("张桂英", "不播放普通通知").doesNotContain("还没播放");
            page.chromium.screenshot("demo-announcement-played");
            page.assertNoScriptErrors();
        }
    }

    /** The stored recording, fetched as the staff member (their login, the hub's audio endpoint). */
    private static byte[] audio(Demo demo, String id) throws Exception {
        HubApi staff = new HubApi(demo.page).login(demo.staffUsername, demo.staffPassword);
        HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(demo.page.resolve("/api/v1/announcements/" + id + "/audio"))
                        .header("Authorization", "Bearer " + staff.token()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
