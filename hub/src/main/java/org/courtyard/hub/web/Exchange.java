package org.courtyard.hub.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.courtyard.hub.core.Refusal;
import org.courtyard.protocol.Protocol;
import org.courtyard.protocol.ProtocolException;
import org.courtyard.protocol.ProtocolJson;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.UrlEncoded;

/** One request as a route sees it, with helpers that turn bad input into {@link Refusal}s. */
public final class Exchange {

    /** Largest request body any route accepts; larger ones get 413. */
    public static final int MAX_BODY_BYTES = Protocol.MAX_DOCUMENT_BYTES;

    /** The one error code of a body that is not JSON at all, whatever the route. */
    public static final String MALFORMED_JSON = "malformed_json";

    /** The cookie that carries a staff session for browsers (EventSource cannot send headers). */
    public static final String SESSION_COOKIE = "courtyard_session";

    /**
     * The cookie that carries a family session (docs/family.md). The family routes set it with
     * {@code Path=/api/v1/family/}, so a browser sends it there and nowhere else.
     */
    public static final String FAMILY_COOKIE = "courtyard_family";

    private static final java.util.Set<String> WAV_TYPES = java.util.Set.of("audio/wav", "audio/x-wav",
            "audio/wave", "audio/vnd.wave");

    private final Request request;
    private final Response response;
    private final Callback callback;
    private final Map<String, String> pathParameters;
    private final Duration bodyTimeout;
    private Fields query;
    private boolean detached;
    /** The body was read to its end here: nothing is left to drop. */
    private boolean bodyRead;
    /** Reading the body here ran out of time: dropping the rest would wait as long again. */
    private boolean bodyStalled;

    Exchange(Request request, Response response, Callback callback, Map<String, String> pathParameters,
            Duration bodyTimeout) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.pathParameters = Map.copyOf(pathParameters);
        this.bodyTimeout = bodyTimeout;
    }

    public String method() {
        return request.getMethod();
    }

    public String path() {
        return Request.getPathInContext(request);
    }

    /** A {@code {name}} segment of the route's path. */
    public String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the route has no path parameter '" + name + "'");
        }
        return value;
    }

    /** A query parameter; blank counts as absent. */
    public Optional<String> query(String name) {
        if (query == null) {
            try {
                // Decoded strictly here: the connector lets bad UTF-8 through so that the router can
                // answer it (Connectors.URI_COMPLIANCE), and Jetty's own extraction would follow that
                // and turn it into U+FFFD.
                String raw = request.getHttpURI().getQuery();
                Fields fields = new Fields(true);
                if (raw != null) {
                    UrlEncoded.decodeUtf8To(raw, 0, raw.length(), fields::add, false, false, false);
                }
                query = fields;
            } catch (RuntimeException e) {
                // Percent-escapes that are not UTF-8 (%FF), say: the caller's mistake, not the hub's.
                if (e instanceof HttpException || e instanceof IllegalArgumentException) {
                    throw Refusal.badRequest("the query string cannot be read: " + e.getMessage(), e);
                }
                throw e;
            }
        }
        String value = query.getValue(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /**
     * A whole-number query parameter from {@code min} to {@code max}; 400 {@code invalid_field}
     * naming it when it is anything else.
     */
    public Optional<Long> wholeNumberQuery(String name, long min, long max) {
        Optional<String> value = query(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            long number = Long.parseLong(value.get());
            if (number >= min && number <= max) {
                return Optional.of(number);
            }
        } catch (NumberFormatException e) {
            // answered below, with the range
        }
        throw Refusal.invalidField(name, "query parameter '" + name + "' must be a whole number from " + min
                + " to " + max + ", was '" + value.get() + "'");
    }

    /** The {@code limit} query parameter of a list, from 1 to {@code max}; {@code otherwise} when absent. */
    public int limit(int otherwise, int max) {
        return wholeNumberQuery("limit", 1, max).map(Long::intValue).orElse(otherwise);
    }

    /**
     * The client's IP address: the socket's, or with {@code http.trust-proxy=true} the one the
     * reverse proxy put last in {@code X-Forwarded-For} (see {@link TrustedProxy}).
     */
    public String clientAddress() {
        return Request.getRemoteAddr(request);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(request.getHeaders().get(name));
    }

    /**
     * The bearer token from {@code Authorization: Bearer ...}, else from the family cookie (sent
     * only to the family routes, so a browser that also holds a staff session still reaches the
     * family page as the family member), else from the session cookie. Never log it.
     */
    public Optional<String> credential() {
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (authorization != null) {
            String[] parts = authorization.trim().split("\\s+", 2);
            if (parts.length == 2 && parts[0].equalsIgnoreCase("Bearer") && !parts[1].isBlank()) {
                return Optional.of(parts[1].trim());
            }
            return Optional.empty();
        }
        return cookie(FAMILY_COOKIE).or(() -> cookie(SESSION_COOKIE));
    }

    /** The value of the cookie {@code name}; blank counts as absent. Never log a credential's. */
    public Optional<String> cookie(String name) {
        for (HttpCookie cookie : Request.getCookies(request)) {
            if (name.equals(cookie.getName()) && cookie.getValue() != null && !cookie.getValue().isBlank()) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    /**
     * The request body, which must be declared JSON (else 415), at most {@link #MAX_BODY_BYTES}
     * long (else 413) and arrive within the body timeout (else 408, see {@link Bodies#read}).
     */
    public byte[] jsonBody() {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        String mediaType = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json")) {
            throw Refusal.unsupportedType(
                    "the body must be application/json, was " + (type == null ? "no Content-Type" : "'" + type + "'"));
        }
        byte[] body = readBody(MAX_BODY_BYTES);
        if (body.length == 0) {
            throw new Refusal(Refusal.Kind.INVALID, MALFORMED_JSON, "the body is empty; a JSON document is required");
        }
        return body;
    }

    /**
     * The raw request body, at most {@code maxBytes} long (else 413) and arrived within the body
     * timeout (else 408); for uploads that are not JSON. See {@link Bodies#read} for why a body a
     * little over the limit is read and dropped before the 413.
     */
    public byte[] body(int maxBytes) {
        return readBody(maxBytes);
    }

    private byte[] readBody(int maxBytes) {
        try {
            byte[] body = Bodies.read(request, maxBytes, bodyTimeout);
            bodyRead = true;
            return body;
        } catch (Refusal e) {
            bodyStalled = e.kind() == Refusal.Kind.TOO_SLOW;
            throw e;
        }
    }

    /**
     * A recording uploaded as the body: declared a WAV file ({@code audio/wav} or one of its other
     * names; else 415), at most {@code maxBytes} long (else 413), not empty (else 400 naming
     * {@code body}). Whether the bytes are a WAV file is the caller's to check.
     */
    public byte[] wavBody(int maxBytes) {
        String type = header("Content-Type").orElse("");
        String mediaType = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!WAV_TYPES.contains(mediaType)) {
            throw Refusal.unsupportedType("the body must be audio/wav, was "
                    + (type.isEmpty() ? "no Content-Type" : "'" + type + "'"));
        }
        byte[] body = body(maxBytes);
        if (body.length == 0) {
            throw Refusal.invalidField("body", "the body is empty; a WAV file is required");
        }
        return body;
    }

    /**
     * The body read as {@code type}: a body that is not JSON at all is a 400 {@code malformed_json},
     * JSON with a missing or invalid field a 400 {@code invalid_field} naming the JSON path.
     */
    public <T> T bodyAs(Class<T> type) {
        byte[] body = jsonBody();
        try {
            return ProtocolJson.read(body, type);
        } catch (ProtocolException e) {
            throw new Refusal(Refusal.Kind.INVALID, e.malformed() ? MALFORMED_JSON : "invalid_field", e.getMessage(), e);
        }
    }

    /**
     * For a command that carries nothing in its body (a withdrawal): no body, or a JSON object whose
     * fields are ignored as unknown fields are everywhere. A body of another type is 415, one that is
     * not JSON 400 {@code malformed_json}, JSON that is not an object 400 {@code bad_request}: a
     * client that sends something else has a bug it should hear about.
     */
    public void emptyBody() {
        boolean chunked = request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        if (request.getLength() <= 0 && !chunked) {
            return;
        }
        if (!bodyTree().isObject()) {
            throw Refusal.badRequest("the body must be a JSON object ({}) or nothing");
        }
    }

    /**
     * A part of a body already read as a tree ({@link #bodyTree()}), read as {@code type} with the
     * refusals of {@link #bodyAs}: for a route that takes a field off the body before reading the rest.
     */
    public static <T> T as(JsonNode tree, Class<T> type) {
        try {
            return ProtocolJson.read(tree, type);
        } catch (ProtocolException e) {
            throw new Refusal(Refusal.Kind.INVALID, "invalid_field", e.getMessage(), e);
        }
    }

    /** The body as a JSON tree, for routes that validate parts of it one by one. */
    public JsonNode bodyTree() {
        byte[] body = jsonBody();
        try {
            return ProtocolJson.mapper().readTree(body);
        } catch (IOException e) {
            throw new Refusal(Refusal.Kind.INVALID, MALFORMED_JSON, "the body is not valid JSON: "
                    + firstLine(e.getMessage()), e);
        }
    }

    /**
     * Reads and drops what is left of the request body before the answer goes out: all of it when
     * the route did not read it (a 401 before the login body, a logout with {@code {}}, a 415), the
     * rest of it when the route stopped at a limit (413), at most {@link Bodies#MAX_DRAIN_BYTES}
     * within the body timeout. Otherwise Jetty, finding the body unread when the answer is done,
     * closes the connection with the bytes still coming, the client's side is reset, and the client
     * may never see the answer (or, for a small body, finds the connection dead at its next request).
     * A body whose reading ran out of time (408) is not waited for again; one declared larger than
     * that is not read at all, so that its answer goes out from the headers alone.
     *
     * @return false if the body could not be read through (too large, too slow, broken off); the
     *     connection should then be closed
     */
    boolean discardUnreadBody() {
        if (bodyRead) {
            return true;
        }
        if (bodyStalled) {
            return false;
        }
        bodyRead = true;
        long length = request.getLength();
        boolean body = length > 0 || (length < 0 && request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING));
        if (!body) {
            return true;
        }
        if (length > Bodies.MAX_DRAIN_BYTES) {
            // Declared larger than the hub would read: answered at once, from the headers alone.
            return false;
        }
        try {
            return Bodies.drain(request, Bodies.MAX_DRAIN_BYTES, bodyTimeout);
        } catch (Refusal e) {
            return false;
        }
    }

    /**
     * The version an {@code If-Match} header names ({@code "7"}, as the hub's ETags are); empty
     * without the header or for {@code *} (any version). A PUT or PATCH with it fails with 412 if
     * the resource is at another version. Several tags ({@code "6", "7"}) are not supported: one
     * edit is made from one copy.
     *
     * @throws Refusal INVALID naming {@code If-Match} for anything else
     */
    public Optional<Long> ifMatch() {
        String value = request.getHeaders().get(HttpHeader.IF_MATCH);
        if (value == null || value.isBlank() || value.trim().equals("*")) {
            return Optional.empty();
        }
        String tag = value.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 3 && tag.startsWith("\"") && tag.endsWith("\"")) {
            try {
                return Optional.of(Long.parseLong(tag.substring(1, tag.length() - 1)));
            } catch (NumberFormatException e) {
                // answered below
            }
        }
        throw Refusal.invalidField("If-Match", "header 'If-Match' must be one ETag the hub gave, like \"7\", or *;"
                + " was '" + value + "'");
    }

    /** The {@code ETag} of an editable resource at {@code version}: {@code "7"}. */
    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * Takes this request's connection off the per-address connection cap ({@link AddressConnectionLimit}):
     * for a connection that from now on carries a logged-in user's long-lived answer, such as the
     * event stream. The answer should close the connection when it ends ({@code Connection: close}),
     * so that the connection never serves uncounted requests afterwards.
     */
    public void releaseFromAddressLimit() {
        AddressConnectionLimit limit = request.getConnectionMetaData().getConnector().getBean(AddressConnectionLimit.class);
        if (limit != null) {
            limit.release(request);
        }
    }

    /**
     * Takes over the response: the router will neither write nor complete it. The caller must
     * complete the returned callback exactly once on every path.
     */
    public Callback detach() {
        detached = true;
        return callback;
    }

    boolean isDetached() {
        return detached;
    }

    public Request request() {
        return request;
    }

    public Response response() {
        return response;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
