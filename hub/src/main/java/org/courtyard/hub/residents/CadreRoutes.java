package org.courtyard.hub.residents;

import org.courtyard.hub.auth.Authenticator;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.web.Exchange;
import org.courtyard.hub.web.Reply;
import org.courtyard.hub.web.Router;

/** {@code /api/v1/cadres}: register (ADMIN, STAFF), list, read, patch (a linked cadre: their own PIN). */
public final class CadreRoutes {

    private final Cadres cadres;
    private final Authenticator authenticator;

    public CadreRoutes(Cadres cadres, Authenticator authenticator) {
        this.cadres = cadres;
        this.authenticator = authenticator;
    }

    public void register(Router router) {
        router.add("POST", "/api/v1/cadres", this::create);
        router.add("GET", "/api/v1/cadres", exchange -> Reply.ok(cadres.list(authenticator.requireStaff(exchange),
                exchange.query("village"))));
        router.add("GET", "/api/v1/cadres/{id}", exchange -> Reply.ok(cadres.get(authenticator.requireStaff(exchange),
                exchange.pathParameter("id"))));
        router.add("PATCH", "/api/v1/cadres/{id}", exchange -> Reply.ok(cadres.patch(
                authenticator.requireStaff(exchange), exchange.pathParameter("id"), exchange.bodyTree())));
    }

    private Reply create(Exchange exchange) {
        StaffUser user = authenticator.requireStaff(exchange);
        return Reply.created(cadres.create(user, exchange.bodyAs(CadreInput.class)));
    }
}
