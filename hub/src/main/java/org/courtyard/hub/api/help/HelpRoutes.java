package org.courtyard.hub.api.help;

import static org.eclipse.jetty.http.HttpMethod.GET;
import static org.eclipse.jetty.http.HttpMethod.POST;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.courtyard.hub.api.Actors;
import org.courtyard.hub.api.FeatureContext;
import org.courtyard.hub.audit.AuditLog;
import org.courtyard.hub.auth.Access;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.core.Refusal;
import org.courtyard.hub.help.HelpFilter;
import org.courtyard.hub.help.HelpRequests;
import org.courtyard.hub.help.TransitionRequest;
import org.courtyard.hub.web.Exchange;
import org.courtyard.hub.web.Paging;
import org.courtyard.hub.web.Reply;
import org.courtyard.protocol.HelpStatus;

/** {@code /api/v1/help-requests}: list, one with history, transitions. Staff only; cadres their village. */
final class HelpRoutes {

    private static final int DEFAULT_LIMIT = 200;
    private static final int MAX_LIMIT = 1000;
    private static final int MAX_CANCELLED_WITHIN_MINUTES = 24 * 60;

    private final HelpRequests help;
    private final AuditLog audit;

    HelpRoutes(HelpRequests help, AuditLog audit) {
        this.help = help;
        this.audit = audit;
    }

    void register(FeatureContext hub) {
        hub.route(GET, "/api/v1/help-requests", Access.STAFF, this::list);
        hub.route(GET, "/api/v1/help-requests/{id}", Access.STAFF, (exchange, user) -> Reply.ok(help.get(user,
                id(exchange))));
        hub.route(POST, "/api/v1/help-requests/{id}/transitions", Access.STAFF, (exchange, user) -> Reply.ok(
                help.transition(user, id(exchange), exchange.bodyAs(TransitionRequest.class),
                        Actors.trail(audit, user, exchange))));
    }

    private Reply list(Exchange exchange, StaffUser user) {
        Optional<String> village = user.listVillage(exchange.query("village"), "the help requests");
        Set<HelpStatus> statuses = statuses(exchange);
        if (statuses.isEmpty() && exchange.query("status").isPresent()) {
            return Reply.ok(List.of());
        }
        return Paging.reply(exchange, help.list(new HelpFilter(statuses, village, exchange.query("kioskId"),
                cancelledWithin(exchange, statuses)), Paging.request(exchange, DEFAULT_LIMIT, MAX_LIMIT)));
    }

    /**
     * {@code cancelledWithin=MINUTES} (1 to 1440) with a status filter: requests cancelled no longer
     * ago than that are listed too (the staff page's default list keeps them ten minutes).
     */
    private static Optional<Duration> cancelledWithin(Exchange exchange, Set<HelpStatus> statuses) {
        Optional<String> raw = exchange.query("cancelledWithin");
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        int minutes;
        try {
            minutes = Integer.parseInt(raw.get());
        } catch (NumberFormatException e) {
            minutes = -1;
        }
        if (minutes < 1 || minutes > MAX_CANCELLED_WITHIN_MINUTES) {
            throw Refusal.invalidField("cancelledWithin", "query parameter 'cancelledWithin' must be a whole number of"
                    + " minutes from 1 to " + MAX_CANCELLED_WITHIN_MINUTES);
        }
        return statuses.isEmpty() ? Optional.empty() : Optional.of(Duration.ofMinutes(minutes));
    }

    /** {@code status=A,B} and/or {@code open=true}; both given means both must hold. Empty set: no filter. */
    private static Set<HelpStatus> statuses(Exchange exchange) {
        Set<HelpStatus> statuses = EnumSet.noneOf(HelpStatus.class);
        Optional<String> status = exchange.query("status");
        if (status.isPresent()) {
            for (String name : status.get().split(",")) {
                if (name.isBlank()) {
                    continue;
                }
                try {
                    statuses.add(HelpStatus.valueOf(name.trim()));
                } catch (IllegalArgumentException e) {
                    throw Refusal.invalidField("status", "query parameter 'status' has unknown status '" + name.trim()
                            + "' (known: NEW, ACKNOWLEDGED, ASSIGNED, RESOLVED, CANCELLED)");
                }
            }
        }
        Optional<String> open = exchange.query("open");
        if (open.isPresent()) {
            if (!open.get().equals("true") && !open.get().equals("false")) {
                throw Refusal.invalidField("open", "query parameter 'open' must be true or false");
            }
            if (open.get().equals("true")) {
                Set<HelpStatus> openOnes = EnumSet.of(HelpStatus.NEW, HelpStatus.ACKNOWLEDGED, HelpStatus.ASSIGNED);
                if (statuses.isEmpty() && status.isEmpty()) {
                    statuses.addAll(openOnes);
                } else {
                    statuses.retainAll(openOnes);
                }
            }
        }
        return statuses;
    }

    /** A help request's id from the path; 404 for one that is not a UUID. */
    static UUID id(Exchange exchange) {
        String raw = exchange.pathParameter("id");
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw Refusal.notFound("no help request '" + raw + "' (ids are UUIDs)");
        }
    }
}
