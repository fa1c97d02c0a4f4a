package org.courtyard.hub.help;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.courtyard.hub.audit.Actor;
import org.courtyard.hub.audit.AuditLog;
import org.courtyard.hub.auth.Authenticator;
import org.courtyard.hub.auth.Role;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.web.Exchange;
import org.courtyard.hub.web.HttpError;
import org.courtyard.hub.web.Reply;
import org.courtyard.hub.web.Router;
import org.courtyard.protocol.HelpStatus;

/** {@code /api/v1/help-requests}: list, one with history, transitions. Staff only; cadres their village. */
public final class HelpRoutes {

    private static final int DEFAULT_LIMIT = 200;

    private final HelpRequests help;
    private final Authenticator authenticator;
    private final AuditLog audit;

    public HelpRoutes(HelpRequests help, Authenticator authenticator, AuditLog audit) {
        this.help = help;
        this.authenticator = authenticator;
        this.audit = audit;
    }

    public void register(Router router) {
        router.add("GET", "/api/v1/help-requests", this::list);
        router.add("GET", "/api/v1/help-requests/{id}", this::one);
        router.add("POST", "/api/v1/help-requests/{id}/transitions", this::transition);
    }

    private Reply list(Exchange exchange) {
        StaffUser user = authenticator.requireStaff(exchange);
        Optional<String> village = exchange.query("village");
        if (user.role() == Role.CADRE) {
            if (village.isPresent() && !village.get().equals(user.village())) {
                throw HttpError.forbidden("a cadre sees only the help requests of " + user.village());
            }
            village = Optional.of(user.village());
        }
        Set<HelpStatus> statuses = statuses(exchange);
        if (statuses.isEmpty() && exchange.query("status").isPresent()) {
            return Reply.ok(java.util.List.of());
        }
        return Reply.ok(help.list(new HelpFilter(statuses, village, exchange.query("kioskId"), limit(exchange))));
    }

    private Reply one(Exchange exchange) {
        StaffUser user = authenticator.requireStaff(exchange);
        return Reply.ok(help.get(user, id(exchange)));
    }

    private Reply transition(Exchange exchange) {
        StaffUser user = authenticator.requireStaff(exchange);
        UUID id = id(exchange);
        return Reply.ok(help.transition(user, id, exchange.bodyAs(TransitionRequest.class),
                audit.by(Actor.of(user.username(), exchange))));
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
                    throw HttpError.invalidField("status", "query parameter 'status' has unknown status '" + name.trim()
                            + "' (known: NEW, ACKNOWLEDGED, ASSIGNED, RESOLVED, CANCELLED)");
                }
            }
        }
        Optional<String> open = exchange.query("open");
        if (open.isPresent()) {
            if (!open.get().equals("true") && !open.get().equals("false")) {
                throw HttpError.invalidField("open", "query parameter 'open' must be true or false");
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

    private static int limit(Exchange exchange) {
        Optional<String> limit = exchange.query("limit");
        if (limit.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit.get());
            if (value >= 1 && value <= HelpFilter.MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            throw HttpError.invalidField("limit", "query parameter 'limit' must be a whole number from 1 to "
                    + HelpFilter.MAX_LIMIT);
        }
        throw HttpError.invalidField("limit", "query parameter 'limit' must be from 1 to " + HelpFilter.MAX_LIMIT);
    }

    private static UUID id(Exchange exchange) {
        String raw = exchange.pathParameter("id");
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw HttpError.notFound("no help request '" + raw + "' (ids are UUIDs)");
        }
    }
}
