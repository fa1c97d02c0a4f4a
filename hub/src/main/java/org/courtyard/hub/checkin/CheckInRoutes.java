package org.courtyard.hub.checkin;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.courtyard.hub.audit.Actor;
import org.courtyard.hub.audit.AuditLog;
import org.courtyard.hub.audit.AuditTrail;
import org.courtyard.hub.auth.Authenticator;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.web.Exchange;
import org.courtyard.hub.web.HttpError;
import org.courtyard.hub.web.Reply;
import org.courtyard.hub.web.Router;

/**
 * Check-ins and alerts for staff (cadres: their village): {@code /api/v1/check-ins},
 * {@code /api/v1/check-ins/by-village}, {@code /api/v1/check-in-alerts}, and per resident
 * {@code /check-ins} and {@code /pause} (audited as {@code resident.pause} and
 * {@code resident.resume}). Visits are the care feature's ({@code org.courtyard.hub.care.CareRoutes}).
 */
public final class CheckInRoutes {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private final CheckIns checkIns;
    private final Alerts alerts;
    private final Authenticator authenticator;
    private final AuditLog audit;

    public CheckInRoutes(CheckIns checkIns, Alerts alerts, Authenticator authenticator, AuditLog audit) {
        this.checkIns = checkIns;
        this.alerts = alerts;
        this.authenticator = authenticator;
        this.audit = audit;
    }

    public void register(Router router) {
        router.add("GET", "/api/v1/check-ins", exchange -> Reply.ok(checkIns.onDate(staff(exchange), date(exchange),
                exchange.query("village"))));
        router.add("GET", "/api/v1/check-ins/by-village", exchange -> Reply.ok(checkIns.byVillage(staff(exchange),
                date(exchange), exchange.query("village"))));
        router.add("GET", "/api/v1/check-in-alerts", exchange -> Reply.ok(alerts.list(staff(exchange),
                exchange.query("village"), open(exchange))));
        router.add("GET", "/api/v1/residents/{id}/check-ins", exchange -> Reply.ok(checkIns.history(staff(exchange),
                exchange.pathParameter("id"), exchange.limit(DEFAULT_LIMIT, MAX_LIMIT))));
        router.add("POST", "/api/v1/residents/{id}/pause", exchange -> {
            StaffUser user = staff(exchange);
            return Reply.ok(alerts.pause(user, exchange.pathParameter("id"), exchange.bodyAs(Alerts.PauseRequest.class),
                    trail(user, exchange)));
        });
        router.add("DELETE", "/api/v1/residents/{id}/pause", exchange -> {
            StaffUser user = staff(exchange);
            return Reply.ok(alerts.resume(user, exchange.pathParameter("id"), trail(user, exchange)));
        });
    }

    private StaffUser staff(Exchange exchange) {
        return authenticator.requireStaff(exchange);
    }

    private AuditTrail trail(StaffUser user, Exchange exchange) {
        return audit.by(Actor.of(user.username(), exchange));
    }

    /** {@code date=YYYY-MM-DD}, today in the hub's time zone when absent. */
    private LocalDate date(Exchange exchange) {
        Optional<String> date = exchange.query("date");
        if (date.isEmpty()) {
            return checkIns.today();
        }
        try {
            return LocalDate.parse(date.get());
        } catch (DateTimeParseException e) {
            throw HttpError.invalidField("date", "query parameter 'date' must be a date YYYY-MM-DD, was '" + date.get()
                    + "'");
        }
    }

    private static boolean open(Exchange exchange) {
        return exchange.query("open").map(value -> switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw HttpError.invalidField("open", "query parameter 'open' must be true or false");
        }).orElse(true);
    }
}
