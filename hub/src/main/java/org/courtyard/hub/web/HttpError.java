package org.courtyard.hub.web;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure a route answers with a status and a JSON error body; the message is sent to the
 * client as it is, so it names the offending field and never holds secrets or stack traces.
 */
public class HttpError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final Duration retryAfter;

    public HttpError(int status, String code, String message) {
        this(status, code, message, null);
    }

    public HttpError(int status, String code, String message, Throwable cause) {
        this(status, code, message, cause, null);
    }

    private HttpError(int status, String code, String message, Throwable cause, Duration retryAfter) {
        super(message, cause);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    /** This error with a {@code Retry-After} header of {@code wait} (whole seconds, at least one). */
    public HttpError retryAfter(Duration wait) {
        return new HttpError(status, code, getMessage(), getCause(), wait);
    }

    /** When the client may try again, sent as {@code Retry-After}; empty for no such header. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** 400 for a field that is missing or wrong; the message must name {@code field}. */
    public static HttpError invalidField(String field, String message) {
        return new HttpError(400, "invalid_field", message.contains(field) ? message : field + ": " + message);
    }

    public static HttpError badRequest(String message, Throwable cause) {
        return new HttpError(400, "bad_request", message, cause);
    }

    public static HttpError unauthorized(String message) {
        return new HttpError(401, "unauthorized", message);
    }

    public static HttpError forbidden(String message) {
        return new HttpError(403, "forbidden", message);
    }

    public static HttpError notFound(String message) {
        return new HttpError(404, "not_found", message);
    }

    public static HttpError conflict(String message) {
        return new HttpError(409, "conflict", message);
    }
}
