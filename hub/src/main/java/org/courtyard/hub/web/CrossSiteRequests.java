package org.courtyard.hub.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.courtyard.hub.core.Refusal;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Refuses requests that change something (POST, PUT, PATCH, DELETE) when the browser says another
 * site's page sent them: 403 {@code cross_site}. The session cookie is {@code SameSite=Strict}, but
 * a browser that ignores that, or a sibling site (a "same-site" subdomain), must still not be able
 * to withdraw an announcement or log a staff member out with their cookie.
 *
 * <p>What counts, in order: a request with an {@code Authorization} header passes (a browser never
 * adds one across sites; kiosks and scripts use bearer tokens). {@code Sec-Fetch-Site}, which every
 * current browser sends, must be {@code same-origin}. Without it, {@code Origin} must be the hub's
 * own origin. Without either the request did not come from a browser page (curl, the kiosk) and
 * passes. Logins count too, so another site cannot log a browser into an account of its choosing.
 *
 * <p>The hub's own origin is the one the request was addressed to ({@code Host}, with the scheme
 * the proxy reports in {@code X-Forwarded-Proto} when {@code http.trust-proxy=true}) and, behind a
 * reverse proxy that rewrites {@code Host}, the origin of {@code hub.public-url}.
 */
public final class CrossSiteRequests extends Handler.Wrapper {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final Optional<String> publicOrigin;
    private final boolean trustProxy;

    /**
     * @param publicUrl the address people use for the hub ({@code hub.public-url}); empty if it is
     *     the one they connect to
     * @param trustProxy believe {@code X-Forwarded-Proto} ({@code http.trust-proxy})
     */
    public CrossSiteRequests(Handler next, Optional<URI> publicUrl, boolean trustProxy) {
        super(next);
        this.publicOrigin = publicUrl.map(url -> origin(url.getScheme(), url.getHost(), url.getPort()));
        this.trustProxy = trustProxy;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Optional<String> refusal = refusal(request);
        if (refusal.isPresent()) {
            JsonResponses.error(response, callback, new Refusal(Refusal.Kind.FORBIDDEN, "cross_site", refusal.get()
                    + ": another site's page may not change anything here; use the hub's own page"));
            return true;
        }
        return super.handle(request, response, callback);
    }

    private Optional<String> refusal(Request request) {
        if (SAFE.contains(request.getMethod()) || request.getHeaders().contains(HttpHeader.AUTHORIZATION)) {
            return Optional.empty();
        }
        String site = request.getHeaders().get("Sec-Fetch-Site");
        if (site != null) {
            return site.trim().equalsIgnoreCase("same-origin") ? Optional.empty()
                    : Optional.of("the browser says this request came from a " + site.trim() + " page");
        }
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin == null) {
            return Optional.empty();
        }
        return ownOrigins(request).contains(normalized(origin)) ? Optional.empty()
                : Optional.of("the request came from the page of " + origin);
    }

    private List<String> ownOrigins(Request request) {
        List<String> own = new ArrayList<>(2);
        HttpURI uri = request.getHttpURI();
        String scheme = uri.getScheme();
        String forwarded = trustProxy ? request.getHeaders().get("X-Forwarded-Proto") : null;
        if (forwarded != null && !forwarded.isBlank()) {
            scheme = forwarded.split(",", 2)[0].trim();
        }
        if (uri.getHost() != null) {
            own.add(origin(scheme, uri.getHost(), uri.getPort()));
        }
        publicOrigin.ifPresent(own::add);
        return own;
    }

    /** {@code scheme://host[:port]} in lower case, without a default port; "null" for anything unreadable. */
    private static String normalized(String origin) {
        try {
            URI uri = URI.create(origin.trim());
            return uri.getScheme() == null || uri.getHost() == null ? "null"
                    : origin(uri.getScheme(), uri.getHost(), uri.getPort());
        } catch (IllegalArgumentException e) {
            return "null";
        }
    }

    private static String origin(String scheme, String host, int port) {
        String lowerScheme = scheme == null ? "http" : scheme.toLowerCase(Locale.ROOT);
        int defaultPort = lowerScheme.equals("https") ? 443 : 80;
        String lowerHost = host.toLowerCase(Locale.ROOT);
        if (lowerHost.contains(":") && !lowerHost.startsWith("[")) {
            lowerHost = "[" + lowerHost + "]";
        }
        return lowerScheme + "://" + lowerHost + (port < 0 || port == defaultPort ? "" : ":" + port);
    }
}
