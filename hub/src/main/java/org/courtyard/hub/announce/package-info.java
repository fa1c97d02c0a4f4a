/**
 * Announcements on the hub: staff and cadres write them (title, text, audio, targets, schedule,
 * priority, outdoor or screen only), edit and withdraw them; kiosks receive the ones for them in
 * their sync answers and download the audio resumably; each kiosk's deliveries, downloads and
 * plays make up the announcement's delivery board.
 *
 * <p>The audio lives beside the database as {@code DATA/audio/<sha256>.wav}. Changes are told
 * after their commit to {@link org.courtyard.hub.announce.AnnouncementListener}s, which wake the
 * long-polls of the kiosks concerned.
 */
package org.courtyard.hub.announce;
