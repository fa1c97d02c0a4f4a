/**
 * Help requests on the hub: created from a kiosk's HELP_REQUESTED event, moved by staff through
 * NEW → ACKNOWLEDGED → ASSIGNED → RESOLVED (or CANCELLED from any open state), marked overdue
 * when nobody acknowledged them in time. Every status change is a row of {@code help_history},
 * whose sequence number is also the kiosks' sync cursor.
 *
 * <p>Changes are announced twice: inside the write transaction to a {@link
 * org.courtyard.hub.help.HelpOutbox} ({@link org.courtyard.hub.help.HelpNotices}, the webhook queue,
 * so a notice is stored together with its cause), and after the commit to
 * {@link org.courtyard.hub.help.HelpListener}s (live stream, waiting kiosks), which must not block.
 * Kiosks' events reach it through {@link org.courtyard.hub.help.HelpEvents}; the sync answer's
 * {@code helpUpdates} come from {@link org.courtyard.hub.help.HelpUpdatesPart}.
 */
package org.courtyard.hub.help;
