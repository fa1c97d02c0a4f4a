package org.courtyard.hub.kiosk;

import java.time.Duration;
import java.util.Optional;
import org.courtyard.hub.audit.Actor;
import org.courtyard.hub.audit.AuditLog;
import org.courtyard.hub.auth.Authenticator;
import org.courtyard.hub.auth.GuessThrottle;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.web.Exchange;
import org.courtyard.hub.web.HttpError;
import org.courtyard.hub.web.Reply;
import org.courtyard.hub.web.Router;
import org.courtyard.protocol.ErrorBody;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/kiosks/{id}/enrolment-code} (ADMIN): a new one-time code for a kiosk;
 * {@code POST /api/v1/enrol} (no authentication, throttled by a {@link GuessThrottle} with the
 * {@link GuessThrottle#ENROLMENT} rules): a kiosk trades a code for its id and a new token.
 */
public final class EnrolmentRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(EnrolmentRoutes.class);

    /** Body of {@code POST /api/v1/enrol}. */
    public record EnrolRequest(String code) {
    }

    private final Enrolment enrolment;
    /** The one subject of enrolment guesses: every code is guessed at together. */
    private static final String SUBJECT = "enrolment";

    private final GuessThrottle throttle;
    private final Authenticator authenticator;
    private final AuditLog audit;

    public EnrolmentRoutes(Enrolment enrolment, GuessThrottle throttle, Authenticator authenticator,
            AuditLog audit) {
        this.enrolment = enrolment;
        this.throttle = throttle;
        this.authenticator = authenticator;
        this.audit = audit;
    }

    public void register(Router router) {
        router.add("POST", "/api/v1/kiosks/{id}/enrolment-code", this::issue);
        router.add("POST", "/api/v1/enrol", this::enrol);
    }

    private Reply issue(Exchange exchange) {
        StaffUser admin = authenticator.requireAdmin(exchange);
        String id = exchange.pathParameter("id");
        Enrolment.IssuedCode code = enrolment.issue(id, admin.username(), audit.by(Actor.of(admin.username(), exchange)))
                .orElseThrow(() -> HttpError.notFound("no kiosk '" + id + "'"));
        LOG.info("{} made an enrolment code for kiosk {}, valid until {}", admin.username(), id, code.expiresAt());
        return Reply.created(code);
    }

    /**
     * Every wrong code counts against the caller's address (locked after five) and, from all
     * addresses together, holds back addresses that guessed wrong; an address that has not is never
     * held back, so the installer with the right code enrols whoever else is guessing.
     */
    private Reply enrol(Exchange exchange) {
        String address = Request.getRemoteAddr(exchange.request());
        GuessThrottle.Attempt attempt;
        try {
            attempt = throttle.begin(SUBJECT, address);
        } catch (GuessThrottle.Refused refused) {
            return tooMany(refused.retryAfter());
        }
        boolean decided = false;
        try {
            EnrolRequest request = exchange.bodyAs(EnrolRequest.class);
            if (request.code() == null || request.code().isBlank()) {
                throw HttpError.invalidField("code", "missing required field 'code'");
            }
            String digits = request.code().replaceAll("[\\s-]", "");
            if (!digits.matches("\\d{" + Enrolment.DIGITS + "}")) {
                throw HttpError.invalidField("code", "field 'code' must be " + Enrolment.DIGITS
                        + " digits, like 4829-1736");
            }
            Optional<Enrolment.Enrolled> enrolled = enrolment.redeem(digits,
                    kioskId -> audit.by(Actor.of(kioskId, exchange)));
            decided = true;
            if (enrolled.isEmpty()) {
                attempt.failed();
                LOG.warn("a wrong, expired or used enrolment code came from {}", address);
                throw HttpError.unauthorized("this enrolment code is wrong, expired or already used; ask the hub's"
                        + " admin for a new one");
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
