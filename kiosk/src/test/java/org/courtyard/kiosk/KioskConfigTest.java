package org.courtyard.kiosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.courtyard.hardware.HardwareConfig;
import org.courtyard.hardware.LampRole;
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
                hub=http://hub.township:8080
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
        assertThatThrownBy(() -> KioskConfig.parse(new String[] {"--hub", "http://h"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--kiosk-id");
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

    private static String[] concat(String[] base, String... more) {
        String[] out = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, out, base.length, more.length);
        return out;
    }
}
