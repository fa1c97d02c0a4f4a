package org.courtyard.hub.api.residents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;
import org.courtyard.hub.core.Refusal;
import org.courtyard.hub.web.Exchange;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/** Non-JSON request bodies (photos, CSV files): media type checked (415), size capped (413). */
final class Bodies {

    /** A body with the media type it was declared as (lower case, without parameters). */
    record Body(String mediaType, byte[] bytes) {
    }

    private Bodies() {
    }

    static Body read(Exchange exchange, Set<String> mediaTypes, int maxBytes) {
        Request request = exchange.request();
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        String mediaType = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaTypes.contains(mediaType)) {
            throw Refusal.unsupportedType("the body must be one of " + mediaTypes.stream().sorted()
                    .toList() + ", was " + (type == null ? "no Content-Type" : "'" + type + "'"));
        }
        long declared = request.getLength();
        if (declared > maxBytes) {
            throw tooLarge(maxBytes);
        }
        try (InputStream in = Request.asInputStream(request)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 8192);
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) != -1) {
                out.write(buffer, 0, read);
                if (out.size() > maxBytes) {
                    throw tooLarge(maxBytes);
                }
            }
            if (out.size() == 0) {
                throw Refusal.badRequest("the body is empty");
            }
            return new Body(mediaType, out.toByteArray());
        } catch (IOException e) {
            throw Refusal.badRequest("could not read the request body", e);
        }
    }

    /**
     * Answers with {@code body} of {@code contentType} (null body: none), taking over the exchange;
     * the route must return {@link org.courtyard.hub.web.Reply#detached()}.
     */
    static void send(Exchange exchange, int status, String contentType, byte[] body,
            java.util.Map<String, String> headers) {
        org.eclipse.jetty.server.Response response = exchange.response();
        org.eclipse.jetty.util.Callback callback = exchange.detach();
        response.setStatus(status);
        headers.forEach((name, value) -> response.getHeaders().put(name, value));
        if (body == null) {
            response.write(true, null, callback);
            return;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.write(true, java.nio.ByteBuffer.wrap(body), callback);
    }

    private static Refusal tooLarge(int maxBytes) {
        return Refusal.tooLarge("the body is larger than the limit of " + maxBytes + " bytes");
    }
}
