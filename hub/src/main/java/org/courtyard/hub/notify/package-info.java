/**
 * Telling people: outgoing webhooks (plain JSON or WeCom group robot) delivered from a queue kept
 * in the database, and {@link org.courtyard.hub.notify.LiveEvents}, what features publish to the
 * staff page's live stream. Each feature renders and queues its own notices; this package knows
 * none of them.
 */
package org.courtyard.hub.notify;
