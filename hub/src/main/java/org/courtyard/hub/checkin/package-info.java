/**
 * Check-ins (报平安) and cadres' visits as kiosks report them, the views staff read (the day's
 * check-ins, today by village, a person's history, monthly visit coverage), and the alerts for
 * residents who go quiet: raised after their expectation plus {@code checkin.grace-days}, shown
 * live, sent to their paired cadres through the webhooks, cleared by a check-in or paused by staff.
 *
 * <p>Like help requests, a kiosk's events are stored inside the sync transaction
 * ({@link org.courtyard.hub.checkin.CheckIns#record}) and published to the live stream after it
 * commits ({@link org.courtyard.hub.checkin.CheckIns#publish}).
 */
package org.courtyard.hub.checkin;
