package org.courtyard.hub.kiosk;

/**
 * How many kiosks are in each {@link KioskState}: {@code total} counts those in service
 * ({@code online + offline + lost}); retired kiosks are counted apart.
 */
public record KioskSummary(int total, int online, int offline, int lost, int retired) {
}
