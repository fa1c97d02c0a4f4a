package org.courtyard.kiosk.net;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/**
 * The kiosk's one way to the hub: the hub's base address, the kiosk's bearer token, and the one
 * java.net.http client that trusts the hub as {@link HubTls} says (the township CA of
 * {@code tls.ca-file}, the key pins of {@code tls.pin-sha256}, plain HTTP only where allowed).
 * Sync, enrolment, residents' photos, announcement audio, voice memos — every kiosk caller of the
 * hub builds its requests here and sends them through {@link #send}, so none of them can talk to
 * the hub with other trust rules, and a new caller gets them without doing anything.
 *
 * <p>A hub whose certificate fails the checks fails the TLS handshake, before the request (and so
 * the token) is sent; {@link #send} reports that as {@link HubUntrustedException} with the reason.
 * The client follows no redirects: a redirect could carry the token to another host.
 *
 * <p>Thread-safe; one per kiosk, shared by all callers. The client holds no thread of its own
 * that needs closing.
 */
public final class HubConnection {

    /** How long connecting to the hub may take before a request fails (and is retried later). */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final URI base;
    private final String token;
    private final HttpClient http;

    private HubConnection(URI hub, String token, HubTls tls) {
        Objects.requireNonNull(hub, "hub");
        Objects.requireNonNull(tls, "tls");
        tls.checkHub(hub, "hub");
        String text = hub.toString();
        this.base = URI.create(text.endsWith("/") ? text : text + "/");
        this.token = token;
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER);
        if ("https".equalsIgnoreCase(hub.getScheme())) {
            client.sslContext(tls.sslContext());
        }
        this.http = client.build();
    }

    /**
     * The connection of an enrolled kiosk: every request carries {@code Authorization: Bearer token}.
     *
     * @throws IllegalArgumentException if the token is blank, or {@code hub} is plain HTTP that
     *     {@code tls} does not allow
     */
    public static HubConnection of(URI hub, String token, HubTls tls) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("kiosk token must not be blank");
        }
        return new HubConnection(hub, token, tls);
    }

    /**
     * A connection without a token, for enrolment (which trades a one-time code for the token).
     *
     * @throws IllegalArgumentException if {@code hub} is plain HTTP that {@code tls} does not allow
     */
    public static HubConnection withoutToken(URI hub, HubTls tls) {
        return new HubConnection(hub, null, tls);
    }

    /** The hub's base address, ending in {@code /}. */
    public URI hub() {
        return base;
    }

    /**
     * A request to {@code path} (relative to the hub, e.g. {@code api/v1/sync}, a query allowed)
     * that fails after {@code timeout}, with the kiosk's token when it has one. The caller adds
     * the method, body and other headers.
     */
    public HttpRequest.Builder request(String path, Duration timeout) {
        if (path.startsWith("/")) {
            throw new IllegalArgumentException("a hub path is relative to the hub's address, was '" + path + "'");
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    /**
     * Sends a request built by {@link #request}.
     *
     * @throws HubUntrustedException if the hub's certificate fails this kiosk's checks (nothing
     *     was sent)
     * @throws IOException if the hub cannot be reached or the exchange broke off
     */
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        if (!request.uri().toString().startsWith(base.toString())) {
            throw new IllegalArgumentException("request for " + request.uri() + " is not for the hub " + base);
        }
        try {
            return http.send(request, body);
        } catch (IOException e) {
            throw HubTls.explain(e);
        }
    }

    @Override
    public String toString() {
        return "HubConnection[" + base + (token == null ? ", no token" : "") + "]";
    }
}
