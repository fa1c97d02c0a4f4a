package org.courtyard.kiosk.health;

/**
 * One sample of the kiosk's condition; a null field was not measured.
 *
 * @param diskFreeMb free space of the data folder in MiB
 * @param temperatureC the SoC temperature in °C, to one decimal
 * @param power the UPS's state as it reported it, or {@code unknown: …} when the file or command
 *     failed
 */
public record HealthReading(Long diskFreeMb, Double temperatureC, String power) {

    public static final HealthReading NONE = new HealthReading(null, null, null);
}
