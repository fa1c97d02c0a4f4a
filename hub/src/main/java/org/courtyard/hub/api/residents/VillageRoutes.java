package org.courtyard.hub.api.residents;

import static org.eclipse.jetty.http.HttpMethod.GET;
import static org.eclipse.jetty.http.HttpMethod.PUT;

import org.courtyard.hub.api.Actors;
import org.courtyard.hub.api.FeatureContext;
import org.courtyard.hub.audit.AuditLog;
import org.courtyard.hub.auth.Access;
import org.courtyard.hub.residents.VillageInput;
import org.courtyard.hub.residents.Villages;
import org.courtyard.hub.web.Reply;

/**
 * {@code /api/v1/villages}: the villages and their settings (the duty phone); read by any staff
 * login (a cadre: their village), changed by ADMIN and STAFF, audited ({@code village.update}).
 */
final class VillageRoutes {

    private final Villages villages;
    private final AuditLog audit;

    VillageRoutes(Villages villages, AuditLog audit) {
        this.villages = villages;
        this.audit = audit;
    }

    void register(FeatureContext hub) {
        hub.route(GET, "/api/v1/villages", Access.STAFF, (exchange, user) -> Reply.ok(villages.list(user)));
        hub.route(PUT, "/api/v1/villages/{name}", Access.OFFICE.to("change a village's duty phone"),
                (exchange, user) -> Reply.ok(villages.put(user, exchange.pathParameter("name"),
                        exchange.bodyAs(VillageInput.class), Actors.trail(audit, user, exchange))));
    }
}
