/**
 * The audit log: who did what, when, from where, for every staff action.
 *
 * <p>A staff write records its audit row in the same transaction as the change itself, so the log
 * never shows a change that rolled back and never misses one that committed. Features do this
 * through {@link org.courtyard.hub.audit.AuditTrail}: a route builds an
 * {@link org.courtyard.hub.audit.Actor} from the logged-in user and the exchange, asks
 * {@link org.courtyard.hub.audit.AuditLog#by} for a trail, and the write calls
 * {@link org.courtyard.hub.audit.AuditTrail#record} on its own connection. Actions are dotted
 * lower-case words ({@code announcement.create}); see docs/api.md for the list. Admins read the log
 * with {@code GET /api/v1/audit}.
 */
package org.courtyard.hub.audit;
