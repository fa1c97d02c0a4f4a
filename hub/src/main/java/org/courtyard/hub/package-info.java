/**
 * The township hub. {@link org.courtyard.hub.Main} is the command line; {@link org.courtyard.hub.Hub}
 * builds the shared services from a {@link org.courtyard.hub.HubConfig} and installs the features
 * ({@code api.*}) in order. The domain lives in one package per feature ({@code auth}, {@code kiosk},
 * {@code residents}, {@code help}, {@code checkin}, {@code announce}) on top of {@code sync},
 * {@code notify}, {@code audit}, {@code store} and {@code core}; {@code web} is the Jetty 12 plumbing.
 * docs/architecture.md draws the layers and says how to add to them.
 */
package org.courtyard.hub;
