package org.courtyard.hub.api.kiosk;

import static org.eclipse.jetty.http.HttpMethod.GET;
import static org.eclipse.jetty.http.HttpMethod.POST;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.courtyard.hub.api.Actors;
import org.courtyard.hub.api.FeatureContext;
import org.courtyard.hub.audit.AuditLog;
import org.courtyard.hub.auth.Access;
import org.courtyard.hub.auth.GuessThrottle;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.core.Refusal;
import org.courtyard.hub.kiosk.Enrolment;
import org.courtyard.hub.kiosk.KioskState;
import org.courtyard.hub.kiosk.Kiosks;
import org.courtyard.hub.kiosk.NewKiosk;
import org.courtyard.hub.web.Exchange;
import org.courtyard.hub.web.Paging;
import org.courtyard.hub.web.Reply;
import org.courtyard.protocol.ErrorBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/kiosks} (ADMIN; a courtyard kiosk or a home unit), {@code GET /api/v1/kiosks}
 * (paged, {@code ?village}, {@code ?state}), {@code /kiosks/summary} (how many in each state) and
 * {@code /kiosks/{id}} (staff; cadres see their village), {@code POST
 * /api/v1/kiosks/{id}/enrolment-code} (ADMIN): a new one-time code for a kiosk; {@code POST
 * /api/v1/kiosks/{id}/retire} (ADMIN): out of service; {@code POST /api/v1/enrol} (no
 * authentication, throttled by a {@link GuessThrottle} with the {@link GuessThrottle#ENROLMENT}
 * rules): a kiosk trades a code for its id and a new token.
 */
final class KioskRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(KioskRoutes.class);

    /**
     * The answer of {@code POST /api/v1/kiosks}: the id and token as agreed, and the kiosk's first
     * enrolment code, so the technician need not ask for one.
     */
    record Created(String id, String token, String enrolmentCode, Instant enrolmentCodeExpiresAt) {

        @Override
        public String toString() {
            return "Created[id=" + id + ", enrolmentCodeExpiresAt=" + enrolmentCodeExpiresAt + "]";
        }
    }

    /** Body of {@code POST /api/v1/enrol}. */
    record EnrolRequest(String code) {
    }

    /** The one subject of enrolment guesses: every code is guessed at together. */
    private static final String ENROLMENT = "enrolment";

    private static final int DEFAULT_LIMIT = 200;
    private static final int MAX_LIMIT = 1000;

    private final Kiosks kiosks;
    private final Enrolment enrolment;
    private final GuessThrottle throttle;
    private final AuditLog audit;

    KioskRoutes(Kiosks kiosks, Enrolment enrolment, GuessThrottle throttle, AuditLog audit) {
        this.kiosks = kiosks;
        this.enrolment = enrolment;
        this.throttle = throttle;
        this.audit = audit;
    }

    void register(FeatureContext hub) {
        hub.route(POST, "/api/v1/kiosks", Access.ADMIN, this::create);
        hub.route(GET, "/api/v1/kiosks", Access.STAFF, (exchange, user) -> Paging.reply(exchange, kiosks.list(user,
                exchange.query("village"), exchange.query("state").map(state -> KioskState.parse("state", state)),
                Paging.request(exchange, DEFAULT_LIMIT, MAX_LIMIT))));
        // Before /kiosks/{id}: the router takes the first pattern that matches.
        hub.route(GET, "/api/v1/kiosks/summary", Access.STAFF, (exchange, user) -> Reply.ok(kiosks.summary(user,
                exchange.query("village"))));
        hub.route(GET, "/api/v1/kiosks/{id}", Access.STAFF, (exchange, user) -> Reply.ok(kiosks.get(user,
                exchange.pathParameter("id"))));
        hub.route(POST, "/api/v1/kiosks/{id}/enrolment-code", Access.ADMIN, this::issue);
        hub.route(POST, "/api/v1/kiosks/{id}/retire", Access.ADMIN.to("retire kiosks"), (exchange, admin) ->
                Reply.ok(kiosks.retire(exchange.pathParameter("id"), Actors.trail(audit, admin, exchange))));
        hub.route(POST, "/api/v1/enrol", Access.PUBLIC, (exchange, nobody) -> enrol(exchange));
    }

    private Reply create(Exchange exchange, StaffUser admin) {
        Kiosks.Registration registration = kiosks.create(exchange.bodyAs(NewKiosk.class),
                Actors.trail(audit, admin, exchange));
        Enrolment.IssuedCode code = enrolment.issueFirst(registration.id(), admin.username()).orElseThrow(
                () -> new IllegalStateException("kiosk " + registration.id() + " vanished right after it was made"));
        return Reply.created(new Created(registration.id(), registration.token(), code.code(), code.expiresAt()));
    }

    private Reply issue(Exchange exchange, StaffUser admin) {
        String id = exchange.pathParameter("id");
        Enrolment.IssuedCode code = enrolment.issue(id, admin.username(), Actors.trail(audit, admin, exchange))
                .orElseThrow(() -> Refusal.notFound("no kiosk '" + id + "'"));
        LOG.info("{} made an enrolment code for kiosk {}, valid until {}", admin.username(), id, code.expiresAt());
        return Reply.created(code);
    }

    /**
     * Every wrong code counts against the caller's address (locked after five) and, from all
     * addresses together, holds back addresses that guessed wrong; an address that has not is never
     * held back, so the installer with the right code enrols whoever else is guessing.
     */
    private Reply enrol(Exchange exchange) {
        String address = exchange.clientAddress();
        GuessThrottle.Attempt attempt;
        try {
            attempt = throttle.begin(ENROLMENT, address);
        } catch (GuessThrottle.Refused refused) {
            return tooMany(refused.retryAfter());
        }
        boolean decided = false;
        try {
            EnrolRequest request = exchange.bodyAs(EnrolRequest.class);
            if (request.code() == null || request.code().isBlank()) {
                throw Refusal.invalidField("code", "missing required field 'code'");
            }
            String digits = request.code().replaceAll("[\\s-]", "");
            if (!digits.matches("\\d{" + Enrolment.DIGITS + "}")) {
                throw Refusal.invalidField("code", "field 'code' must be " + Enrolment.DIGITS
                        + " digits, like 4829-1736");
            }
            Optional<Enrolment.Enrolled> enrolled = enrolment.redeem(digits,
                    kioskId -> audit.by(Actors.of(kioskId, exchange)));
            decided = true;
            if (enrolled.isEmpty()) {
                attempt.failed();
                LOG.warn("a wrong, expired or used enrolment code came from {}", address);
                throw Refusal.unauthenticated("this enrolment code is wrong, expired or already used; ask the"
                        + " hub's admin for a new one");
            }
            attempt.succeeded();
            LOG.info("kiosk {} enrolled from {}; its previous token no longer works", enrolled.get().kioskId(),
                    address);
            return Reply.ok(enrolled.get());
        } finally {
            if (!decided) {
                // A malformed request or a failure of the hub guessed nothing.
                attempt.abandoned();
            }
        }
    }

    private static Reply tooMany(Duration wait) {
        long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
        long minutes = (seconds + 59) / 60;
        return Reply.json(429, ErrorBody.of("too_many_requests", "too many wrong enrolment codes; try again in "
                + minutes + (minutes == 1 ? " minute" : " minutes")))
                .withHeader("Retry-After", Long.toString(seconds));
    }
}
