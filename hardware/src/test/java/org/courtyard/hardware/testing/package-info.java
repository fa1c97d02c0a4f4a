/**
 * Test fixtures other modules' tests may use, shipped in the hardware module's test-jar: the real
 * kiosk hardware (relay on Pi4J's mock GPIO, the real loudspeaker sequence, button logic, lamps
 * and microphone) with a recording sound card and a microphone the test speaks into.
 *
 * <p>Action lines ({@code relay on}, {@code audio end …}) reach listeners on the hardware's own
 * ordered thread, after the call that caused them may have returned. A test asserts them with
 * Awaitility on the exact lines it expects; a check that a line did NOT come is made after a later
 * line of the same hardware has arrived, or after {@link
 * org.courtyard.hardware.testing.TestHardware#awaitActionsDelivered()} for what was emitted by then.
 */
package org.courtyard.hardware.testing;
