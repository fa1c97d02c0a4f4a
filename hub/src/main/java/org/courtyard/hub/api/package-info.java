/**
 * The features as the hub installs them, and their web adapters. Each feature has a package
 * {@code api.<feature>} with its {@link org.courtyard.hub.api.Feature} (its schema steps, and what
 * it registers when installed: routes with their access, sync event handlers and answer parts,
 * listeners that publish live events and webhooks, periodic checks) and its routes, which turn
 * HTTP into calls of the feature's domain package and back. The rules themselves live in the
 * domain packages; nothing there depends on this package.
 */
package org.courtyard.hub.api;
