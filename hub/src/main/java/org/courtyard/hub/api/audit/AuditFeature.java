package org.courtyard.hub.api.audit;

import static org.eclipse.jetty.http.HttpMethod.GET;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.courtyard.hub.api.Feature;
import org.courtyard.hub.api.FeatureContext;
import org.courtyard.hub.audit.AuditLog;
import org.courtyard.hub.audit.AuditQuery;
import org.courtyard.hub.audit.AuditSchema;
import org.courtyard.hub.auth.Access;
import org.courtyard.hub.core.Refusal;
import org.courtyard.hub.store.Migration;
import org.courtyard.hub.web.Exchange;
import org.courtyard.hub.web.Paging;
import org.courtyard.hub.web.Reply;

/**
 * The audit log: its table, {@code GET /api/v1/audit?from=&to=&user=&action=&before=&limit=} and
 * {@code GET /api/v1/audit/actions} (the actions the log holds, for the staff page's filter),
 * ADMIN only. The log itself ({@link AuditLog}) is shared: every feature records into it.
 */
public final class AuditFeature implements Feature {

    @Override
    public String name() {
        return "audit";
    }

    @Override
    public List<Migration> migrations() {
        return AuditSchema.STEPS;
    }

    @Override
    public void install(FeatureContext hub) {
        AuditLog audit = hub.audit();
        hub.route(GET, "/api/v1/audit", Access.ADMIN, (exchange, admin) -> list(audit, exchange));
        hub.route(GET, "/api/v1/audit/actions", Access.ADMIN, (exchange, admin) -> Reply.ok(audit.actions()));
    }

    private static Reply list(AuditLog audit, Exchange exchange) {
        Optional<Instant> from = instant(exchange, "from");
        Optional<Instant> to = instant(exchange, "to");
        Optional<Long> before = exchange.wholeNumberQuery("before", 1, Long.MAX_VALUE);
        return Paging.reply(exchange, audit.list(new AuditQuery(from, to, exchange.query("user"),
                exchange.query("action"), before), Paging.request(exchange, AuditQuery.DEFAULT_LIMIT, AuditQuery.MAX_LIMIT)));
    }

    private static Optional<Instant> instant(Exchange exchange, String name) {
        Optional<String> value = exchange.query(name);
        try {
            return value.map(Instant::parse);
        } catch (DateTimeParseException e) {
            throw Refusal.invalidField(name, "query parameter '" + name + "' must be an ISO-8601 instant such as"
                    + " 2026-11-29T00:00:00Z, was '" + value.orElse("") + "'");
        }
    }
}
