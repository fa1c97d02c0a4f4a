/**
 * The program: {@code Main} parses the command line, enrols a new kiosk, wires the {@link
 * org.courtyard.kiosk.Kiosk} and shows it on the touch screen or the headless console. Above every
 * other package of the kiosk; nothing imports it.
 */
package org.courtyard.kiosk.app;
