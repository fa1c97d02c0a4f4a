/** Rendering of check-in webhook messages; internal to {@code org.courtyard.hub.checkin}. */
package org.courtyard.hub.checkin.internal;
