package org.courtyard.hub.api.sync;

import static org.eclipse.jetty.http.HttpMethod.POST;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.courtyard.hub.api.Feature;
import org.courtyard.hub.api.FeatureContext;
import org.courtyard.hub.auth.Access;
import org.courtyard.hub.auth.KioskIdentity;
import org.courtyard.hub.core.Refusal;
import org.courtyard.hub.store.Migration;
import org.courtyard.hub.sync.Batch;
import org.courtyard.hub.sync.LongPolls;
import org.courtyard.hub.sync.SyncSchema;
import org.courtyard.hub.sync.SyncService;
import org.courtyard.hub.web.Exchange;
import org.courtyard.hub.web.JsonResponses;
import org.courtyard.hub.web.Reply;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/sync[?wait=SECONDS]}, kiosk tokens only, and the {@code events} table. What
 * the events do and what the answer carries is the features' ({@link SyncService}).
 *
 * <p>Long-poll: when the batch carried no events and no part has news after the cursor, the
 * exchange is detached and parked in {@link LongPolls}; the lane's thread returns at once, having
 * run only the parts' cheap news checks, not their answers. The held
 * answer is written when a feature wakes the kiosk (a help update, an announcement, a roster change
 * committed), or with no news when {@code wait} runs out (at most the configured maximum; larger
 * values are cut to it). That timeout's answer reads nothing ({@link SyncService#unchanged}): the
 * cursor the kiosk sent, no news.
 */
public final class SyncFeature implements Feature {

    private static final Logger LOG = LoggerFactory.getLogger(SyncFeature.class);

    private final Duration maxWait;

    /** @param maxWait the longest a sync is held open ({@code sync.long-poll-seconds}) */
    public SyncFeature(Duration maxWait) {
        this.maxWait = maxWait;
    }

    @Override
    public String name() {
        return "sync";
    }

    @Override
    public List<Migration> migrations() {
        return SyncSchema.STEPS;
    }

    @Override
    public void install(FeatureContext hub) {
        hub.route(POST, "/api/v1/sync", Access.KIOSK.to("sync"),
                (exchange, kiosk) -> sync(hub.sync(), hub.longPolls(), exchange, kiosk));
    }

    private Reply sync(SyncService sync, LongPolls longPolls, Exchange exchange, KioskIdentity kiosk) {
        Duration wait = waitOf(exchange);
        JsonNode body = exchange.bodyTree();
        Batch batch = sync.apply(kiosk, body);
        if (wait.isZero() || batch.eventsSent() > 0) {
            return Reply.ok(sync.answer(kiosk, batch).body());
        }
        // A long-poll: park it first, then look for news once (reads only, each part's newest
        // change after the cursor). A change that commits after parking wakes the waiter; one that
        // committed before is found by this look. The full answer is made only when it is sent.
        Response response = exchange.response();
        Callback callback = exchange.detach();
        LongPolls.Waiter waiter = longPolls.park(kiosk, wait,
                () -> answerLater(sync, kiosk, batch, response, callback),
                () -> answerUnchanged(sync, kiosk, batch, response, callback));
        try {
            if (sync.hasNews(kiosk, batch.cursor())) {
                waiter.release();
            }
        } catch (RuntimeException e) {
            LOG.error("looking for news for kiosk {} failed; answering the long-poll now", kiosk.kioskId(), e);
            waiter.release();
        }
        return Reply.detached();
    }

    private static void answerLater(SyncService sync, KioskIdentity kiosk, Batch batch, Response response,
            Callback callback) {
        SyncService.Answer answer;
        try {
            answer = sync.answer(kiosk, Batch.empty(batch.cursor()));
        } catch (RuntimeException e) {
            LOG.error("answering the long-poll of kiosk {} failed", kiosk.kioskId(), e);
            JsonResponses.internalError(response, callback);
            return;
        }
        JsonResponses.write(response, callback, 200, answer.body());
    }

    /** Its wait ran out with nothing woken: the cursor it came with, read from nothing. */
    private static void answerUnchanged(SyncService sync, KioskIdentity kiosk, Batch batch, Response response,
            Callback callback) {
        SyncService.Answer answer;
        try {
            answer = sync.unchanged(kiosk, batch.cursor());
        } catch (RuntimeException e) {
            LOG.error("answering the long-poll of kiosk {} failed", kiosk.kioskId(), e);
            JsonResponses.internalError(response, callback);
            return;
        }
        JsonResponses.write(response, callback, 200, answer.body());
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
            throw Refusal.invalidField("wait", "query parameter 'wait' must be a whole number of seconds");
        }
        if (seconds < 0) {
            throw Refusal.invalidField("wait", "query parameter 'wait' must not be negative");
        }
        Duration asked = Duration.ofSeconds(seconds);
        return asked.compareTo(maxWait) > 0 ? maxWait : asked;
    }
}
