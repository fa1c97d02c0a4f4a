package org.courtyard.hub.api;

import java.nio.ByteBuffer;
import org.courtyard.hub.web.Exchange;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Files the hub makes on request (a report's spreadsheet, a diff as CSV), answered as downloads. */
public final class Downloads {

    private Downloads() {
    }

    /**
     * Answers 200 with {@code body} as an attachment named {@code fileName} (ASCII: browsers name
     * the download from it), never cached; takes over the exchange, so the route returns
     * {@link org.courtyard.hub.web.Reply#detached()}.
     */
    public static void send(Exchange exchange, String contentType, byte[] body, String fileName) {
        if (!fileName.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("a download's file name is ASCII letters, digits, '.', '_' and '-': "
                    + fileName);
        }
        Response response = exchange.response();
        Callback callback = exchange.detach();
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
