package org.courtyard.hub.residents;

import org.courtyard.hub.audit.Actor;
import org.courtyard.hub.audit.AuditLog;
import org.courtyard.hub.auth.Authenticator;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.web.Reply;
import org.courtyard.hub.web.Router;

/**
 * {@code /api/v1/villages}: the villages and their settings (the duty phone); read by any staff
 * login (a cadre: their village), changed by ADMIN and STAFF, audited ({@code village.update}).
 */
public final class VillageRoutes {

    private final Villages villages;
    private final Authenticator authenticator;
    private final AuditLog audit;

    public VillageRoutes(Villages villages, Authenticator authenticator, AuditLog audit) {
        this.villages = villages;
        this.authenticator = authenticator;
        this.audit = audit;
    }

    public void register(Router router) {
        router.add("GET", "/api/v1/villages", exchange -> Reply.ok(villages.list(authenticator.requireStaff(exchange))));
        router.add("PUT", "/api/v1/villages/{name}", exchange -> {
            StaffUser user = authenticator.requireStaff(exchange);
            return Reply.ok(villages.put(user, exchange.pathParameter("name"), exchange.bodyAs(VillageInput.class),
                    audit.by(Actor.of(user.username(), exchange))));
        });
    }
}
