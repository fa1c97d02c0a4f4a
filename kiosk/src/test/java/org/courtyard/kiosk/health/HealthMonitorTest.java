package org.courtyard.kiosk.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.courtyard.hardware.DeviceHealth;
import org.courtyard.protocol.Heartbeat;
import org.courtyard.protocol.SelfTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a heartbeat says about the kiosk, from files and commands laid out like a Pi's. */
class HealthMonitorTest {

    @TempDir
    Path dir;

    @Test
    void temperature_comes_from_the_thermal_zone_in_millidegrees() throws Exception {
        Path zone = write("temp", "51634\n");

        HealthReading reading = monitor(new HealthSettings(zone, null, null, Duration.ofSeconds(5))).sample();

        assertThat(reading.temperatureC()).isEqualTo(51.6);
        assertThat(reading.diskFreeMb()).isPositive();
        assertThat(reading.power()).isNull();
    }

    @Test
    void a_machine_without_a_thermal_zone_reports_no_temperature() {
        HealthReading reading = monitor(new HealthSettings(dir.resolve("no-such-zone"), null, null,
                Duration.ofSeconds(5))).sample();

        assertThat(reading.temperatureC()).isNull();
    }

    @Test
    void a_thermal_zone_with_nonsense_reports_no_temperature() throws Exception {
        Path zone = write("temp", "hot\n");

        assertThat(monitor(new HealthSettings(zone, null, null, Duration.ofSeconds(5))).sample().temperatureC())
                .isNull();
    }

    @Test
    void power_is_the_first_line_of_the_ups_file() throws Exception {
        Path state = write("ups-state", "battery 78%\nvoltage 3.9\n");

        HealthReading reading = monitor(new HealthSettings(null, state, null, Duration.ofSeconds(5))).sample();

        assertThat(reading.power()).isEqualTo("battery 78%");
    }

    @Test
    void power_is_the_first_line_a_command_prints() {
        HealthReading reading = monitor(new HealthSettings(null, null, "echo mains; echo more",
                Duration.ofSeconds(5))).sample();

        assertThat(reading.power()).isEqualTo("mains");
    }

    @Test
    void a_failing_or_hanging_power_command_reports_unknown_with_the_reason() {
        HealthReading failed = monitor(new HealthSettings(null, null, "echo no i2c device; exit 3",
                Duration.ofSeconds(5))).sample();
        HealthReading hung = monitor(new HealthSettings(null, null, "sleep 30", Duration.ofMillis(300))).sample();
        HealthReading missing = monitor(new HealthSettings(null, dir.resolve("no-ups"), null,
                Duration.ofSeconds(5))).sample();

        assertThat(failed.power()).isEqualTo("unknown: the power command exited with 3: no i2c device");
        assertThat(hung.power()).startsWith("unknown: the power command did not finish within");
        assertThat(missing.power()).startsWith("unknown: cannot read ");
    }

    @Test
    void the_self_test_maps_each_device_to_ok_missing_or_failed() {
        SelfTest test = HealthMonitor.selfTest(List.of(
                new DeviceHealth("relay", true, true, "BCM 17, active high"),
                new DeviceHealth("loudspeaker", true, false, "last play failed: line unavailable"),
                new DeviceHealth("help button", true, true, "BCM 27"),
                new DeviceHealth("lamps", true, true, "link BCM 22"),
                new DeviceHealth("microphone", false, true, "no audio input device found")));

        assertThat(test).isEqualTo(new SelfTest("failed: last play failed: line unavailable", "ok", "ok", "ok",
                "missing: no audio input device found"));
    }

    @Test
    void a_heartbeat_carries_the_latest_sample_and_the_self_test() throws Exception {
        Path zone = write("temp", "48000");
        Path state = write("ups-state", "mains");
        HealthMonitor monitor = monitor(new HealthSettings(zone, state, null, Duration.ofSeconds(5)));
        monitor.sample();

        Heartbeat heartbeat = monitor.heartbeat("0.1.0", Duration.ofMinutes(2), 3, "ok",
                List.of(new DeviceHealth("loudspeaker", true, true, "plays through USB")), true);

        assertThat(heartbeat.uptimeSeconds()).isEqualTo(120);
        assertThat(heartbeat.outbox()).isEqualTo(3);
        assertThat(heartbeat.speaker()).isEqualTo("ok");
        assertThat(heartbeat.temperatureC()).isEqualTo(48.0);
        assertThat(heartbeat.power()).isEqualTo("mains");
        assertThat(heartbeat.diskFreeMb()).isPositive();
        assertThat(heartbeat.selfTest().speaker()).isEqualTo("ok");
        assertThat(heartbeat.selfTest().relay()).isNull();
        assertThat(heartbeat.playsNormal()).as("a courtyard kiosk's").isTrue();
    }

    private HealthMonitor monitor(HealthSettings settings) {
        return new HealthMonitor(dir, settings);
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }
}
