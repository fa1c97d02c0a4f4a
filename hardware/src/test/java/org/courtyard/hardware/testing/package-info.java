/**
 * Test fixtures other modules' tests may use, shipped in the hardware module's test-jar: the real
 * kiosk hardware (relay on Pi4J's mock GPIO, the real loudspeaker sequence, button logic, lamps
 * and microphone) with a recording sound card and a microphone the test speaks into.
 */
package org.courtyard.hardware.testing;
