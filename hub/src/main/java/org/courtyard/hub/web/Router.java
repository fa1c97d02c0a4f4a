package org.courtyard.hub.web;

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
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches requests to {@link Route}s by method and path ({@code /api/v1/help-requests/{id}}).
 *
 * <p>A blocking handler: routes may touch SQLite on the calling Jetty thread. Paths under any of
 * the {@code ownedPrefixes} that match no route get a JSON 404 (or 405 with {@code Allow} when only
 * the method is wrong); other paths are declined ({@code false}) so a later handler may serve them.
 * On every path the router either completes the callback or the route detached and owns it.
 */
public final class Router extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private record Entry(String method, String[] segments, Route route) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final List<Function<Throwable, Optional<HttpError>>> translations = new CopyOnWriteArrayList<>();
    private final List<String> ownedPrefixes;
    private final Duration bodyTimeout;

    /** A router whose routes get {@link Limits#defaults()}'s body timeout. */
    public Router(List<String> ownedPrefixes) {
        this(ownedPrefixes, Limits.defaults().bodyTimeout());
    }

    /** @param bodyTimeout how long {@link Exchange#jsonBody()} waits for a whole body (408 after) */
    public Router(List<String> ownedPrefixes, Duration bodyTimeout) {
        this.ownedPrefixes = List.copyOf(ownedPrefixes);
        this.bodyTimeout = bodyTimeout;
    }

    /** Adds a route; call before the server starts. */
    public Router add(String method, String pattern, Route route) {
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("route pattern must start with '/': " + pattern);
        }
        entries.add(new Entry(method, split(pattern), route));
        return this;
    }

    /**
     * Answers a failure of a kind the web layer does not know (a full disk, say) with {@code
     * translation}'s error instead of the generic 500; the first translation that recognises the
     * exception (or one of its causes) wins. Call before the server starts.
     */
    public Router translate(Function<Throwable, Optional<HttpError>> translation) {
        translations.add(translation);
        return this;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        String[] segments = split(path);
        Set<String> allowed = new LinkedHashSet<>();
        for (Entry entry : entries) {
            Map<String, String> parameters = match(entry.segments, segments);
            if (parameters == null) {
                continue;
            }
            if (!entry.method.equals(request.getMethod())) {
                allowed.add(entry.method);
                continue;
            }
            run(entry.route, new Exchange(request, response, callback, parameters, bodyTimeout));
            return true;
        }
        if (!allowed.isEmpty()) {
            response.getHeaders().put("Allow", String.join(", ", allowed));
            JsonResponses.error(response, callback, new HttpError(405, "method_not_allowed",
                    request.getMethod() + " is not allowed on " + path + "; allowed: " + String.join(", ", allowed)));
            return true;
        }
        for (String prefix : ownedPrefixes) {
            if (path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/")) {
                JsonResponses.error(response, callback, HttpError.notFound("no such endpoint: " + path));
                return true;
            }
        }
        return false;
    }

    private void run(Route route, Exchange exchange) {
        Reply reply;
        try {
            reply = route.handle(exchange);
        } catch (HttpError e) {
            if (e.status() >= 500) {
                LOG.error("{} {} failed", exchange.method(), exchange.path(), e);
            }
            finishWithError(exchange, e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.error("{} {} was interrupted", exchange.method(), exchange.path(), e);
            finishWithError(exchange, internal());
            return;
        } catch (Exception e) {
            Optional<HttpError> translated = translated(e);
            if (translated.isPresent()) {
                LOG.warn("{} {} failed: {}", exchange.method(), exchange.path(), translated.get().getMessage());
                finishWithError(exchange, translated.get());
            } else {
                LOG.error("{} {} failed", exchange.method(), exchange.path(), e);
                finishWithError(exchange, internal());
            }
            return;
        }
        if (exchange.isDetached()) {
            return;
        }
        if (reply == null || reply.isDetached()) {
            LOG.error("{} {}: the route returned {} without detaching", exchange.method(), exchange.path(), reply);
            finishWithError(exchange, internal());
            return;
        }
        discardUnreadBody(exchange);
        for (Reply.Header header : reply.headers()) {
            exchange.response().getHeaders().add(header.name(), header.value());
        }
        JsonResponses.write(exchange.response(), exchange.detach(), reply.status(), reply.body());
    }

    private Optional<HttpError> translated(Exception failure) {
        for (Function<Throwable, Optional<HttpError>> translation : translations) {
            Optional<HttpError> error = translation.apply(failure);
            if (error.isPresent()) {
                return error;
            }
        }
        return Optional.empty();
    }

    private static void discardUnreadBody(Exchange exchange) {
        if (!exchange.discardUnreadBody()) {
            exchange.response().getHeaders().put(HttpHeader.CONNECTION, "close");
        }
    }

    private static void finishWithError(Exchange exchange, HttpError error) {
        if (exchange.isDetached()) {
            // The route owns the callback now; it has completed it or will. Writing here would complete it twice.
            LOG.error("{} {} failed after detaching; the route is responsible for its answer",
                    exchange.method(), exchange.path(), error);
            return;
        }
        discardUnreadBody(exchange);
        JsonResponses.error(exchange.response(), exchange.detach(), error);
    }

    private static HttpError internal() {
        return new HttpError(500, "internal", "the hub failed to handle the request; the error is logged");
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
