/**
 * Test fixtures for every module's tests, shipped in the protocol module's test-jar because every
 * module depends on the protocol: {@link org.courtyard.protocol.testing.SmallDisk}, a small real
 * filesystem for data directories that must fill up (the hub's disk, a kiosk's SD card).
 */
package org.courtyard.protocol.testing;
