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

    /**
     * The answer of {@code POST /api/v1/kiosks} on a hub with enrolment: the id and token as
     * agreed, and the kiosk's first enrolment code, so the technician need not ask for one.
     */
    public record Created(String id, String token, String enrolmentCode, java.time.Instant enrolmentCodeExpiresAt) {

        @Override
        public String toString() {
            return "Created[id=" + id + ", enrolmentCodeExpiresAt=" + enrolmentCodeExpiresAt + "]";
        }
    }

    private final Kiosks kiosks;
    private final Authenticator authenticator;
    private final AuditLog audit;
    private final Enrolment enrolment;

    /** @param enrolment makes the first enrolment code of each new kiosk; null for none */
    public KioskRoutes(Kiosks kiosks, Authenticator authenticator, AuditLog audit, Enrolment enrolment) {
        this.kiosks = kiosks;
        this.authenticator = authenticator;
        this.audit = audit;
        this.enrolment = enrolment;
    }

    public void register(Router router) {
        router.add("POST", "/api/v1/kiosks", this::create);
        router.add("GET", "/api/v1/kiosks", this::list);
        router.add("GET", "/api/v1/kiosks/{id}", this::one);
    }

    private Reply create(Exchange exchange) {
        StaffUser admin = authenticator.requireAdmin(exchange);
        Kiosks.Registration registration = kiosks.create(exchange.bodyAs(NewKiosk.class),
                audit.by(Actor.of(admin.username(), exchange)));
        if (enrolment == null) {
            return Reply.created(registration);
        }
        Enrolment.IssuedCode code = enrolment.issueFirst(registration.id(), admin.username()).orElseThrow(
                () -> new IllegalStateException("kiosk " + registration.id() + " vanished right after it was made"));
        return Reply.created(new Created(registration.id(), registration.token(), code.code(), code.expiresAt()));
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
