/**
 * What every part of the hub shares and that knows nothing of HTTP, SQL or any feature:
 * {@link org.courtyard.hub.core.Refusal}, the one way domain code says no (adapters give it their
 * own form: the web layer a status and the JSON error body, the sync a rejected event), and
 * {@link org.courtyard.hub.core.WavCheck} for uploaded recordings.
 */
package org.courtyard.hub.core;
