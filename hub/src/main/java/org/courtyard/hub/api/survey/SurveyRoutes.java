package org.courtyard.hub.api.survey;

import static org.eclipse.jetty.http.HttpMethod.GET;
import static org.eclipse.jetty.http.HttpMethod.POST;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import org.courtyard.hub.api.Actors;
import org.courtyard.hub.api.Downloads;
import org.courtyard.hub.api.FeatureContext;
import org.courtyard.hub.audit.AuditLog;
import org.courtyard.hub.auth.Access;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.core.Refusal;
import org.courtyard.hub.survey.DecisionInput;
import org.courtyard.hub.survey.Page;
import org.courtyard.hub.survey.ReviewInput;
import org.courtyard.hub.survey.RoundDiff;
import org.courtyard.hub.survey.RoundInput;
import org.courtyard.hub.survey.SurveyItem;
import org.courtyard.hub.survey.SurveyRounds;
import org.courtyard.hub.web.Exchange;
import org.courtyard.hub.web.Paging;
import org.courtyard.hub.web.Reply;
import org.courtyard.protocol.ProtocolJson;

/**
 * {@code /api/v1/survey-rounds}: open, read with the people still to review, review, decide on
 * flags, close, and the diff between rounds as JSON and CSV. Township staff open, decide and close;
 * a cadre reviews and reads their own village. docs/api.md has the whole contract.
 */
final class SurveyRoutes {

    /** A page of people when the caller names no {@code limit}, and the most one may ask for. */
    static final int PAGE = 50;
    static final int MAX_PAGE = 500;
    /** The diff's page of people (docs/api.md "Paging"). */
    static final int DIFF_LIMIT = 200;
    static final int DIFF_MAX = 1000;

    private final SurveyRounds survey;
    private final AuditLog audit;
    private final ResourceBundle words = ResourceBundle.getBundle("org.courtyard.hub.survey.labels", Locale.ROOT);

    SurveyRoutes(SurveyRounds survey, AuditLog audit) {
        this.survey = survey;
        this.audit = audit;
    }

    void register(FeatureContext hub) {
        hub.route(POST, "/api/v1/survey-rounds", Access.OFFICE.to("open a survey round"), (exchange, user) ->
                Reply.created(survey.open(user, exchange.bodyAs(RoundInput.class), Actors.trail(audit, user, exchange))));
        hub.route(GET, "/api/v1/survey-rounds", Access.STAFF, (exchange, user) -> Reply.ok(survey.list(user)));
        hub.route(GET, "/api/v1/survey-rounds/{id}", Access.STAFF, this::get);
        hub.route(GET, "/api/v1/survey-rounds/{id}/people", Access.STAFF, this::people);
        hub.route(GET, "/api/v1/survey-rounds/{id}/people/{residentId}", Access.STAFF, (exchange, user) -> Reply.ok(
                survey.item(user, exchange.pathParameter("id"), exchange.pathParameter("residentId"))));
        hub.route(POST, "/api/v1/survey-rounds/{id}/reviews", Access.STAFF, (exchange, user) -> Reply.created(
                survey.review(user, exchange.pathParameter("id"), exchange.bodyAs(ReviewInput.class),
                        Actors.trail(audit, user, exchange))));
        hub.route(POST, "/api/v1/survey-rounds/{id}/people/{residentId}/decision",
                Access.OFFICE.to("decide on a survey flag"), (exchange, user) -> Reply.ok(survey.decide(user,
                        exchange.pathParameter("id"), exchange.pathParameter("residentId"),
                        exchange.bodyAs(DecisionInput.class), Actors.trail(audit, user, exchange))));
        hub.route(POST, "/api/v1/survey-rounds/{id}/close", Access.OFFICE.to("close a survey round"),
                (exchange, user) -> Reply.ok(survey.close(user, exchange.pathParameter("id"),
                        Actors.trail(audit, user, exchange))));
        hub.route(GET, "/api/v1/survey-rounds/{id}/diff", Access.STAFF, (exchange, user) -> {
            SurveyRounds.DiffPage page = survey.diff(user, exchange.pathParameter("id"), exchange.query("from"),
                    exchange.query("village"), Paging.request(exchange, DIFF_LIMIT, DIFF_MAX));
            return Paging.reply(exchange, page.diff(), page.next());
        });
        hub.route(GET, "/api/v1/survey-rounds/{id}/diff.csv", Access.STAFF, this::diffCsv);
    }

    /** The round with its first page still to review ({@code toReview}, {@code toReviewNext}). */
    private Reply get(Exchange exchange, StaffUser user) {
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
    private Reply people(Exchange exchange, StaffUser user) {
        String value = exchange.query("show").orElse("to-review");
        SurveyRounds.Show show;
        try {
            show = SurveyRounds.Show.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw Refusal.invalidField("show", "query parameter 'show' must be to-review, reviewed, flagged or"
                    + " decided, was '" + value + "'");
        }
        int limit = exchange.limit(PAGE, MAX_PAGE);
        Page<SurveyItem> page = survey.items(user, exchange.pathParameter("id"), show, exchange.query("village"),
                exchange.query("after"), limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.items());
        body.put("next", page.next());
        Reply reply = Reply.ok(body);
        if (page.next() != null) {
            String next = exchange.path() + "?show=" + value + exchange.query("village")
                    .map(v -> "&village=" + URLEncoder.encode(v, StandardCharsets.UTF_8)).orElse("")
                    + "&after=" + page.next() + "&limit=" + limit;
            reply = reply.withHeader("Link", "<" + next + ">; rel=\"next\"");
        }
        return reply;
    }

    /** The whole diff as CSV, streamed a line at a time as the snapshots are walked. */
    private Reply diffCsv(Exchange exchange, StaffUser user) throws IOException {
        Downloads.Stream[] download = {null};
        try {
            survey.diffPeople(user, exchange.pathParameter("id"), exchange.query("from"), exchange.query("village"),
                    new SurveyRounds.DiffSink() {
                        @Override
                        public void start(String roundId) {
                            download[0] = Downloads.stream(exchange, "text/csv; charset=utf-8",
                                    "survey-" + roundId + "-diff.csv");
                            DiffCsv.header(download[0].writer(), words);
                        }

                        @Override
                        public void person(RoundDiff.Person person) {
                            DiffCsv.person(download[0].writer(), person, words);
                        }
                    });
            download[0].finish();
        } catch (IOException | RuntimeException e) {
            if (download[0] == null) {
                throw e;
            }
            // The answer has begun: it can only be cut short.
            download[0].fail(e);
        }
        return Reply.detached();
    }
}
