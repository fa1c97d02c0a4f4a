package org.courtyard.hub.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * Which audit rows to list: {@code from} inclusive, {@code to} exclusive, {@code before} a seq
 * (for paging back), newest first, at most {@code limit}.
 */
public record AuditQuery(Optional<Instant> from, Optional<Instant> to, Optional<String> user,
        Optional<String> action, Optional<Long> before, int limit) {

    public static final int DEFAULT_LIMIT = 200;
    public static final int MAX_LIMIT = 1000;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT + ", was " + limit);
        }
    }
}
