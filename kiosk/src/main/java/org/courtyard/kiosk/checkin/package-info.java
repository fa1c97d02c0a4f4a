/**
 * 报平安 at the kiosk: the village's residents (names and photos from the hub's roster, photos
 * cached by checksum), the tiles ordered by who checks in here most, and the {@code CHECKED_IN}
 * event a tap puts into the outbox.
 */
package org.courtyard.kiosk.checkin;
