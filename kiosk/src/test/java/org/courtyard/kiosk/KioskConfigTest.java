package org.courtyard.kiosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.courtyard.hardware.HardwareConfig;
import org.courtyard.hardware.LampRole;
import org.courtyard.kiosk.enrol.Credentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KioskConfigTest {

    private static final String[] MINIMAL = {"--hub", "http://127.0.0.1:9", "--kiosk-id", "k-1", "--token", "t",
        "--data", "/tmp/k", "--hardware", "sim"};

    @Test
    void the_api_command_line_is_understood() {
        KioskConfig config = KioskConfig.parse(concat(MINIMAL, "--headless", "--voice-model", "/opt/vosk"));

        assertThat(config.hub()).hasToString("http://127.0.0.1:9");
        assertThat(config.kioskId()).isEqualTo("k-1");
        assertThat(config.token()).isEqualTo("t");
        assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/k"));
        assertThat(config.hardware().mode()).isEqualTo(HardwareConfig.Mode.SIM);
        assertThat(config.headless()).isTrue();
        assertThat(config.voiceModel()).isEqualTo(Path.of("/opt/vosk"));
        assertThat(config.sync().interval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void a_config_file_supplies_keys_and_the_command_line_wins(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("kiosk.properties");
        Files.writeString(file, """
                hub=https://hub.township:8443
                kiosk-id=k-file
                token=secret
                data=/var/lib/courtyard
                hardware=pi
                hardware.relay.pin=5
                hardware.lamp.sending.pin=none
                help.cancel-window-seconds=90
                """, StandardCharsets.UTF_8);

        KioskConfig config = KioskConfig.parse(new String[] {"--config", file.toString(), "--kiosk-id", "k-cli"});

        assertThat(config.kioskId()).isEqualTo("k-cli");
        assertThat(config.hardware().mode()).isEqualTo(HardwareConfig.Mode.PI);
        assertThat(config.hardware().relayPin()).isEqualTo(5);
        assertThat(config.hardware().lampPins()).doesNotContainKey(LampRole.SENDING)
                .containsEntry(LampRole.LINK, 22);
        assertThat(config.help().cancelWindow()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void a_missing_option_is_named() {
        assertThatThrownBy(() -> KioskConfig.parse(new String[] {"--hub", "http://127.0.0.1:9"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("missing required option --data");
        assertThatThrownBy(() -> KioskConfig.parse(new String[] {"--hub", "http://127.0.0.1:9", "--data", "/tmp/k",
            "--hardware", "sim", "--kiosk-id", "k-1"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--kiosk-id given without --token: give both, or neither");
        assertThatThrownBy(() -> KioskConfig.parse(new String[] {"--hub", "http://127.0.0.1:9", "--data", "/tmp/k",
            "--hardware", "sim", "--token", "t"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--token given without --kiosk-id");
    }

    @Test
    void without_id_token_or_saved_credentials_the_kiosk_is_not_enrolled_and_the_hub_may_be_missing(
            @TempDir Path dir) {
        KioskConfig config = KioskConfig.parse(new String[] {"--data", dir.toString(), "--hardware", "sim"});

        assertThat(config.enrolled()).isFalse();
        assertThat(config.hub()).isNull();
        assertThat(config.kioskId()).isNull();
        assertThatThrownBy(() -> Kiosk.create(config, java.time.Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not enrolled");
    }

    @Test
    void saved_credentials_stand_in_for_id_and_token_and_the_configured_hub_wins(@TempDir Path dir) {
        new Credentials(URI.create("https://10.0.0.5:8443"), "k-saved", "saved-token", "村委会活动室", "大村").save(dir);

        KioskConfig saved = KioskConfig.parse(new String[] {"--data", dir.toString(), "--hardware", "sim"});
        KioskConfig moved = KioskConfig.parse(new String[] {"--data", dir.toString(), "--hardware", "sim",
            "--hub", "https://hub.township:8443"});
        KioskConfig explicit = KioskConfig.parse(new String[] {"--data", dir.toString(), "--hardware", "sim",
            "--hub", "http://127.0.0.1:9", "--kiosk-id", "k-cli", "--token", "cli-token"});

        assertThat(saved.enrolled()).isTrue();
        assertThat(saved.kioskId()).isEqualTo("k-saved");
        assertThat(saved.token()).isEqualTo("saved-token");
        assertThat(saved.hub()).hasToString("https://10.0.0.5:8443");
        assertThat(moved.hub()).hasToString("https://hub.township:8443");
        assertThat(moved.kioskId()).isEqualTo("k-saved");
        assertThat(explicit.kioskId()).isEqualTo("k-cli");
        assertThat(saved.toString()).doesNotContain("saved-token");
    }

    @Test
    void damaged_saved_credentials_are_named_with_the_way_out(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("credentials.properties"), "hub=https://10.0.0.5:8443\n");

        assertThatThrownBy(() -> KioskConfig.parse(new String[] {"--data", dir.toString(), "--hardware", "sim"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("credentials.properties are damaged (no 'kiosk-id'")
                .hasMessageContaining("delete the file to enrol this kiosk again");
    }

    @Test
    void plain_http_to_another_machine_is_refused_at_start_unless_allowed(@TempDir Path dir) throws Exception {
        String[] lan = {"--hub", "http://10.0.0.5:8080", "--kiosk-id", "k-1", "--token", "t", "--data", "/tmp/k",
            "--hardware", "sim"};

        assertThatThrownBy(() -> KioskConfig.parse(lan))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--hub http://10.0.0.5:8080 is plain HTTP to another machine");
        assertThat(KioskConfig.parse(concat(lan, "--allow-insecure-http")).tls().allowInsecureHttp()).isTrue();
        Path file = dir.resolve("kiosk.properties");
        Files.writeString(file, "hub.allow-insecure-http=true\n", StandardCharsets.UTF_8);
        assertThat(KioskConfig.parse(concat(lan, "--config", file.toString())).hub())
                .hasToString("http://10.0.0.5:8080");
    }

    @Test
    void tls_and_health_keys_are_read_from_the_file(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("kiosk.properties");
        Files.writeString(file, """
                tls.pin-sha256=sha256/47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=
                health.temperature-file=none
                health.power-command=cat /run/ups/state
                """, StandardCharsets.UTF_8);

        KioskConfig config = KioskConfig.parse(concat(MINIMAL, "--config", file.toString()));

        assertThat(config.tls().pins()).containsExactly("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
        assertThat(config.health().temperatureFile()).isNull();
        assertThat(config.health().powerCommand()).isEqualTo("cat /run/ups/state");
        assertThat(KioskConfig.parse(MINIMAL).health().temperatureFile())
                .isEqualTo(Path.of("/sys/class/thermal/thermal_zone0/temp"));
    }

    @Test
    void a_bad_value_is_named() {
        assertThatThrownBy(() -> KioskConfig.parse(concat(MINIMAL, "--hardware", "arduino")))
                .hasMessageContaining("--hardware").hasMessageContaining("arduino");
        assertThatThrownBy(() -> KioskConfig.parse(new String[] {"--hub", "ftp://x", "--kiosk-id", "k", "--token",
            "t", "--data", "d", "--hardware", "sim"})).hasMessageContaining("--hub");
        assertThatThrownBy(() -> KioskConfig.parse(concat(MINIMAL, "--bogus")))
                .hasMessageContaining("--bogus");
        assertThatThrownBy(() -> KioskConfig.parse(concat(MINIMAL, "--token")))
                .hasMessageContaining("--token needs a value");
    }

    @Test
    void a_bad_tuning_value_in_the_file_is_named(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("kiosk.properties");
        Files.writeString(file, "hardware.button.debounce-ms=soon\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> KioskConfig.parse(concat(MINIMAL, "--config", file.toString())))
                .hasMessageContaining("hardware.button.debounce-ms").hasMessageContaining("soon");
    }

    @Test
    void voice_keys_come_from_the_file_and_a_bad_one_is_named(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("kiosk.properties");
        Files.writeString(file, "voice.always-on=true\nvoice.min-confidence=0.45\nvoice.memo.after-help=false\n",
                StandardCharsets.UTF_8);

        KioskConfig config = KioskConfig.parse(concat(MINIMAL, "--config", file.toString()));

        assertThat(config.voice().alwaysOn()).isTrue();
        assertThat(config.voice().minConfidence()).isEqualTo(0.45);
        assertThat(config.voice().memoAfterHelp()).isFalse();
        Files.writeString(file, "voice.end-silence-ms=soon\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> KioskConfig.parse(concat(MINIMAL, "--config", file.toString())))
                .hasMessageContaining("voice.end-silence-ms").hasMessageContaining("soon");
    }

    @Test
    void a_home_unit_is_headless_with_its_own_defaults_and_a_courtyard_kiosk_keeps_its_own() {
        KioskConfig home = KioskConfig.parse(concat(MINIMAL, "--profile", "home"));

        assertThat(home.profile()).isEqualTo(Profile.HOME);
        assertThat(home.headless()).isTrue();
        assertThat(home.hardware().checkInButtonPin()).isEqualTo(5);
        assertThat(home.hardware().lampPins()).containsEntry(org.courtyard.hardware.LampRole.CHECKIN, 6);
        assertThat(home.help().alertCourtyard()).isFalse();
        assertThat(home.help().askCategory()).isFalse();
        assertThat(home.voice().alwaysOn()).isTrue();
        assertThat(home.voice().distressPhrases()).containsExactly("救命", "帮帮我");
        assertThat(home.home().checkInFrom()).isEqualTo(java.time.LocalTime.of(7, 0));
        assertThat(home.announce().scheduledPlays()).isEqualTo(
                org.courtyard.kiosk.announce.AnnounceSettings.ScheduledPlays.HOME_EMERGENCY);

        KioskConfig courtyard = KioskConfig.parse(MINIMAL);
        assertThat(courtyard.profile()).isEqualTo(Profile.COURTYARD);
        assertThat(courtyard.headless()).isFalse();
        assertThat(courtyard.hardware().checkInButtonPin()).isNull();
        assertThat(courtyard.help().alertCourtyard()).isTrue();
        assertThat(courtyard.help().askCategory()).isTrue();
        assertThat(courtyard.announce().scheduledPlays()).isEqualTo(
                org.courtyard.kiosk.announce.AnnounceSettings.ScheduledPlays.OUTDOOR);
    }

    @Test
    void home_keys_are_read_and_a_bad_one_is_named(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("kiosk.properties");
        Files.writeString(file, "profile=home\nhome.checkin-from=06:30\nhome.reminders=08:00，15:30\n"
                + "home.announce-normal=true\nhome.name-voice=none\nhardware.checkin-button.pin=none\n",
                StandardCharsets.UTF_8);

        KioskConfig config = KioskConfig.parse(concat(MINIMAL, "--config", file.toString()));

        assertThat(config.home().checkInFrom()).isEqualTo(java.time.LocalTime.of(6, 30));
        assertThat(config.home().reminders()).containsExactly(java.time.LocalTime.of(8, 0),
                java.time.LocalTime.of(15, 30));
        assertThat(config.home().nameVoice()).isEmpty();
        assertThat(config.hardware().checkInButtonPin()).isNull();
        assertThat(config.announce().scheduledPlays()).isEqualTo(
                org.courtyard.kiosk.announce.AnnounceSettings.ScheduledPlays.HOME_ALL);

        Files.writeString(file, "profile=home\nhome.reminders=9点\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> KioskConfig.parse(concat(MINIMAL, "--config", file.toString())))
                .hasMessageContaining("home.reminders").hasMessageContaining("9点");
        assertThatThrownBy(() -> KioskConfig.parse(concat(MINIMAL, "--profile", "house")))
                .hasMessageContaining("--profile").hasMessageContaining("house");
    }

    private static String[] concat(String[] base, String... more) {
        String[] out = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, out, base.length, more.length);
        return out;
    }
}
