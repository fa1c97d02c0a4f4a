package org.courtyard.hub.api.notify;

import static org.eclipse.jetty.http.HttpMethod.GET;

import java.util.List;
import org.courtyard.hub.api.Feature;
import org.courtyard.hub.api.FeatureContext;
import org.courtyard.hub.auth.Access;
import org.courtyard.hub.notify.NotifySchema;
import org.courtyard.hub.store.Migration;
import org.courtyard.hub.web.LiveStream;
import org.courtyard.hub.web.Reply;

/**
 * Telling people: the webhook outbox's table and {@code GET /api/v1/stream}, the live event stream
 * for staff (bearer header or session cookie; cadres get their village's events). The stream and
 * the webhooks themselves are shared: every feature publishes and queues its own notices.
 */
public final class NotifyFeature implements Feature {

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
        hub.route(GET, "/api/v1/stream", Access.STAFF, (exchange, user) -> {
            stream.attach(user, exchange.response(), exchange.detach());
            return Reply.detached();
        });
    }
}
