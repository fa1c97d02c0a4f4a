/**
 * The courtyard's physical world: the loudspeaker (amplifier relay plus audio out), the help
 * button, the lamps and the microphone.
 *
 * <p>The kiosk sees only the interfaces in this package. {@link HardwareFactory#create} is the one
 * place that decides between the Raspberry Pi implementation (Pi4J with the gpiod provider) and the
 * simulated one (Pi4J's mock plugin found at run time, the PC's sound card or a silent sink).
 * Implementations live in {@code org.courtyard.hardware.internal}.
 */
package org.courtyard.hardware;
