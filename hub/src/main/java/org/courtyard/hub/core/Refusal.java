package org.courtyard.hub.core;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one way the hub's features say no: a {@link Kind} that an adapter turns into its own terms
 * (the web layer into an HTTP status, the sync into a rejected event), a stable machine-readable
 * {@code code} such as {@code invalid_field}, and a message for people that names what was wrong
 * (a field, an id) and never holds a secret or a stack trace, because it is shown as it is.
 *
 * <p>Thrown before anything is stored, or inside the write transaction that then rolls back: a
 * refusal never leaves half a change behind. It knows nothing of HTTP, so domain code can throw it
 * without depending on the web layer. (Domain documentation often names a refusal by the status
 * its kind becomes on the API, "404 if unknown, 403 for another village": NOT_FOUND, FORBIDDEN.)
 */
public final class Refusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What kind of no it is; each adapter maps every kind (the web layer: to a status). */
    public enum Kind {
        /** The input is malformed or invalid (a field, a query parameter, a body). */
        INVALID,
        /** No valid credentials came with the call. */
        UNAUTHENTICATED,
        /** The caller is known but may not do this (role, village, another kiosk's request). */
        FORBIDDEN,
        /** What the call names does not exist (or is not visible to the caller). */
        NOT_FOUND,
        /** The input did not arrive in time. */
        TOO_SLOW,
        /** The current state does not allow it (a closed request, a taken name). */
        CONFLICT,
        /** The caller's copy is out of date (a condition such as an entity tag did not hold). */
        PRECONDITION_FAILED,
        /** The input is larger than allowed. */
        TOO_LARGE,
        /** The input is of a type this call does not take. */
        UNSUPPORTED_TYPE,
        /** The asked part of a file lies outside it. */
        OUT_OF_RANGE,
        /** Too many attempts; try again later. */
        TOO_MANY,
        /** The hub cannot do it now (stopping, overloaded). */
        UNAVAILABLE,
        /** The hub's disk is full: nothing was stored; the same call succeeds once space is freed. */
        STORAGE_FULL
    }

    private final Kind kind;
    private final String code;
    private final String field;
    private final Map<String, Object> details;
    private final Duration retryAfter;

    public Refusal(Kind kind, String code, String message) {
        this(kind, code, message, null, Map.of(), null, null);
    }

    public Refusal(Kind kind, String code, String message, Throwable cause) {
        this(kind, code, message, null, Map.of(), cause, null);
    }

    private Refusal(Kind kind, String code, String message, String field, Map<String, Object> details,
            Throwable cause) {
        this(kind, code, message, field, details, cause, null);
    }

    private Refusal(Kind kind, String code, String message, String field, Map<String, Object> details,
            Throwable cause, Duration retryAfter) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        if (code == null || !code.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("a refusal code is lower-case words joined by '_', was '" + code + "'");
        }
        this.code = code;
        this.field = field;
        this.details = details;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** Stable and machine-readable, e.g. {@code invalid_field}, {@code not_found}, {@code unknown_resident}. */
    public String code() {
        return code;
    }

    /** The input field that was wrong, when one was; the message names it as well. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /**
     * More for a client to act on, beside the code and message (a CSV import's errors line by
     * line); empty for most refusals. Insertion-ordered.
     */
    public Map<String, Object> details() {
        return details;
    }

    /** When the caller may try again, if the refusal says (the web layer sends it as {@code Retry-After}). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** This refusal with a time to wait before trying again (see {@link #retryAfter()}). */
    public Refusal retryAfter(Duration wait) {
        return new Refusal(kind, code, getMessage(), field, details, getCause(), wait);
    }

    /** This refusal with {@code details} added (see {@link #details()}). */
    public Refusal withDetails(Map<String, ?> more) {
        Map<String, Object> all = new LinkedHashMap<>(details);
        all.putAll(more);
        return new Refusal(kind, code, getMessage(), field, java.util.Collections.unmodifiableMap(all), getCause(),
                retryAfter);
    }

    /** A missing or wrong field, code {@code invalid_field}; the message is made to name {@code field}. */
    public static Refusal invalidField(String field, String message) {
        return invalidField(field, message, null);
    }

    /** {@link #invalidField(String, String)}, keeping what went wrong underneath. */
    public static Refusal invalidField(String field, String message, Throwable cause) {
        return new Refusal(Kind.INVALID, "invalid_field", message.contains(field) ? message : field + ": " + message,
                field, Map.of(), cause);
    }

    /** Input that is wrong as a whole (no single field to name), code {@code bad_request}. */
    public static Refusal badRequest(String message) {
        return badRequest(message, null);
    }

    /** {@link #badRequest(String)}, keeping what went wrong underneath. */
    public static Refusal badRequest(String message, Throwable cause) {
        return new Refusal(Kind.INVALID, "bad_request", message, cause);
    }

    public static Refusal unauthenticated(String message) {
        return new Refusal(Kind.UNAUTHENTICATED, "unauthorized", message);
    }

    public static Refusal forbidden(String message) {
        return new Refusal(Kind.FORBIDDEN, "forbidden", message);
    }

    public static Refusal notFound(String message) {
        return new Refusal(Kind.NOT_FOUND, "not_found", message);
    }

    public static Refusal conflict(String message) {
        return new Refusal(Kind.CONFLICT, "conflict", message);
    }

    /**
     * The caller edited an older copy of {@code what} than there is now (its If-Match named another
     * version): code {@code precondition_failed}, with {@code version} and {@code current} (the
     * resource as it is now) in the details, so that the client can show what changed and send its
     * edit again.
     */
    public static Refusal changedMeanwhile(String what, long version, Object current) {
        return new Refusal(Kind.PRECONDITION_FAILED, "precondition_failed", what + " was changed by someone else"
                + " after you loaded it; it is at version " + version + " now. Look at what changed and send your"
                + " edit again with If-Match: \"" + version + "\"").withDetails(Map.of("version", version,
                        "current", current));
    }

    public static Refusal tooLarge(String message) {
        return new Refusal(Kind.TOO_LARGE, "too_large", message);
    }

    public static Refusal unsupportedType(String message) {
        return new Refusal(Kind.UNSUPPORTED_TYPE, "unsupported_media_type", message);
    }
}
