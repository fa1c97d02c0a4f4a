/**
 * What the kiosk reports about itself in its heartbeats beyond the help flow: free disk,
 * temperature, the UPS's power state through a configured file or command, and the hardware's
 * self-test. {@link org.courtyard.kiosk.health.HealthMonitor} samples these off the sync threads,
 * so a slow UPS command never delays a help request.
 */
package org.courtyard.kiosk.health;
