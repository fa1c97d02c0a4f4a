package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.openqa.selenium.support.ui.ExpectedConditions.textMatches;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.courtyard.hub.announce.AnnounceSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The staff page's announcements section (通知广播) in headless Chromium against a real hub on
 * port 0: recording with Chromium's fake microphone, uploading files, the delivery board fed by a
 * kiosk's real syncs, withdrawal, and what a cadre may choose.
 */
class AnnouncementsPageIT extends StaffPageHarness {

    private static final String STAFF = "wangfang";

    @TempDir
    Path files;

    Announce announce;
    TestHub.Kiosk heping;
    TestHub.Kiosk erCun;

    AnnouncementsPageIT() {
        // The fake microphone plays a beep; the fake UI grants the page the microphone without asking.
        super(Duration.ofSeconds(20), "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--autoplay-policy=no-user-gesture-required");
    }

    @BeforeEach
    void start() {
        // WAV only, whether or not this machine has ffmpeg: other files get the hub's 415.
        hub = new TestHub(dir, config -> config.announce(AnnounceSettings.defaults().withFfmpeg(Optional.empty())));
        announce = new Announce(hub);
        heping = hub.kiosk("和平村幸福小院", "和平村");
        erCun = hub.kiosk("二村小学", "二村");
        hub.addUser(STAFF, "STAFF", null, null);
    }

    @Test
    void a_recording_made_in_the_browser_is_stored_as_a_16_khz_mono_wav_of_its_length() throws Exception {
        login(STAFF);
        openNewForm();
        type("ann-title", "冬季防火通知");
        type("ann-text", "天干物燥，请各家各户注意用火安全。");
        village("和平村").click();

        WebElement record = chromium.driver.findElement(By.id("ann-record"));
        long before = System.nanoTime();
        record.click();
        wait.until(textToBePresentInElementLocated(By.id("ann-record"), "停止录音"));
        wait.until(textMatches(By.id("ann-elapsed"), Pattern.compile("0:0[2-9]")));
        assertThat(Double.parseDouble(chromium.driver.findElement(By.id("ann-level")).getAttribute("max")))
                .isEqualTo(1.0);
        chromium.screenshot("announcement-recording");
        record.click();
        WebElement take = wait.until(visibilityOfElementLocated(By.id("ann-take")));
        double wallSeconds = (System.nanoTime() - before) / 1e9;
        double pageSeconds = Double.parseDouble(take.getAttribute("data-seconds"));
        assertThat(page.text("ann-take-label")).contains("新录音");
        assertThat(page.text("ann-record")).contains("开始录音");

        chromium.driver.findElement(By.id("ann-save")).click();
        wait.until(textToBePresentInElementLocated(By.id("ann-notice"), "通知已发布"));
        String id = onlyAnnouncement().get("id").asText();
        wait.until(visibilityOfElementLocated(By.id("ann-audio-box")));

        Announce.Bytes audio = announce.audio(hub.adminToken, id);
        assertThat(audio.status()).isEqualTo(200);
        Wav wav = Wav.parse(audio.body());
        assertThat(wav.format()).as("PCM").isEqualTo(1);
        assertThat(wav.channels()).isEqualTo(1);
        assertThat(wav.rate()).isEqualTo(16_000);
        assertThat(wav.bits()).isEqualTo(16);
        double seconds = wav.samples().length / 16_000.0;
        assertThat(seconds).as("the WAV's length is what the page said it recorded").isCloseTo(pageSeconds, within(0.001));
        assertThat(seconds).as("at least the two seconds waited for, at most the time between the clicks")
                .isBetween(1.9, wallSeconds);
        assertThat(onlyAnnouncement().get("audio").get("durationMs").asLong())
                .isCloseTo(Math.round(seconds * 1000), within(2L));
        assertThat(wav.peak()).as("the fake microphone's beep, not silence").isGreaterThan(3_000);
        chromium.screenshot("announcement-recorded");
    }

    @Test
    void a_wav_file_is_uploaded_and_a_file_that_is_not_audio_is_refused_with_the_hubs_message() throws Exception {
        Path notes = Files.writeString(files.resolve("会议记录.txt"), "这不是录音", StandardCharsets.UTF_8);
        byte[] tone = Announce.wav(22_050f, 1, 1_500);
        Path wavFile = Files.write(files.resolve("通知录音.wav"), tone);

        login(STAFF);
        openNewForm();
        type("ann-title", "医保缴费提醒");
        village("和平村").click();
        chromium.driver.findElement(By.id("ann-file")).sendKeys(notes.toString());
        wait.until(textToBePresentInElementLocated(By.id("ann-take-label"), "会议记录.txt"));
        chromium.driver.findElement(By.id("ann-save")).click();

        wait.until(visibilityOfElementLocated(By.id("ann-audio-error")));
        assertThat(page.text("ann-audio-error")).contains("乡镇服务器不接受这个声音文件", "the body must be audio",
                "text/plain", "WAV", "通知的文字已经保存");
        chromium.screenshot("announcement-upload-refused");
        JsonNode saved = onlyAnnouncement();
        assertThat(saved.get("title").asText()).isEqualTo("医保缴费提醒");
        assertThat(saved.get("audio").isNull()).as("no audio stored").isTrue();
        String id = saved.get("id").asText();
        assertThat(announce.audio(hub.adminToken, id).status()).isEqualTo(404);
        assertThat(audioFiles()).as("nothing kept under DATA/audio").isEmpty();

        // The form stays on the saved announcement: another file and 保存修改 attach it.
        assertThat(page.text("ann-save")).isEqualTo("保存修改");
        chromium.driver.findElement(By.id("ann-file")).sendKeys(wavFile.toString());
        wait.until(textToBePresentInElementLocated(By.id("ann-take-label"), "通知录音.wav"));
        chromium.driver.findElement(By.id("ann-save")).click();
        wait.until(textToBePresentInElementLocated(By.id("ann-notice"), "修改已保存"));

        assertThat(announce.list(hub.adminToken)).hasSize(1);
        Announce.Bytes audio = announce.audio(hub.adminToken, id);
        assertThat(audio.status()).isEqualTo(200);
        assertThat(Announce.sha256(audio.body())).isEqualTo(Announce.sha256(tone));
        assertThat(page.text("ann-fields")).contains("1.5 秒");
    }

    @Test
    void the_board_shows_live_what_the_village_kiosk_received_downloaded_and_played() throws Exception {
        byte[] tone = Announce.wav(16_000f, 1, 800);
        Path wavFile = Files.write(files.resolve("停水通知.wav"), tone);
        login(STAFF);
        openNewForm();
        type("ann-title", "明天上午停水");
        chromium.driver.findElement(By.cssSelector("input[name='ann-priority'][value='EMERGENCY']")).click();
        village("和平村").click();
        chromium.driver.findElement(By.id("ann-file")).sendKeys(wavFile.toString());
        chromium.driver.findElement(By.id("ann-save")).click();
        wait.until(textToBePresentInElementLocated(By.id("ann-notice"), "通知已发布"));

        JsonNode created = onlyAnnouncement();
        String id = created.get("id").asText();
        assertThat(created.get("targets").get("villages")).hasSize(1);
        assertThat(created.get("targets").get("villages").get(0).asText()).isEqualTo("和平村");
        assertThat(created.get("priority").asText()).isEqualTo("EMERGENCY");
        By row = By.cssSelector("#ann-rows tr[data-id='" + id + "']");
        assertThat(chromium.driver.findElement(row).getText()).contains("明天上午停水", "紧急", "大喇叭", "和平村",
                "已播放 0/1");
        By kioskRow = By.cssSelector("#ann-board-rows tr[data-kiosk='" + heping.id() + "']");
        assertThat(chromium.driver.findElement(kioskRow).getText()).contains("和平村幸福小院", "未送达", "还没播放");
        assertThat(chromium.driver.findElements(By.cssSelector("#ann-board-rows tr[data-kiosk='" + erCun.id() + "']")))
                .as("the other village's kiosk is not on the board").isEmpty();

        // The kiosk syncs over HTTP and receives it; the board follows without a reload.
        JsonNode answer = hub.sync(heping, null).json();
        assertThat(Announce.ids(answer)).containsExactly(id);
        String cursor = answer.get("cursor").asText();
        wait.until(textToBePresentInElementLocated(kioskRow, "正在下载"));
        assertThat(chromium.driver.findElement(kioskRow).getText()).doesNotContain("未送达");

        Instant started = TestHub.START.plusSeconds(90);
        hub.sync(heping, cursor, Announce.downloaded(id, Announce.sha256(tone), TestHub.START.plusSeconds(60)),
                Announce.played(id, started, started.plusSeconds(5), "PLAYED", null));
        wait.until(textToBePresentInElementLocated(kioskRow, "已播放"));
        assertThat(chromium.driver.findElement(kioskRow).getText()).contains("2026-11-29 18:01:00", "播放于 2026-11-29 18:01:30");
        wait.until(textToBePresentInElementLocated(row, "已播放 1/1"));
        assertThat(page.text("ann-board-summary")).contains("共 1 台", "已送达 1", "已下载录音 1", "已播放 1");
        chromium.screenshot("announcement-board-played");

        // A failed play says why.
        hub.sync(heping, cursor, Announce.played(id, started.plusSeconds(600), started.plusSeconds(601), "FAILED",
                "no audio output device found"));
        wait.until(textToBePresentInElementLocated(kioskRow, "原因：no audio output device found"));
        assertThat(chromium.driver.findElement(kioskRow).getText()).contains("播放失败", "共播放 2 次");
    }

    @Test
    void an_edit_keeps_the_start_it_had_and_withdrawing_asks_first_then_everyone_sees_it_withdrawn()
            throws Exception {
        ObjectNode draft = Announce.draft("秋收晒粮注意事项", "{\"villages\":[\"和平村\"]}");
        draft.putArray("repeatDaily").add("08:00");
        String id = announce.created(hub.adminToken, draft);
        String startsAt = onlyAnnouncement().get("startsAt").asText();
        String cursor = hub.sync(heping, null).json().get("cursor").asText();
        login(STAFF);
        page.section("announcements");
        By row = By.cssSelector("#ann-rows tr[data-id='" + id + "']");
        wait.until(visibilityOfElementLocated(row)).findElement(By.cssSelector("button.row-open")).click();
        wait.until(textToBePresentInElementLocated(By.id("ann-detail-title"), "秋收晒粮注意事项"));
        assertThat(page.text("ann-fields")).contains("每天 08:00");

        // 修改: a new title and a second daily time; the start is left as it was.
        chromium.driver.findElement(By.id("ann-edit")).click();
        wait.until(visibilityOfElementLocated(By.id("ann-form")));
        assertThat(chromium.driver.findElement(By.id("ann-title")).getAttribute("value")).isEqualTo("秋收晒粮注意事项");
        assertThat(page.text("ann-starts-hint")).contains("保持原来的开始时间");
        type("ann-title", "秋收晒粮注意事项（更正）");
        chromium.driver.findElement(By.id("ann-repeat-add")).click();
        chromium.driver.switchTo().activeElement().sendKeys("1830");
        chromium.driver.findElement(By.id("ann-save")).click();
        wait.until(textToBePresentInElementLocated(By.id("ann-notice"), "修改已保存"));
        JsonNode edited = onlyAnnouncement();
        assertThat(edited.get("title").asText()).isEqualTo("秋收晒粮注意事项（更正）");
        assertThat(edited.get("revision").asInt()).isEqualTo(2);
        assertThat(edited.get("startsAt").asText()).as("the start to the millisecond").isEqualTo(startsAt);
        assertThat(edited.get("repeatDaily").toString()).isEqualTo("[\"08:00\",\"18:30\"]");
        wait.until(textToBePresentInElementLocated(row, "（更正）"));
        cursor = hub.sync(heping, cursor).json().get("cursor").asText();

        chromium.driver.findElement(By.id("ann-withdraw")).click();
        wait.until(visibilityOfElementLocated(By.id("ann-confirm")));
        assertThat(page.text("ann-confirm-text")).contains("不能恢复");
        chromium.driver.findElement(By.id("ann-confirm-no")).click();
        assertThat(chromium.driver.findElement(By.id("ann-confirm")).isDisplayed()).isFalse();
        assertThat(announce.list(hub.adminToken).get(0).get("withdrawn").asBoolean()).as("not withdrawn").isFalse();

        chromium.driver.findElement(By.id("ann-withdraw")).click();
        chromium.driver.findElement(By.id("ann-confirm-yes")).click();
        wait.until(textToBePresentInElementLocated(By.id("ann-notice"), "已撤回"));
        wait.until(textToBePresentInElementLocated(row, "已撤回"));
        assertThat(chromium.driver.findElement(By.id("ann-view-actions")).isDisplayed())
                .as("nothing more to edit or withdraw").isFalse();
        assertThat(announce.list(hub.adminToken).get(0).get("withdrawn").asBoolean()).isTrue();
        JsonNode sent = hub.sync(heping, cursor).json().get("announcements");
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).get("withdrawn").asBoolean()).as("the kiosk is told to stop").isTrue();
        chromium.screenshot("announcement-withdrawn");
    }

    @Test
    void kiosks_are_chosen_a_village_at_a_time_and_stay_chosen_across_villages() throws Exception {
        hub.kiosk("二村村委会", "二村");
        login(STAFF);
        openNewForm();
        type("ann-title", "两台设备的通知");
        chromium.driver.findElement(By.id("ann-target-kiosks")).click();
        Select village = new Select(chromium.driver.findElement(By.cssSelector("#ann-kiosk-options select")));
        assertThat(village.getOptions()).extracting(WebElement::getText).containsExactly("二村", "和平村");
        wait.until(driver -> labels("ann-kiosk-options").size() == 2);
        assertThat(labels("ann-kiosk-options")).containsExactlyInAnyOrder("二村小学（二村）", "二村村委会（二村）");
        chromium.driver.findElement(By.cssSelector("#ann-kiosk-options input[value='" + erCun.id() + "']")).click();
        assertThat(page.text("ann-kiosk-options")).contains("已选 1 台");

        village.selectByValue("和平村");
        wait.until(driver -> labels("ann-kiosk-options").contains("和平村幸福小院（和平村）"));
        assertThat(labels("ann-kiosk-options")).as("the kiosk ticked in 二村 stays listed")
                .containsExactly("二村小学（二村）", "和平村幸福小院（和平村）");
        assertThat(chromium.driver.findElement(By.cssSelector("#ann-kiosk-options input[value='" + erCun.id() + "']"))
                .isSelected()).isTrue();
        chromium.driver.findElement(By.cssSelector("#ann-kiosk-options input[value='" + heping.id() + "']")).click();
        assertThat(page.text("ann-kiosk-options")).contains("已选 2 台");
        chromium.driver.findElement(By.id("ann-save")).click();
        wait.until(textToBePresentInElementLocated(By.id("ann-notice"), "通知已发布"));

        assertThat(onlyAnnouncement().get("targets").get("kiosks")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(erCun.id(), heping.id());
        wait.until(textToBePresentInElementLocated(By.id("ann-rows"), "二村小学"));
        assertThat(page.text("ann-rows")).contains("和平村幸福小院");
    }

    @Test
    void a_cadre_can_choose_only_their_own_village_and_the_hub_refuses_anything_else() throws Exception {
        hub.kiosk("二村村委会", "二村");
        hub.addUser("lixia", "CADRE", "二村", null);
        login("lixia");
        openNewForm();

        assertThat(chromium.driver.findElement(By.id("ann-target-all-label")).isDisplayed()).as("no 全镇").isFalse();
        assertThat(page.text("ann-target-villages-text")).contains("本村（二村）");
        assertThat(labels("ann-village-options")).containsExactly("二村");
        chromium.driver.findElement(By.id("ann-target-kiosks")).click();
        // The kiosk picker lists one village's kiosks, fetched from the hub: a cadre's own village.
        wait.until(driver -> labels("ann-kiosk-options").size() == 2);
        assertThat(labels("ann-kiosk-options")).containsExactlyInAnyOrder("二村小学（二村）", "二村村委会（二村）");
        assertThat(new Select(chromium.driver.findElement(By.cssSelector("#ann-kiosk-options select")))
                .getOptions()).extracting(WebElement::getText).containsExactly("二村");
        chromium.screenshot("announcement-cadre-form");

        chromium.driver.findElement(By.id("ann-target-villages")).click();
        type("ann-title", "二村开会通知");
        chromium.driver.findElement(By.id("ann-save")).click();
        wait.until(textToBePresentInElementLocated(By.id("ann-notice"), "通知已发布"));
        JsonNode created = announce.list(hub.adminToken).get(0);
        assertThat(created.get("targets").get("villages").get(0).asText()).isEqualTo("二村");

        // What the page does not offer, the hub refuses too.
        String cadre = hub.login("lixia", "password-lixia");
        assertThat(announce.create(cadre, Announce.draft("越权", "{\"villages\":[\"和平村\"]}")).status()).isEqualTo(403);
        assertThat(announce.create(cadre, Announce.draft("越权", "{\"all\":true}")).status()).isEqualTo(403);
        assertThat(announce.create(cadre, Announce.draft("越权", "{\"kiosks\":[\"" + heping.id() + "\"]}")).status())
                .isEqualTo(403);
        assertThat(announce.list(hub.adminToken)).hasSize(1);
    }

    @Test
    void over_plain_http_from_another_pc_the_page_explains_why_it_cannot_record_and_uploads_still_work()
            throws Exception {
        // The hub's address on the network, as an office PC would open it: not loopback, not HTTPS.
        Optional<String> lan = java.net.NetworkInterface.networkInterfaces()
                .filter(nic -> {
                    try {
                        return nic.isUp() && !nic.isLoopback();
                    } catch (java.net.SocketException e) {
                        return false;
                    }
                })
                .flatMap(java.net.NetworkInterface::inetAddresses)
                .filter(address -> address instanceof java.net.Inet4Address && !address.isLoopbackAddress())
                .map(java.net.InetAddress::getHostAddress).findFirst();
        org.junit.jupiter.api.Assumptions.assumeTrue(lan.isPresent(), "this machine has no network address");
        byte[] tone = Announce.wav(16_000f, 1, 500);
        Path wavFile = Files.write(files.resolve("广播.wav"), tone);

        loginAt("http://" + lan.get() + ":" + hub.hub.uri().getPort() + "/#announcements", STAFF);
        openNewForm();
        WebElement unavailable = wait.until(visibilityOfElementLocated(By.id("ann-record-unavailable")));
        assertThat(unavailable.getText()).contains("安全连接（https）", "docs/tls.md", "仍然可以上传");
        assertThat(chromium.driver.findElement(By.id("ann-record")).isEnabled()).isFalse();
        chromium.screenshot("announcement-no-https");

        type("ann-title", "只能上传");
        village("和平村").click();
        chromium.driver.findElement(By.id("ann-file")).sendKeys(wavFile.toString());
        chromium.driver.findElement(By.id("ann-save")).click();
        wait.until(textToBePresentInElementLocated(By.id("ann-notice"), "通知已发布"));
        assertThat(Announce.sha256(announce.audio(hub.adminToken, onlyAnnouncement().get("id").asText()).body()))
                .isEqualTo(Announce.sha256(tone));
    }

    @Test
    void an_edit_made_while_someone_else_saved_shows_what_changed_and_saves_on_top_of_it() throws Exception {
        String id = announce.created(hub.adminToken, Announce.draft("秋收晒粮注意事项", "{\"villages\":[\"和平村\"]}"));
        login(STAFF);
        page.section("announcements");
        By row = By.cssSelector("#ann-rows tr[data-id='" + id + "']");
        wait.until(visibilityOfElementLocated(row)).findElement(By.cssSelector("button.row-open")).click();
        wait.until(textToBePresentInElementLocated(By.id("ann-detail-title"), "秋收晒粮注意事项"));
        chromium.driver.findElement(By.id("ann-edit")).click();
        wait.until(visibilityOfElementLocated(By.id("ann-form")));

        // the staff member retitles it while the admin saves a new text from another screen
        type("ann-title", "秋收晒粮注意事项（更正）");
        ObjectNode adminsEdit = Announce.draft("秋收晒粮注意事项", "{\"villages\":[\"和平村\"]}")
                .put("text", "晒粮请避开公路。");
        assertThat(hub.send("PUT", "/api/v1/announcements/" + id, hub.adminToken, adminsEdit).status()).isEqualTo(200);
        chromium.driver.findElement(By.id("ann-save")).click();

        // then the save is refused, the notice says what the admin changed, the form has both edits
        wait.until(textToBePresentInElementLocated(By.id("ann-form-error"), "刚刚被别人改过"));
        assertThat(page.text("ann-form-error")).contains("内容：").contains("晒粮请避开公路。");
        assertThat(chromium.driver.findElement(By.id("ann-title")).getAttribute("value"))
                .isEqualTo("秋收晒粮注意事项（更正）");
        assertThat(chromium.driver.findElement(By.id("ann-text")).getAttribute("value")).isEqualTo("晒粮请避开公路。");
        assertThat(onlyAnnouncement().get("title").asText()).as("nothing of the stale edit stored")
                .isEqualTo("秋收晒粮注意事项");
        chromium.screenshot("announcement-edit-conflict");
        chromium.phoneScreenshot("announcement-edit-conflict-phone");

        chromium.driver.findElement(By.id("ann-save")).click();
        wait.until(textToBePresentInElementLocated(By.id("ann-notice"), "修改已保存"));
        JsonNode both = onlyAnnouncement();
        assertThat(both.get("title").asText()).isEqualTo("秋收晒粮注意事项（更正）");
        assertThat(both.get("text").asText()).isEqualTo("晒粮请避开公路。");
        assertThat(both.get("revision").asInt()).isEqualTo(3);
    }

    private void login(String username) {
        loginAt(hub.uri("/#announcements").toString(), username);
    }

    private void loginAt(String address, String username) {
        page.login(address, username, "password-" + username);
        page.awaitLive();
    }

    private void openNewForm() {
        page.section("announcements");
        chromium.driver.findElement(By.id("ann-new")).click();
        wait.until(visibilityOfElementLocated(By.id("ann-form")));
        // The village choices come from GET /api/v1/villages.
        wait.until(driver -> !driver.findElements(By.cssSelector("#ann-village-options input")).isEmpty());
    }

    private WebElement village(String name) {
        return chromium.driver.findElement(By.cssSelector("#ann-village-options input[value='" + name + "']"));
    }

    private List<String> labels(String containerId) {
        return chromium.driver.findElements(By.cssSelector("#" + containerId + " label")).stream()
                .map(label -> label.getText().trim()).toList();
    }

    private void type(String id, String value) {
        WebElement input = chromium.driver.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }


    private JsonNode onlyAnnouncement() {
        JsonNode list = announce.list(hub.adminToken);
        assertThat(list).hasSize(1);
        return list.get(0);
    }

    private List<Path> audioFiles() throws Exception {
        Path audio = dir.resolve("audio");
        if (!Files.isDirectory(audio)) {
            return List.of();
        }
        try (Stream<Path> listed = Files.list(audio)) {
            return listed.filter(file -> file.getFileName().toString().endsWith(".wav")).toList();
        }
    }



    /** The parts of a WAV file the test checks, read from its RIFF chunks. */
    record Wav(int format, int channels, int rate, int bits, short[] samples) {

        static Wav parse(byte[] file) {
            ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(new String(file, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
            assertThat(in.getInt(4)).as("RIFF size").isEqualTo(file.length - 8);
            assertThat(new String(file, 8, 4, StandardCharsets.US_ASCII)).isEqualTo("WAVE");
            int at = 12;
            Integer format = null;
            int channels = 0;
            int rate = 0;
            int bits = 0;
            while (at + 8 <= file.length) {
                String id = new String(file, at, 4, StandardCharsets.US_ASCII);
                int size = in.getInt(at + 4);
                if (id.equals("fmt ")) {
                    format = (int) in.getShort(at + 8);
                    channels = in.getShort(at + 10);
                    rate = in.getInt(at + 12);
                    assertThat(in.getInt(at + 16)).as("bytes per second").isEqualTo(in.getInt(at + 12) * in.getShort(at + 20));
                    bits = in.getShort(at + 22);
                } else if (id.equals("data")) {
                    assertThat(format).as("fmt before data").isNotNull();
                    assertThat(at + 8 + size).as("data length matches the file").isEqualTo(file.length);
                    short[] samples = new short[size / 2];
                    in.position(at + 8);
                    in.asShortBuffer().get(samples);
                    return new Wav(format, channels, rate, bits, samples);
                }
                at += 8 + size + (size & 1);
            }
            throw new AssertionError("no data chunk in the WAV");
        }

        int peak() {
            int peak = 0;
            for (short sample : samples) {
                peak = Math.max(peak, Math.abs(sample));
            }
            return peak;
        }
    }
}
