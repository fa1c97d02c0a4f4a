package org.courtyard.hub.notify;

import java.time.Duration;
import org.courtyard.hub.auth.Authenticator;
import org.courtyard.hub.auth.Users;
import org.courtyard.hub.web.Exchange;
import org.courtyard.hub.web.HttpError;
import org.courtyard.hub.web.JsonResponses;
import org.courtyard.hub.web.Reply;
import org.courtyard.hub.web.Router;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

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

    /**
     * The stream's connection is closed when the stream ends and counts no longer against the
     * per-address connection cap while it lasts: a logged-in user's open page is not one of the
     * idle or slow connections that cap is for. A session's streams are limited instead (429).
     */
    private Reply open(Exchange exchange) {
        Users.Session session = authenticator.requireStaffSession(exchange);
        Response response = exchange.response();
        // Released before the first byte, so a client that sees the stream open finds it uncounted;
        // closed after its answer either way, so it never serves uncounted requests later.
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        exchange.releaseFromAddressLimit();
        Callback callback = exchange.detach();
        if (!stream.attach(session, response, callback)) {
            JsonResponses.error(response, callback, new HttpError(429, "too_many_streams", "this session already has "
                    + LiveStream.MAX_STREAMS_PER_SESSION + " live streams open; close a tab of the staff page")
                    .retryAfter(Duration.ofSeconds(30)));
        }
        return Reply.detached();
    }
}
