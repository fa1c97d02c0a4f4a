package org.courtyard.hub.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * Which audit rows to list: {@code from} inclusive, {@code to} exclusive, {@code before} a seq
 * (older rows only), newest first. The page itself is a {@code PageRequest} beside it.
 */
public record AuditQuery(Optional<Instant> from, Optional<Instant> to, Optional<String> user,
        Optional<String> action, Optional<Long> before) {

    public static final int DEFAULT_LIMIT = 200;
    public static final int MAX_LIMIT = 1000;
}
