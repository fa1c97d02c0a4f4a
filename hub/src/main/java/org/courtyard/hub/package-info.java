/**
 * The township hub. {@link org.courtyard.hub.Main} is the command line; {@link org.courtyard.hub.Hub}
 * builds and runs the server from a {@link org.courtyard.hub.HubConfig}. Features live in their own
 * packages: {@code auth}, {@code kiosk}, {@code sync}, {@code help}, {@code residents}, {@code checkin},
 * {@code notify}, on top of
 * {@code store} (SQLite) and {@code web} (Jetty 12 core handlers).
 */
package org.courtyard.hub;
