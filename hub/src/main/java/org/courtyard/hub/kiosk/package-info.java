/** The kiosks a hub knows: registration with a token, last contact, last heartbeat, online state. */
package org.courtyard.hub.kiosk;
