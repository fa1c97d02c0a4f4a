package org.courtyard.hub.audit;

import java.time.Instant;

/**
 * One row of the audit log, as {@code GET /api/v1/audit} shows it.
 *
 * @param seq its position in the log; grows with every row
 * @param user who acted (for {@code login.failed}: the name that was tried)
 */
public record AuditEntry(long seq, Instant at, String user, String action, String target, String detail,
        String address) {
}
