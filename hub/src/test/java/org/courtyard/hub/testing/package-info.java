/**
 * Test fixtures other modules' tests may use, shipped in the hub module's test-jar: the system's
 * Chromium driven headless ({@link org.courtyard.hub.testing.HeadlessChromium}) and the staff page
 * in it as a staff member uses it ({@link org.courtyard.hub.testing.StaffPage}). The e2e module's
 * demo tests use them against the hub jar run by {@code ./courtyard demo}.
 */
package org.courtyard.hub.testing;
