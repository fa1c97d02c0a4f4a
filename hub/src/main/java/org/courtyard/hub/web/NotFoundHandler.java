package org.courtyard.hub.web;

import org.courtyard.hub.core.Refusal;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** The last handler: whatever nothing else served is a JSON 404. */
public final class NotFoundHandler extends Handler.Abstract.NonBlocking {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        JsonResponses.error(response, callback, Refusal.notFound("not found: " + Request.getPathInContext(request)));
        return true;
    }
}
