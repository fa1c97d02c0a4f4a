package org.courtyard.kiosk.health;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the kiosk reads its health.
 *
 * @param temperatureFile a Linux thermal zone file holding millidegrees Celsius
 *     ({@code /sys/class/thermal/thermal_zone0/temp} on a Pi), or null to report none; a file that
 *     does not exist (a PC without it) reports none as well
 * @param powerFile a file whose first line is the power state, e.g. {@code mains} or
 *     {@code battery 78%}, written by the UPS HAT's own software; or null
 * @param powerCommand a shell command whose first line of output is the power state; or null.
 *     At most one of {@code powerFile} and {@code powerCommand}.
 * @param commandTimeout how long the power command may run before it is stopped
 */
public record HealthSettings(Path temperatureFile, Path powerFile, String powerCommand, Duration commandTimeout) {

    /** Config keys, as documented in docs/operator-guide.md. */
    public static final String TEMPERATURE_FILE_KEY = "health.temperature-file";
    public static final String POWER_FILE_KEY = "health.power-file";
    public static final String POWER_COMMAND_KEY = "health.power-command";

    /** The Pi's (and most Linux boards') SoC thermal zone. */
    public static final Path PI_THERMAL_ZONE = Path.of("/sys/class/thermal/thermal_zone0/temp");

    public HealthSettings {
        if (powerFile != null && powerCommand != null) {
            throw new IllegalArgumentException(POWER_FILE_KEY + " and " + POWER_COMMAND_KEY
                    + " cannot both be set: the power state comes from one place");
        }
        if (powerCommand != null && powerCommand.isBlank()) {
            throw new IllegalArgumentException(POWER_COMMAND_KEY + " must not be blank");
        }
        if (commandTimeout == null || commandTimeout.isNegative() || commandTimeout.isZero()) {
            throw new IllegalArgumentException("the power command timeout must be positive");
        }
    }

    /** The Pi's thermal zone, no UPS. */
    public static HealthSettings defaults() {
        return new HealthSettings(PI_THERMAL_ZONE, null, null, Duration.ofSeconds(5));
    }
}
