package org.courtyard.hub.notify;

import org.courtyard.hub.auth.Authenticator;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.web.Exchange;
import org.courtyard.hub.web.Reply;
import org.courtyard.hub.web.Router;

/** {@code GET /api/v1/stream}: the live event stream, staff only (bearer header or session cookie). */
public final class StreamRoutes {

    private final LiveStream stream;
    private final Authenticator authenticator;

    public StreamRoutes(LiveStream stream, Authenticator authenticator) {
        this.stream = stream;
        this.authenticator = authenticator;
    }

    public void register(Router router) {
        router.add("GET", "/api/v1/stream", this::open);
    }

    private Reply open(Exchange exchange) {
        StaffUser user = authenticator.requireStaff(exchange);
        stream.attach(user, exchange.response(), exchange.detach());
        return Reply.detached();
    }
}
