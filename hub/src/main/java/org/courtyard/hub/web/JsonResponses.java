package org.courtyard.hub.web;

import java.nio.ByteBuffer;
import org.courtyard.protocol.ErrorBody;
import org.courtyard.protocol.ProtocolJson;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Writes JSON answers and JSON error bodies, completing the callback. */
public final class JsonResponses {

    public static final String JSON = "application/json; charset=utf-8";

    private JsonResponses() {
    }

    /** Writes {@code body} (null for none) as the whole response and completes {@code callback}. */
    public static void write(Response response, Callback callback, int status, Object body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (body == null) {
            response.write(true, null, callback);
            return;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        response.write(true, ByteBuffer.wrap(ProtocolJson.writeBytes(body)), callback);
    }

    /**
     * Writes {@code error} as the JSON error body, with its {@code Retry-After} if it has one. After
     * a 408 or 413 the request body may be partly unread, so the connection is closed
     * ({@code Connection: close} tells the client not to reuse it).
     */
    public static void error(Response response, Callback callback, HttpError error) {
        if (error.status() == 408 || error.status() == 413) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        error.retryAfter().ifPresent(wait -> response.getHeaders().put(HttpHeader.RETRY_AFTER,
                Long.toString(Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0)))));
        write(response, callback, error.status(), ErrorBody.of(error.code(), error.getMessage()));
    }

    /** The error code the hub uses for a bare status (Jetty's own errors, unknown paths). */
    public static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 408 -> "request_timeout";
            case 409 -> "conflict";
            case 413 -> "too_large";
            case 415 -> "unsupported_media_type";
            case 431 -> "headers_too_large";
            case 429 -> "too_many_requests";
            case 503 -> "unavailable";
            case 505 -> "http_version_not_supported";
            case 507 -> "storage_full";
            default -> status >= 500 ? "internal" : "http_" + status;
        };
    }
}
