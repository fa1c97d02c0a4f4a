package org.courtyard.hub.api.notify;

import static org.eclipse.jetty.http.HttpMethod.GET;
import static org.eclipse.jetty.http.HttpMethod.POST;

import java.time.Duration;
import java.util.List;
import org.courtyard.hub.api.Actors;
import org.courtyard.hub.api.Feature;
import org.courtyard.hub.api.FeatureContext;
import org.courtyard.hub.api.auth.AuthFeature;
import org.courtyard.hub.auth.Access;
import org.courtyard.hub.auth.Tokens;
import org.courtyard.hub.auth.Users;
import org.courtyard.hub.core.Refusal;
import org.courtyard.hub.notify.NotifySchema;
import org.courtyard.hub.notify.Webhooks;
import org.courtyard.hub.store.Migration;
import org.courtyard.hub.web.Exchange;
import org.courtyard.hub.web.JsonResponses;
import org.courtyard.hub.web.LiveStream;
import org.courtyard.hub.web.Reply;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Telling people: the webhook outbox's tables; {@code GET /api/v1/stream}, the live event stream
 * for staff (bearer header or session cookie; cadres get their village's events); and, for ADMIN
 * and STAFF, {@code GET /api/v1/webhooks} (each receiver and how it is doing) and
 * {@code POST /api/v1/webhooks/{id}/test} (the staff page's 发送测试消息). A receiver's change goes
 * to the stream as {@value #RECEIVER_EVENT}, to ADMIN and STAFF only. The stream and the webhooks
 * themselves are shared: every feature publishes and queues its own notices.
 *
 * <p>A stream belongs to the session that opened it: it ends when the session logs out, is revoked
 * or expires (see {@link LiveStream}), a session holds at most
 * {@value LiveStream#MAX_STREAMS_PER_SESSION} (429 {@code too_many_streams} beyond), and its
 * connection is taken off the per-address connection cap, which is for idle and slow connections,
 * and closed when the stream ends, so that it never serves uncounted requests afterwards.
 */
public final class NotifyFeature implements Feature {

    /** The live stream's event for a webhook receiver whose state changed; data: the receiver. */
    public static final String RECEIVER_EVENT = "webhook-receiver";

    private final LiveStream stream;
    private final AuthFeature auth;

    /**
     * @param stream the stream that the features' live events go to
     * @param auth the sessions the streams belong to; installed before this feature
     */
    public NotifyFeature(LiveStream stream, AuthFeature auth) {
        this.stream = stream;
        this.auth = auth;
    }

    @Override
    public String name() {
        return "notify";
    }

    @Override
    public List<Migration> migrations() {
        return NotifySchema.STEPS;
    }

    @Override
    public void install(FeatureContext hub) {
        Webhooks webhooks = hub.webhooks();
        webhooks.open();
        webhooks.addReceiverListener(receiver -> stream.publishToStaff(RECEIVER_EVENT, receiver));
        Users users = auth.users();
        users.addSessionListener(stream);
        hub.route(GET, "/api/v1/stream", Access.STAFF, (exchange, user) -> open(users, exchange));
        hub.route(GET, "/api/v1/webhooks", Access.OFFICE.to("see the webhook receivers"),
                (exchange, user) -> Reply.ok(webhooks.receivers()));
        hub.route(POST, "/api/v1/webhooks/{id}/test", Access.OFFICE.to("send test messages"),
                (exchange, user) -> Reply.json(202, webhooks.test(user, exchange.pathParameter("id"),
                        Actors.trail(hub.audit(), user, exchange))));
    }

    private Reply open(Users users, Exchange exchange) {
        Users.Session session = users.session(Tokens.hash(exchange.credential().orElseThrow()))
                .orElseThrow(() -> Refusal.unauthenticated("the session has just ended; log in again"));
        Response response = exchange.response();
        // Released before the first byte, so a client that sees the stream open finds it uncounted;
        // closed after its answer either way, so it never serves uncounted requests later.
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        exchange.releaseFromAddressLimit();
        Callback callback = exchange.detach();
        if (!stream.attach(session, response, callback)) {
            JsonResponses.error(response, callback, new Refusal(Refusal.Kind.TOO_MANY, "too_many_streams",
                    "this session already has " + LiveStream.MAX_STREAMS_PER_SESSION
                            + " live streams open; close a tab of the staff page").retryAfter(Duration.ofSeconds(30)));
        }
        return Reply.detached();
    }
}
