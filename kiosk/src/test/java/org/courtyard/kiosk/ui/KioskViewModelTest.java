package org.courtyard.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.courtyard.hardware.LampRole;
import org.courtyard.hardware.LampState;
import org.courtyard.kiosk.Kiosk;
import org.courtyard.kiosk.core.HelpView;
import org.courtyard.kiosk.core.KioskState;
import org.courtyard.kiosk.core.LinkState;
import org.courtyard.kiosk.core.LocalHelpStatus;
import org.courtyard.kiosk.core.Screen;
import org.courtyard.kiosk.core.VoiceActivity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** What the screen says for each model state, with a fixed clock for the 按错了 window. */
class KioskViewModelTest {

    private static final Instant NOW = Instant.parse("2026-11-29T08:00:00Z");

    @TempDir
    Path dir;

    private Kiosk kiosk;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void kiosk() {
        kiosk = TestKiosks.create(dir);
    }

    @AfterEach
    void close() {
        kiosk.close();
    }

    @Test
    void an_acknowledged_request_names_who_acknowledged_it() throws Exception {
        assertThat(shown(help(LocalHelpStatus.ACKNOWLEDGED, "王书记", null, null), KioskViewModel::helpTextProperty))
                .isEqualTo("王书记 已收到，正在赶来");
    }

    @Test
    void an_assigned_request_names_who_is_coming() throws Exception {
        assertThat(shown(help(LocalHelpStatus.ASSIGNED, "王书记", "李医生", null), KioskViewModel::helpTextProperty))
                .isEqualTo("李医生 正在赶来");
    }

    @Test
    void without_a_name_the_screen_says_a_village_cadre_is_coming() throws Exception {
        assertThat(shown(help(LocalHelpStatus.ACKNOWLEDGED, null, null, null), KioskViewModel::helpTextProperty))
                .isEqualTo("村干部 已收到，正在赶来");
        assertThat(shown(help(LocalHelpStatus.ASSIGNED, null, " ", null), KioskViewModel::helpTextProperty))
                .isEqualTo("村干部 正在赶来");
    }

    @Test
    void offline_the_screen_and_the_band_say_the_line_is_down_and_the_last_known_state_with_its_time_never_coming()
            throws Exception {
        KioskState offline = acknowledgedAt1557(true).withLink(LinkState.OFFLINE, "connection refused");

        assertThat(shown(offline, KioskViewModel::helpTextProperty))
                .isEqualTo("网络不通，求助已保存，稍后自动发出。最后消息 15:57：王书记 已收到");
        assertThat(shown(offline, KioskViewModel::bandTextProperty))
                .isEqualTo("网络不通。最后消息 15:57：王书记 已收到，5分钟前求助")
                .doesNotContain("正在赶来");
        assertThat(shown(offline, KioskViewModel::bandStyleProperty)).isEqualTo("band-offline");
        // Everything sent: the line is down, nothing waits.
        assertThat(shown(acknowledgedAt1557(false).withLink(LinkState.OFFLINE, "timeout"),
                KioskViewModel::helpTextProperty)).isEqualTo("网络不通。最后消息 15:57：王书记 已收到");
        // Not yet heard from the hub since the start: the last word with its time, nothing about the line.
        assertThat(shown(acknowledgedAt1557(false), KioskViewModel::helpTextProperty))
                .isEqualTo("最后消息 15:57：王书记 已收到");
    }

    @Test
    void online_the_band_says_the_state_who_acknowledged_and_minutes_since_and_help_reads_help_open()
            throws Exception {
        KioskState online = acknowledgedAt1557(false).withLink(LinkState.ONLINE, "");

        assertThat(shown(online, KioskViewModel::bandTextProperty)).isEqualTo("王书记 已收到，正在赶来，5分钟前求助");
        assertThat(shown(online, KioskViewModel::bandStyleProperty)).isEqualTo("band-acknowledged");
        assertThat(shown(online, KioskViewModel::helpOpenProperty)).isTrue();
        assertThat(shown(help(LocalHelpStatus.SAVED, null, null, null), KioskViewModel::bandTextProperty))
                .isEqualTo("求助已保存，正在发送，刚刚求助");
        assertThat(shown(help(LocalHelpStatus.RESOLVED, null, null, null), KioskViewModel::helpOpenProperty))
                .isFalse();
        assertThat(shown(help(LocalHelpStatus.RESOLVED, null, null, null), KioskViewModel::bandTextProperty))
                .isEmpty();
    }

    @Test
    void cancel_is_offered_only_inside_the_window_and_not_once_someone_acknowledged() throws Exception {
        assertThat(shown(help(LocalHelpStatus.SAVED, null, null, NOW.plusSeconds(30)),
                KioskViewModel::cancelVisibleProperty)).isTrue();
        assertThat(shown(help(LocalHelpStatus.DELIVERED, null, null, NOW.plusSeconds(1)),
                KioskViewModel::cancelVisibleProperty)).isTrue();
        assertThat(shown(help(LocalHelpStatus.SAVED, null, null, NOW), KioskViewModel::cancelVisibleProperty))
                .isFalse();
        assertThat(shown(help(LocalHelpStatus.ACKNOWLEDGED, "王书记", null, NOW.plusSeconds(30)),
                KioskViewModel::cancelVisibleProperty)).isFalse();
        assertThat(shown(help(LocalHelpStatus.SAVED, null, null, null), KioskViewModel::cancelVisibleProperty))
                .isFalse();
    }

    @Test
    void the_status_line_speaks_chinese_for_the_link_and_cadres_read_which_devices_fail_and_what_to_do()
            throws Exception {
        KioskState state = new KioskState(Screen.HOME, LinkState.REFUSED, "401", null, null, "off: no model",
                List.of("microphone: no input device", "relay: not found", "voice: off: no model",
                        "help button: BCM 17 not readable", "thermometer: unknown"), VoiceActivity.IDLE);

        assertThat(shown(state, KioskViewModel::linkTextProperty)).isEqualTo("设备未登记，请联系管理员");
        assertThat(shown(state, KioskViewModel::problemsTextProperty))
                .isEqualTo("话筒、大喇叭开关、语音识别、求助按钮、其他设备不能用，请联系镇里检修。");
        assertThat(shown(state.withProblems(List.of()), KioskViewModel::problemsTextProperty)).isEmpty();
        assertThat(shown(state.withLink(LinkState.ONLINE, ""), KioskViewModel::linkTextProperty))
                .isEqualTo("已联网");
    }

    @Test
    void talk_is_offered_only_while_the_voice_works() throws Exception {
        KioskState off = new KioskState(Screen.HOME, LinkState.ONLINE, "", null, null, "off: no voice model given",
                List.of(), VoiceActivity.IDLE);

        assertThat(shown(off, KioskViewModel::talkVisibleProperty)).isFalse();
        assertThat(shown(off.withVoiceStatus("ok: vosk-model-small-cn-0.22"), KioskViewModel::talkVisibleProperty))
                .isTrue();
        assertThat(shown(off.withVoiceStatus(null), KioskViewModel::talkVisibleProperty)).isFalse();
    }

    @Test
    void voice_off_is_said_in_chinese_not_as_the_log_sentence() throws Exception {
        KioskState state = kiosk.model().state().withScreen(Screen.LISTENING);

        assertThat(shown(state, KioskViewModel::voiceTextProperty))
                .isEqualTo("语音功能暂时没有开启，请按屏幕上的按钮。");
    }

    @Test
    void the_sim_strip_shows_a_lamp_switched_before_the_screen_started_listening() throws Exception {
        String strip = WaitForAsyncUtils.asyncFx(() -> {
            KioskViewModel model = new KioskViewModel(kiosk, Clock.systemUTC());
            kiosk.hardware().lamps().set(LampRole.LINK, LampState.BLINK);
            model.attach();
            String shown = model.simTextProperty().get();
            model.detach();
            return shown;
        }).get(10, TimeUnit.SECONDS);

        assertThat(strip).contains("联网灯：闪", "发送灯：灭", "继电器：关");
    }

    private KioskState help(LocalHelpStatus status, String by, String assignee, Instant cancellableUntil) {
        HelpView help = new HelpView(UUID.randomUUID(), status, null, NOW.minusSeconds(5), by, assignee,
                cancellableUntil);
        return kiosk.model().state().withLink(LinkState.ONLINE, "").withScreen(Screen.HELP).withHelp(help);
    }

    /** An acknowledged request the kiosk last heard of at 15:57 Beijing time, with {@code unsent} waiting. */
    private KioskState acknowledgedAt1557(boolean unsent) {
        HelpView help = new HelpView(UUID.randomUUID(), LocalHelpStatus.ACKNOWLEDGED, null, NOW.minusSeconds(300),
                "王书记", null, null, null, NOW.minusSeconds(180), unsent, false, null);
        return kiosk.model().state().withScreen(Screen.HOME).withHelp(help);
    }

    private <T> T shown(KioskState state,
            Function<KioskViewModel, javafx.beans.value.ObservableValue<T>> property) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            KioskViewModel model = new KioskViewModel(kiosk, Clock.fixed(NOW, ZoneOffset.UTC));
            model.render(state);
            T value = property.apply(model).getValue();
            model.detach();
            return value;
        }).get(10, TimeUnit.SECONDS);
    }
}
