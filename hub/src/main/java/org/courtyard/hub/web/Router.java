package org.courtyard.hub.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.courtyard.hub.auth.Access;
import org.courtyard.hub.auth.Authenticator;
import org.courtyard.hub.auth.Principal;
import org.courtyard.hub.core.Refusal;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches requests to {@link Route}s by method and path ({@code /api/v1/help-requests/{id}}),
 * after checking the {@link Access} each route was added with: the caller is authenticated and
 * admitted here, in one place, and the route's handler gets the admitted caller.
 *
 * <p>A blocking handler: routes may touch SQLite on the calling Jetty thread. Paths under any of
 * the {@code ownedPrefixes} that match no route get a JSON 404 (or 405 with {@code Allow} when only
 * the method is wrong); other paths are declined ({@code false}) so a later handler may serve them.
 * On every path the router either completes the callback or the route detached and owns it.
 */
public final class Router extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    /** One route as the table lists it: method, pattern and who may call it. */
    public record Endpoint(String method, String pattern, Access<?> access) {

        @Override
        public String toString() {
            return method + " " + pattern + " " + access.name();
        }
    }

    private record Entry(Endpoint endpoint, String[] segments, Route<?> route) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final List<Function<Throwable, Optional<Refusal>>> translations = new CopyOnWriteArrayList<>();
    private final List<String> ownedPrefixes;
    private final Duration bodyTimeout;
    private final Authenticator authenticator;

    /**
     * @param ownedPrefixes paths under which an unknown path is this router's 404
     * @param bodyTimeout how long {@link Exchange#jsonBody()} waits for a whole body (408 after)
     * @param authenticator finds the caller of every route that is not {@link Access#PUBLIC}
     */
    public Router(List<String> ownedPrefixes, Duration bodyTimeout, Authenticator authenticator) {
        this.ownedPrefixes = List.copyOf(ownedPrefixes);
        this.bodyTimeout = bodyTimeout;
        this.authenticator = authenticator;
    }

    /**
     * Adds a route that {@code access} guards; call before the server starts.
     *
     * @throws IllegalArgumentException for a pattern without a leading '/' or a method and pattern
     *     another route has already
     */
    public <P> Router add(HttpMethod method, String pattern, Access<P> access, Route<P> route) {
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("route pattern must start with '/': " + pattern);
        }
        for (Entry entry : entries) {
            if (entry.endpoint.method().equals(method.asString()) && entry.endpoint.pattern().equals(pattern)) {
                throw new IllegalArgumentException("a route for " + method + " " + pattern + " exists already");
            }
        }
        entries.add(new Entry(new Endpoint(method.asString(), pattern, access), split(pattern), route));
        return this;
    }

    /**
     * Answers a failure the web layer does not know (a full disk, say) with {@code translation}'s
     * refusal instead of the generic 500; the first translation that recognises the exception (or
     * one of its causes) wins. Call before the server starts.
     */
    public Router translate(Function<Throwable, Optional<Refusal>> translation) {
        translations.add(translation);
        return this;
    }

    /** Every route in the order added: the route table, read-only. */
    public List<Endpoint> endpoints() {
        return entries.stream().map(Entry::endpoint).toList();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        Optional<String> unreadable = unreadablePart(request.getHttpURI().getPath());
        if (unreadable.isPresent() && owns(path)) {
            // Answered like a route's refusal: the body is read and dropped, so the connection stays open.
            finishWithError(new Exchange(request, response, callback, Map.of(), bodyTimeout), Refusal.badRequest(
                    "the path cannot be read: the part '" + unreadable.get() + "' is not percent-encoded UTF-8"));
            return true;
        }
        String[] segments = split(path);
        Set<String> allowed = new LinkedHashSet<>();
        for (Entry entry : entries) {
            Map<String, String> parameters = match(entry.segments, segments);
            if (parameters == null) {
                continue;
            }
            if (!entry.endpoint.method().equals(request.getMethod())) {
                allowed.add(entry.endpoint.method());
                continue;
            }
            run(entry, new Exchange(request, response, callback, parameters, bodyTimeout));
            return true;
        }
        if (!allowed.isEmpty()) {
            response.getHeaders().put("Allow", String.join(", ", allowed));
            JsonResponses.error(response, callback, 405, "method_not_allowed",
                    request.getMethod() + " is not allowed on " + path + "; allowed: " + String.join(", ", allowed));
            return true;
        }
        if (owns(path)) {
            JsonResponses.error(response, callback, Refusal.notFound("no such endpoint: " + path));
            return true;
        }
        return false;
    }

    private boolean owns(String path) {
        for (String prefix : ownedPrefixes) {
            if (path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first segment of {@code rawPath} (as sent, still percent-encoded) whose escapes are not
     * UTF-8: a broken or overlong sequence ({@code %E4%BD}, {@code %C0%AF}) or a '%' without two
     * hex digits. Jetty lets these through (see {@link Connectors#URI_COMPLIANCE}) with U+FFFD in
     * the decoded path, which would otherwise be taken for an id.
     */
    static Optional<String> unreadablePart(String rawPath) {
        if (rawPath == null || rawPath.indexOf('%') < 0) {
            return Optional.empty();
        }
        for (String segment : rawPath.split("/", -1)) {
            if (segment.indexOf('%') >= 0 && !isPercentEncodedUtf8(segment)) {
                return Optional.of(segment);
            }
        }
        return Optional.empty();
    }

    private static boolean isPercentEncodedUtf8(String segment) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            int high = i + 2 < segment.length() ? hexDigit(segment.charAt(i + 1)) : -1;
            int low = high >= 0 ? hexDigit(segment.charAt(i + 2)) : -1;
            if (low < 0) {
                return false;
            }
            bytes.write(high * 16 + low);
            i += 2;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private void run(Entry entry, Exchange exchange) {
        Reply reply;
        try {
            reply = admitAndHandle(entry.endpoint.access(), entry.route, exchange);
        } catch (Refusal e) {
            if (JsonResponses.status(e.kind()) >= 500) {
                LOG.error("{} {} failed", exchange.method(), exchange.path(), e);
            }
            finishWithError(exchange, e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.error("{} {} was interrupted", exchange.method(), exchange.path(), e);
            finishWithInternalError(exchange);
            return;
        } catch (Exception e) {
            Optional<Refusal> translated = translated(e);
            if (translated.isPresent()) {
                LOG.warn("{} {} failed: {}", exchange.method(), exchange.path(), translated.get().getMessage());
                finishWithError(exchange, translated.get());
            } else {
                LOG.error("{} {} failed", exchange.method(), exchange.path(), e);
                finishWithInternalError(exchange);
            }
            return;
        }
        if (exchange.isDetached()) {
            return;
        }
        if (reply == null || reply.isDetached()) {
            LOG.error("{} {}: the route returned {} without detaching", exchange.method(), exchange.path(), reply);
            finishWithInternalError(exchange);
            return;
        }
        discardUnreadBody(exchange);
        for (Reply.Header header : reply.headers()) {
            exchange.response().getHeaders().add(header.name(), header.value());
        }
        JsonResponses.write(exchange.response(), exchange.detach(), reply.status(), reply.body());
    }

    private Optional<Refusal> translated(Exception failure) {
        for (Function<Throwable, Optional<Refusal>> translation : translations) {
            Optional<Refusal> refusal = translation.apply(failure);
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }

    /** The one place where callers are authenticated and admitted. */
    @SuppressWarnings("unchecked")
    private <P> Reply admitAndHandle(Access<P> access, Route<?> route, Exchange exchange) throws Exception {
        Optional<Principal> caller = access.isPublic() ? Optional.empty()
                : authenticator.authenticate(exchange.credential());
        P admitted = access.admit(caller);
        return ((Route<P>) route).handle(exchange, admitted);
    }

    private static void discardUnreadBody(Exchange exchange) {
        if (!exchange.discardUnreadBody()) {
            exchange.response().getHeaders().put(HttpHeader.CONNECTION, "close");
        }
    }

    private static void finishWithError(Exchange exchange, Refusal error) {
        if (exchange.isDetached()) {
            // The route owns the callback now; it has completed it or will. Writing here would complete it twice.
            LOG.error("{} {} failed after detaching; the route is responsible for its answer",
                    exchange.method(), exchange.path(), error);
            return;
        }
        discardUnreadBody(exchange);
        JsonResponses.error(exchange.response(), exchange.detach(), error);
    }

    private static void finishWithInternalError(Exchange exchange) {
        if (exchange.isDetached()) {
            LOG.error("{} {} failed after detaching; the route is responsible for its answer",
                    exchange.method(), exchange.path());
            return;
        }
        discardUnreadBody(exchange);
        JsonResponses.internalError(exchange.response(), exchange.detach());
    }

    private static int hexDigit(char c) {
        return c < 128 ? Character.digit(c, 16) : -1;
    }

    private static Map<String, String> match(String[] pattern, String[] path) {
        if (pattern.length != path.length) {
            return null;
        }
        Map<String, String> parameters = new HashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String expected = pattern[i];
            if (expected.startsWith("{") && expected.endsWith("}")) {
                if (path[i].isEmpty()) {
                    return null;
                }
                parameters.put(expected.substring(1, expected.length() - 1), path[i]);
            } else if (!expected.equals(path[i])) {
                return null;
            }
        }
        return parameters;
    }

    private static String[] split(String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.substring(1).split("/", -1);
    }
}
