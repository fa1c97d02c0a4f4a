/**
 * Internal: the implementations behind the interfaces of {@code org.courtyard.hardware}. Nothing
 * here is a supported API; the kiosk must not import it. Classes are public only so that
 * {@link org.courtyard.hardware.HardwareFactory} can assemble them and the tests can drive them.
 *
 * <p>Threads: GPIO edges arrive on Pi4J's threads and only feed {@link ButtonLogic}; timers
 * (debounce, long press, blinking, simulated presses) run on one {@link Scheduler}; every action
 * line and every button listener runs on the one ordered executor of {@link ActionBus}; a play
 * runs on the caller's thread.
 */
package org.courtyard.hardware.internal;
