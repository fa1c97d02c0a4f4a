package org.courtyard.hub.api.notify;

import static org.eclipse.jetty.http.HttpMethod.GET;
import static org.eclipse.jetty.http.HttpMethod.POST;

import java.util.List;
import org.courtyard.hub.api.Actors;
import org.courtyard.hub.api.Feature;
import org.courtyard.hub.api.FeatureContext;
import org.courtyard.hub.auth.Access;
import org.courtyard.hub.notify.NotifySchema;
import org.courtyard.hub.notify.Webhooks;
import org.courtyard.hub.store.Migration;
import org.courtyard.hub.web.LiveStream;
import org.courtyard.hub.web.Reply;

/**
 * Telling people: the webhook outbox's tables; {@code GET /api/v1/stream}, the live event stream
 * for staff (bearer header or session cookie; cadres get their village's events); and, for ADMIN
 * and STAFF, {@code GET /api/v1/webhooks} (each receiver and how it is doing) and
 * {@code POST /api/v1/webhooks/{id}/test} (the staff page's 发送测试消息). A receiver's change goes
 * to the stream as {@value #RECEIVER_EVENT}, to ADMIN and STAFF only. The stream and the webhooks
 * themselves are shared: every feature publishes and queues its own notices.
 */
public final class NotifyFeature implements Feature {

    /** The live stream's event for a webhook receiver whose state changed; data: the receiver. */
    public static final String RECEIVER_EVENT = "webhook-receiver";

    private final LiveStream stream;

    /** @param stream the stream that the features' live events go to */
    public NotifyFeature(LiveStream stream) {
        this.stream = stream;
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
        hub.route(GET, "/api/v1/stream", Access.STAFF, (exchange, user) -> {
            stream.attach(user, exchange.response(), exchange.detach());
            return Reply.detached();
        });
        hub.route(GET, "/api/v1/webhooks", Access.OFFICE.to("see the webhook receivers"),
                (exchange, user) -> Reply.ok(webhooks.receivers()));
        hub.route(POST, "/api/v1/webhooks/{id}/test", Access.OFFICE.to("send test messages"),
                (exchange, user) -> Reply.json(202, webhooks.test(user, exchange.pathParameter("id"),
                        Actors.trail(hub.audit(), user, exchange))));
    }
}
