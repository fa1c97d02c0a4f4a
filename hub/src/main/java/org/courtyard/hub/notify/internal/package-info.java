/** Webhook message rendering; internal to {@code org.courtyard.hub.notify}. */
package org.courtyard.hub.notify.internal;
