package org.courtyard.hub.api.residents;

import static org.eclipse.jetty.http.HttpMethod.GET;
import static org.eclipse.jetty.http.HttpMethod.PATCH;
import static org.eclipse.jetty.http.HttpMethod.POST;

import org.courtyard.hub.api.Actors;
import org.courtyard.hub.api.FeatureContext;
import org.courtyard.hub.audit.AuditLog;
import org.courtyard.hub.auth.Access;
import org.courtyard.hub.residents.CadreInput;
import org.courtyard.hub.residents.CadreView;
import org.courtyard.hub.residents.Cadres;
import org.courtyard.hub.web.Exchange;
import org.courtyard.hub.web.Reply;

/**
 * {@code /api/v1/cadres}: register (ADMIN, STAFF), list, read, patch (a linked cadre: their own PIN).
 * Changes are audited ({@code cadre.*}).
 */
final class CadreRoutes {

    private final Cadres cadres;
    private final AuditLog audit;

    CadreRoutes(Cadres cadres, AuditLog audit) {
        this.cadres = cadres;
        this.audit = audit;
    }

    void register(FeatureContext hub) {
        hub.route(POST, "/api/v1/cadres", Access.OFFICE.to("register cadres"), (exchange, user) -> Reply.created(
                cadres.create(user, exchange.bodyAs(CadreInput.class), Actors.trail(audit, user, exchange))));
        hub.route(GET, "/api/v1/cadres", Access.STAFF, (exchange, user) -> Reply.ok(cadres.list(user,
                exchange.query("village"))));
        hub.route(GET, "/api/v1/cadres/{id}", Access.STAFF, (exchange, user) -> tagged(cadres.get(user,
                exchange.pathParameter("id"))));
        hub.route(PATCH, "/api/v1/cadres/{id}", Access.STAFF, (exchange, user) -> tagged(cadres.patch(user,
                exchange.pathParameter("id"), exchange.bodyTree(), exchange.ifMatch(),
                Actors.trail(audit, user, exchange))));
    }

    /** One cadre with its version as the ETag, which a later PATCH sends back as If-Match. */
    private static Reply tagged(CadreView cadre) {
        return Reply.ok(cadre).withHeader("ETag", Exchange.etag(cadre.version()));
    }
}
