package org.courtyard.hub.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Consumer;
import org.courtyard.hub.web.Exchange;
import org.courtyard.hub.web.HttpError;
import org.courtyard.hub.web.Reply;
import org.courtyard.hub.web.Router;

/**
 * {@code GET /api/v1/audit?from=&to=&user=&action=&before=&limit=} and {@code GET /api/v1/audit/actions}
 * (the actions the log holds, for the staff page's filter), ADMIN only. The admin check is
 * passed in ({@code authenticator::requireAdmin}) so that this package, which the auth package
 * records into, does not depend on it in turn.
 */
public final class AuditRoutes {

    private final AuditLog audit;
    private final Consumer<Exchange> requireAdmin;

    /** @param requireAdmin throws 401/403 unless the exchange is an ADMIN's */
    public AuditRoutes(AuditLog audit, Consumer<Exchange> requireAdmin) {
        this.audit = audit;
        this.requireAdmin = requireAdmin;
    }

    public void register(Router router) {
        router.add("GET", "/api/v1/audit", this::list);
        router.add("GET", "/api/v1/audit/actions", exchange -> {
            requireAdmin.accept(exchange);
            return Reply.ok(audit.actions());
        });
    }

    private Reply list(Exchange exchange) {
        requireAdmin.accept(exchange);
        Optional<Instant> from = instant(exchange, "from");
        Optional<Instant> to = instant(exchange, "to");
        Optional<Long> before = exchange.wholeNumberQuery("before", 1, Long.MAX_VALUE);
        int limit = exchange.limit(AuditQuery.DEFAULT_LIMIT, AuditQuery.MAX_LIMIT);
        return Reply.ok(audit.list(new AuditQuery(from, to, exchange.query("user"), exchange.query("action"), before,
                limit)));
    }

    private static Optional<Instant> instant(Exchange exchange, String name) {
        Optional<String> value = exchange.query(name);
        try {
            return value.map(Instant::parse);
        } catch (DateTimeParseException e) {
            throw HttpError.invalidField(name, "query parameter '" + name + "' must be an ISO-8601 instant such as"
                    + " 2026-11-29T00:00:00Z, was '" + value.orElse("") + "'");
        }
    }
}
