package org.courtyard.hub.kiosk;

import java.util.Optional;
import org.courtyard.hub.audit.Actor;
import org.courtyard.hub.audit.AuditLog;
import org.courtyard.hub.auth.Authenticator;
import org.courtyard.hub.auth.Role;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.web.Exchange;
import org.courtyard.hub.web.HttpError;
import org.courtyard.hub.web.Reply;
import org.courtyard.hub.web.Router;

/** {@code POST /api/v1/kiosks} (ADMIN) and {@code GET /api/v1/kiosks} (staff; cadres see their village). */
public final class KioskRoutes {

    private final Kiosks kiosks;
    private final Authenticator authenticator;
    private final AuditLog audit;

    public KioskRoutes(Kiosks kiosks, Authenticator authenticator, AuditLog audit) {
        this.kiosks = kiosks;
        this.authenticator = authenticator;
        this.audit = audit;
    }

    public void register(Router router) {
        router.add("POST", "/api/v1/kiosks", this::create);
        router.add("GET", "/api/v1/kiosks", this::list);
        router.add("GET", "/api/v1/kiosks/{id}", this::one);
    }

    private Reply create(Exchange exchange) {
        StaffUser admin = authenticator.requireAdmin(exchange);
        return Reply.created(kiosks.create(exchange.bodyAs(NewKiosk.class),
                audit.by(Actor.of(admin.username(), exchange))));
    }

    private Reply list(Exchange exchange) {
        StaffUser user = authenticator.requireStaff(exchange);
        Optional<String> village = exchange.query("village");
        if (user.role() == Role.CADRE) {
            if (village.isPresent() && !village.get().equals(user.village())) {
                throw HttpError.forbidden("a cadre sees only the kiosks of " + user.village());
            }
            village = Optional.of(user.village());
        }
        return Reply.ok(kiosks.list(village));
    }

    private Reply one(Exchange exchange) {
        StaffUser user = authenticator.requireStaff(exchange);
        String id = exchange.pathParameter("id");
        KioskView kiosk = kiosks.find(id).orElseThrow(() -> HttpError.notFound("no kiosk '" + id + "'"));
        if (!user.mayAccessVillage(kiosk.village())) {
            throw HttpError.forbidden("kiosk " + id + " belongs to another village");
        }
        return Reply.ok(kiosk);
    }
}
