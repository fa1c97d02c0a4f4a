package org.courtyard.hub.api.checkin;

import static org.eclipse.jetty.http.HttpMethod.DELETE;
import static org.eclipse.jetty.http.HttpMethod.GET;
import static org.eclipse.jetty.http.HttpMethod.POST;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.courtyard.hub.api.Actors;
import org.courtyard.hub.api.FeatureContext;
import org.courtyard.hub.audit.AuditLog;
import org.courtyard.hub.auth.Access;
import org.courtyard.hub.checkin.Alerts;
import org.courtyard.hub.checkin.CheckIns;
import org.courtyard.hub.core.Refusal;
import org.courtyard.hub.web.Exchange;
import org.courtyard.hub.web.Paging;
import org.courtyard.hub.web.Reply;

/**
 * Check-ins and alerts for staff (cadres: their village): {@code /api/v1/check-ins},
 * {@code /api/v1/check-ins/by-village}, {@code /api/v1/check-in-alerts}, and per resident
 * {@code /check-ins} and {@code /pause} (audited as {@code resident.pause} and
 * {@code resident.resume}). Visits are the care feature's ({@code api/care/CareRoutes}).
 */
final class CheckInRoutes {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;
    /**
     * A page of by-village counts villages, each with all its names: a village has a few hundred
     * residents at most, so 20 (at most 100) keep a page to a few thousand names (docs/api.md).
     */
    private static final int VILLAGES_DEFAULT_LIMIT = 20;
    private static final int VILLAGES_MAX_LIMIT = 100;

    private final CheckIns checkIns;
    private final Alerts alerts;
    private final AuditLog audit;

    CheckInRoutes(CheckIns checkIns, Alerts alerts, AuditLog audit) {
        this.checkIns = checkIns;
        this.alerts = alerts;
        this.audit = audit;
    }

    void register(FeatureContext hub) {
        hub.route(GET, "/api/v1/check-ins", Access.STAFF, (exchange, user) -> Paging.reply(exchange,
                checkIns.onDate(user, date(exchange), exchange.query("village"),
                        Paging.request(exchange, DEFAULT_LIMIT, MAX_LIMIT))));
        hub.route(GET, "/api/v1/check-ins/by-village", Access.STAFF, (exchange, user) -> Paging.reply(exchange,
                checkIns.byVillage(user, date(exchange), exchange.query("village"),
                        Paging.request(exchange, VILLAGES_DEFAULT_LIMIT, VILLAGES_MAX_LIMIT))));
        hub.route(GET, "/api/v1/check-ins/village-counts", Access.STAFF, (exchange, user) -> Reply.ok(
                checkIns.countsByVillage(user, date(exchange))));
        hub.route(GET, "/api/v1/check-in-alerts", Access.STAFF, (exchange, user) -> Paging.reply(exchange,
                alerts.list(user, exchange.query("village"), open(exchange),
                        Paging.request(exchange, DEFAULT_LIMIT, MAX_LIMIT))));
        hub.route(GET, "/api/v1/residents/{id}/check-ins", Access.STAFF, (exchange, user) -> Paging.reply(exchange,
                checkIns.history(user, exchange.pathParameter("id"),
                        Paging.request(exchange, DEFAULT_LIMIT, MAX_LIMIT))));
        hub.route(POST, "/api/v1/residents/{id}/pause", Access.STAFF, (exchange, user) -> Reply.ok(alerts.pause(user,
                exchange.pathParameter("id"), exchange.bodyAs(Alerts.PauseRequest.class),
                Actors.trail(audit, user, exchange))));
        hub.route(DELETE, "/api/v1/residents/{id}/pause", Access.STAFF, (exchange, user) -> Reply.ok(
                alerts.resume(user, exchange.pathParameter("id"), Actors.trail(audit, user, exchange))));
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
            throw Refusal.invalidField("date", "query parameter 'date' must be a date YYYY-MM-DD, was '" + date.get()
                    + "'");
        }
    }

    private static boolean open(Exchange exchange) {
        return exchange.query("open").map(value -> switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw Refusal.invalidField("open", "query parameter 'open' must be true or false");
        }).orElse(true);
    }
}
