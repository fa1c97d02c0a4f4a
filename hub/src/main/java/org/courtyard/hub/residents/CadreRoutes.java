package org.courtyard.hub.residents;

import org.courtyard.hub.audit.Actor;
import org.courtyard.hub.audit.AuditLog;
import org.courtyard.hub.auth.Authenticator;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.web.Exchange;
import org.courtyard.hub.web.Reply;
import org.courtyard.hub.web.Router;

/**
 * {@code /api/v1/cadres}: register (ADMIN, STAFF), list, read, patch (a linked cadre: their own PIN).
 * Changes are audited ({@code cadre.*}).
 */
public final class CadreRoutes {

    private final Cadres cadres;
    private final Authenticator authenticator;
    private final AuditLog audit;

    public CadreRoutes(Cadres cadres, Authenticator authenticator, AuditLog audit) {
        this.cadres = cadres;
        this.authenticator = authenticator;
        this.audit = audit;
    }

    public void register(Router router) {
        router.add("POST", "/api/v1/cadres", this::create);
        router.add("GET", "/api/v1/cadres", exchange -> Reply.ok(cadres.list(authenticator.requireStaff(exchange),
                exchange.query("village"))));
        router.add("GET", "/api/v1/cadres/{id}", exchange -> Reply.ok(cadres.get(authenticator.requireStaff(exchange),
                exchange.pathParameter("id"))));
        router.add("PATCH", "/api/v1/cadres/{id}", exchange -> {
            StaffUser user = authenticator.requireStaff(exchange);
            return Reply.ok(cadres.patch(user, exchange.pathParameter("id"), exchange.bodyTree(),
                    audit.by(Actor.of(user.username(), exchange))));
        });
    }

    private Reply create(Exchange exchange) {
        StaffUser user = authenticator.requireStaff(exchange);
        return Reply.created(cadres.create(user, exchange.bodyAs(CadreInput.class),
                audit.by(Actor.of(user.username(), exchange))));
    }
}
