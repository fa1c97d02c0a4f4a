package org.courtyard.hub.api.survey;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import org.courtyard.hub.api.Downloads;
import org.courtyard.hub.audit.Actor;
import org.courtyard.hub.audit.AuditLog;
import org.courtyard.hub.audit.AuditTrail;
import org.courtyard.hub.auth.Authenticator;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.residents.FieldError;
import org.courtyard.hub.residents.NameTaken;
import org.courtyard.hub.survey.DecisionInput;
import org.courtyard.hub.survey.Page;
import org.courtyard.hub.survey.ReviewInput;
import org.courtyard.hub.survey.RoundDiff;
import org.courtyard.hub.survey.RoundInput;
import org.courtyard.hub.survey.SurveyItem;
import org.courtyard.hub.survey.SurveyRefused;
import org.courtyard.hub.survey.SurveyRounds;
import org.courtyard.hub.web.Exchange;
import org.courtyard.hub.web.HttpError;
import org.courtyard.hub.web.Reply;
import org.courtyard.hub.web.Route;
import org.courtyard.hub.web.Router;
import org.courtyard.protocol.ProtocolJson;

/**
 * {@code /api/v1/survey-rounds}: open, read with the list still to review, review, decide on
 * flags, close, and the diff between rounds as JSON and CSV. Staff and cadres (for their village);
 * docs/api.md has the whole contract.
 */
public final class SurveyRoutes {

    /** A page of people when the caller names no {@code limit}, and the most one may ask for. */
    static final int PAGE = 50;
    static final int MAX_PAGE = 500;

    private final SurveyRounds survey;
    private final Authenticator authenticator;
    private final AuditLog audit;
    private final ResourceBundle words = ResourceBundle.getBundle("org.courtyard.hub.survey.labels", Locale.ROOT);

    public SurveyRoutes(SurveyRounds survey, Authenticator authenticator, AuditLog audit) {
        this.survey = survey;
        this.authenticator = authenticator;
        this.audit = audit;
    }

    public void register(Router router) {
        router.add("POST", "/api/v1/survey-rounds", refusals(exchange -> {
            StaffUser user = authenticator.requireStaff(exchange);
            return Reply.created(survey.open(user, exchange.bodyAs(RoundInput.class), trail(user, exchange)));
        }));
        router.add("GET", "/api/v1/survey-rounds", refusals(exchange ->
                Reply.ok(survey.list(authenticator.requireStaff(exchange)))));
        router.add("GET", "/api/v1/survey-rounds/{id}", refusals(this::get));
        router.add("GET", "/api/v1/survey-rounds/{id}/people", refusals(this::people));
        router.add("GET", "/api/v1/survey-rounds/{id}/people/{residentId}", refusals(exchange -> Reply.ok(
                survey.item(authenticator.requireStaff(exchange), exchange.pathParameter("id"),
                        exchange.pathParameter("residentId")))));
        router.add("POST", "/api/v1/survey-rounds/{id}/reviews", refusals(exchange -> {
            StaffUser user = authenticator.requireStaff(exchange);
            return Reply.created(survey.review(user, exchange.pathParameter("id"),
                    exchange.bodyAs(ReviewInput.class), trail(user, exchange)));
        }));
        router.add("POST", "/api/v1/survey-rounds/{id}/people/{residentId}/decision", refusals(exchange -> {
            StaffUser user = authenticator.requireStaff(exchange);
            return Reply.ok(survey.decide(user, exchange.pathParameter("id"), exchange.pathParameter("residentId"),
                    exchange.bodyAs(DecisionInput.class), trail(user, exchange)));
        }));
        router.add("POST", "/api/v1/survey-rounds/{id}/close", refusals(exchange -> {
            StaffUser user = authenticator.requireStaff(exchange);
            return Reply.ok(survey.close(user, exchange.pathParameter("id"), trail(user, exchange)));
        }));
        router.add("GET", "/api/v1/survey-rounds/{id}/diff", refusals(exchange -> Reply.ok(diff(exchange))));
        router.add("GET", "/api/v1/survey-rounds/{id}/diff.csv", refusals(exchange -> {
            RoundDiff diff = diff(exchange);
            byte[] csv = DiffCsv.write(diff, words).getBytes(StandardCharsets.UTF_8);
            Downloads.send(exchange, "text/csv; charset=utf-8", csv, "survey-" + diff.roundId() + "-diff.csv");
            return Reply.detached();
        }));
    }

    /** The round with its first page still to review ({@code toReview}, {@code toReviewNext}). */
    private Reply get(Exchange exchange) {
        StaffUser user = authenticator.requireStaff(exchange);
        String id = exchange.pathParameter("id");
        Optional<String> village = exchange.query("village");
        ObjectNode round = ProtocolJson.mapper().valueToTree(survey.get(user, id, village));
        Page<SurveyItem> toReview = survey.items(user, id, SurveyRounds.Show.TO_REVIEW, village, exchange.query("after"),
                exchange.limit(PAGE, MAX_PAGE));
        round.set("toReview", ProtocolJson.mapper().valueToTree(toReview.items()));
        round.put("toReviewNext", toReview.next());
        return Reply.ok(round);
    }

    /** {@code ?show=to-review|reviewed|flagged|decided&village=&after=&limit=}, with {@code Link: rel="next"}. */
    private Reply people(Exchange exchange) {
        StaffUser user = authenticator.requireStaff(exchange);
        String value = exchange.query("show").orElse("to-review");
        SurveyRounds.Show show;
        try {
            show = SurveyRounds.Show.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw HttpError.invalidField("show", "query parameter 'show' must be to-review, reviewed, flagged or"
                    + " decided, was '" + value + "'");
        }
        Page<SurveyItem> page = survey.items(user, exchange.pathParameter("id"), show, exchange.query("village"),
                exchange.query("after"), exchange.limit(PAGE, MAX_PAGE));
        Reply reply = Reply.ok(Map.of("items", page.items(), "next", page.next() == null ? "" : page.next()));
        if (page.next() != null) {
            String next = exchange.path() + "?show=" + value + exchange.query("village").map(v -> "&village="
                    + java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)).orElse("") + "&after=" + page.next()
                    + "&limit=" + exchange.limit(PAGE, MAX_PAGE);
            reply = reply.withHeader("Link", "<" + next + ">; rel=\"next\"");
        }
        return reply;
    }

    private RoundDiff diff(Exchange exchange) {
        return survey.diff(authenticator.requireStaff(exchange), exchange.pathParameter("id"), exchange.query("from"),
                exchange.query("village"));
    }

    private AuditTrail trail(StaffUser user, Exchange exchange) {
        return audit.by(Actor.of(user.username(), exchange));
    }

    /** The survey's refusals as HTTP answers: 404, 403 and 409 by kind, 400 naming a bad field, 409 for a taken name. */
    public static Route refusals(Route route) {
        return exchange -> {
            try {
                return route.handle(exchange);
            } catch (SurveyRefused e) {
                int status = switch (e.kind()) {
                    case NOT_FOUND -> 404;
                    case FORBIDDEN -> 403;
                    case CONFLICT -> 409;
                };
                throw new HttpError(status, e.code(), e.getMessage(), e);
            } catch (NameTaken e) {
                throw new HttpError(409, "conflict", e.getMessage(), e);
            } catch (FieldError e) {
                throw HttpError.invalidField(e.field(), e.getMessage());
            }
        };
    }
}
