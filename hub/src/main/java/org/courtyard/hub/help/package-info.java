/**
 * Help requests on the hub: created from a kiosk's HELP_REQUESTED event, moved by staff through
 * NEW → ACKNOWLEDGED → ASSIGNED → RESOLVED (or CANCELLED from any open state), marked overdue
 * when nobody acknowledged them in time. Every status change is a row of {@code help_history},
 * whose sequence number is also the kiosks' sync cursor.
 *
 * <p>Changes are announced twice: inside the write transaction to a {@link
 * org.courtyard.hub.help.HelpOutbox} (the webhook queue, so a notice is stored together with its
 * cause), and after the commit to {@link org.courtyard.hub.help.HelpListener}s (live stream, waiting
 * kiosks), which must not block.
 */
package org.courtyard.hub.help;
