/**
 * The bottom of the kiosk: the model and its one ordered queue ({@link org.courtyard.kiosk.core.KioskModel}),
 * the state snapshot every view reads ({@link org.courtyard.kiosk.core.KioskState}) and the records
 * it is made of, the screens, and the {@link org.courtyard.kiosk.core.Outbox} features report to.
 * Feature packages import it; it imports none of them (an ArchUnit rule holds this).
 */
package org.courtyard.kiosk.core;
