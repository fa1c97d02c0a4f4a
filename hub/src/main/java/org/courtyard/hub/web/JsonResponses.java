package org.courtyard.hub.web;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.courtyard.hub.core.Refusal;
import org.courtyard.protocol.ErrorBody;
import org.courtyard.protocol.ProtocolJson;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Writes JSON answers and JSON error bodies, completing the callback; the one place that turns a
 * {@link Refusal} into an HTTP status.
 */
public final class JsonResponses {

    public static final String JSON = "application/json; charset=utf-8";

    /** The message of every 500: the details are in the log, never in the answer. */
    static final String INTERNAL_MESSAGE = "the hub failed to handle the request; the error is logged";

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
     * Writes {@code refusal} with its status ({@link #status}), its {@code Retry-After} if it says
     * when to try again, and the JSON error body {@code {"error":{"code","message",...details}}}.
     * After a 408 or 413 the request body may be partly unread, so the connection is closed
     * ({@code Connection: close} tells the client not to reuse it).
     */
    public static void error(Response response, Callback callback, Refusal refusal) {
        if (refusal.kind() == Refusal.Kind.TOO_SLOW || refusal.kind() == Refusal.Kind.TOO_LARGE) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        refusal.retryAfter().ifPresent(wait -> response.getHeaders().put(HttpHeader.RETRY_AFTER,
                Long.toString(Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0)))));
        write(response, callback, status(refusal.kind()), body(refusal));
    }

    /** Writes an error the web layer makes itself (405, say), with the JSON error body. */
    public static void error(Response response, Callback callback, int status, String code, String message) {
        write(response, callback, status, ErrorBody.of(code, message));
    }

    /** Writes the 500 of a failure that is logged; the answer says no more. */
    public static void internalError(Response response, Callback callback) {
        error(response, callback, 500, "internal", INTERNAL_MESSAGE);
    }

    /** The HTTP status of each kind of refusal. */
    public static int status(Refusal.Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case TOO_SLOW -> 408;
            case CONFLICT -> 409;
            case PRECONDITION_FAILED -> 412;
            case TOO_LARGE -> 413;
            case UNSUPPORTED_TYPE -> 415;
            case OUT_OF_RANGE -> 416;
            case TOO_MANY -> 429;
            case UNAVAILABLE -> 503;
            case STORAGE_FULL -> 507;
        };
    }

    private static Object body(Refusal refusal) {
        if (refusal.details().isEmpty()) {
            return ErrorBody.of(refusal.code(), refusal.getMessage());
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", refusal.code());
        error.put("message", refusal.getMessage());
        error.putAll(refusal.details());
        return Map.of("error", error);
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
