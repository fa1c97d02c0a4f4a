package org.courtyard.hub.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.courtyard.hub.auth.Authenticator;
import org.courtyard.hub.auth.KioskIdentity;
import org.courtyard.hub.web.Exchange;
import org.courtyard.hub.web.HttpError;
import org.courtyard.hub.web.JsonResponses;
import org.courtyard.hub.web.Reply;
import org.courtyard.hub.web.Router;
import org.courtyard.protocol.SyncResponse;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/sync[?wait=SECONDS]}, kiosk tokens only.
 *
 * <p>Long-poll: when the batch carried no events and nothing is new after the cursor, the exchange
 * is detached and parked in {@link LongPolls}; the Jetty thread returns at once. The held answer is
 * written when a status change or an announcement for this kiosk, or a roster change of its village,
 * commits, or with no news when {@code wait} runs out (at most the configured maximum; larger
 * values are cut to it).
 */
public final class SyncRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(SyncRoutes.class);

    private final SyncService sync;
    private final Authenticator authenticator;
    private final LongPolls longPolls;
    private final Duration maxWait;

    public SyncRoutes(SyncService sync, Authenticator authenticator, LongPolls longPolls, Duration maxWait) {
        this.sync = sync;
        this.authenticator = authenticator;
        this.longPolls = longPolls;
        this.maxWait = maxWait;
    }

    public void register(Router router) {
        router.add("POST", "/api/v1/sync", this::sync);
    }

    private Reply sync(Exchange exchange) {
        KioskIdentity kiosk = authenticator.requireKiosk(exchange);
        Duration wait = waitOf(exchange);
        JsonNode body = exchange.bodyTree();
        Batch batch = sync.apply(kiosk, body);
        SyncResponse answer = sync.answer(kiosk, batch);
        if (wait.isZero() || batch.eventsSent() > 0 || !answer.helpUpdates().isEmpty()
                || !answer.announcements().isEmpty() || answer.hasRoster()) {
            return Reply.ok(answer);
        }
        Response response = exchange.response();
        Callback callback = exchange.detach();
        LongPolls.Waiter waiter = longPolls.park(kiosk.kioskId(), wait,
                () -> answerLater(kiosk, batch, response, callback));
        try {
            // A change that committed between the first answer and parking woke nobody: look again.
            if (sync.hasNews(kiosk, batch.cursor())) {
                waiter.release();
            }
        } catch (RuntimeException e) {
            LOG.error("looking for news for kiosk {} failed; answering the long-poll now", kiosk.kioskId(), e);
            waiter.release();
        }
        return Reply.detached();
    }

    private void answerLater(KioskIdentity kiosk, Batch batch, Response response, Callback callback) {
        SyncResponse answer;
        try {
            answer = sync.answer(kiosk, new Batch(List.of(), List.of(), 0, batch.cursor()));
        } catch (RuntimeException e) {
            LOG.error("answering the long-poll of kiosk {} failed", kiosk.kioskId(), e);
            JsonResponses.error(response, callback, new HttpError(500, "internal",
                    "the hub failed to handle the request; the error is logged"));
            return;
        }
        JsonResponses.write(response, callback, 200, answer);
    }

    private Duration waitOf(Exchange exchange) {
        Optional<String> wait = exchange.query("wait");
        if (wait.isEmpty()) {
            return Duration.ZERO;
        }
        long seconds;
        try {
            seconds = Long.parseLong(wait.get());
        } catch (NumberFormatException e) {
            throw HttpError.invalidField("wait", "query parameter 'wait' must be a whole number of seconds");
        }
        if (seconds < 0) {
            throw HttpError.invalidField("wait", "query parameter 'wait' must not be negative");
        }
        Duration asked = Duration.ofSeconds(seconds);
        return asked.compareTo(maxWait) > 0 ? maxWait : asked;
    }
}
