/**
 * Telling people: the live event stream for the staff page ({@code GET /api/v1/stream}) and
 * outgoing webhooks (plain JSON or WeCom group robot) delivered from a queue kept in the database.
 */
package org.courtyard.hub.notify;
