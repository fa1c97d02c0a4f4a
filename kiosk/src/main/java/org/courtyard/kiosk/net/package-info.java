/**
 * How the kiosk reaches its hub: {@link org.courtyard.kiosk.net.HubConnection} (address, token,
 * requests) over the one HTTP client that {@link org.courtyard.kiosk.net.HubTls} configures (the
 * township CA, key pins, no plain HTTP off loopback). Every kiosk caller of the hub goes through it.
 */
package org.courtyard.kiosk.net;
