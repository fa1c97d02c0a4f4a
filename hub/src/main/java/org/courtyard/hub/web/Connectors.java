package org.courtyard.hub.web;

import java.time.Duration;
import java.util.Optional;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** The hub's one listening connector: plain HTTP, or HTTPS when it has a {@link TlsSettings}. */
public final class Connectors {

    /** TLS versions offered; older ones are refused at the handshake. */
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    /** Jetty's per-connection header field cache, off: see {@link #create}. */
    static final int HEADER_CACHE_SIZE = 0;

    /**
     * Connections the kernel may hold completed but not yet accepted (the listen backlog; Linux
     * caps it at {@code net.core.somaxconn}, 4096 by default). Jetty's default of 0 leaves the
     * JVM's 50: when a township's power returns and thousands of kiosks connect within seconds
     * while the hub's one acceptor thread waits for a core, the kernel drops the handshakes beyond
     * 50 and each kiosk waits out TCP's own retries (1 s, 3 s, 7 s...) into its connect timeout,
     * instead of being accepted and, if the sync lane is full, answered 503 with Retry-After.
     */
    static final int ACCEPT_QUEUE_SIZE = 4096;

    /**
     * Jetty's default URI rules, except that percent-escapes which are not UTF-8 ({@code %E4%BD},
     * {@code %FF}, {@code %C0%AF}) reach the {@link Router}, which refuses them with a JSON 400 naming
     * the part of the path after reading and dropping the request's body. Jetty itself answers such
     * a request 400 before any handler runs, without reading the body; when the body has not all
     * arrived by then it closes the connection ({@code Connection: close} on some of these answers,
     * not others), and a client still sending its body may read a reset instead of the answer
     * (the fuzz found it on a voice memo upload).
     */
    static final UriCompliance URI_COMPLIANCE = UriCompliance.DEFAULT.with("courtyard",
            UriCompliance.Violation.BAD_UTF8_ENCODING, UriCompliance.Violation.TRUNCATED_UTF8_ENCODING);

    /**
     * How long a connection may stay idle once the hub begins to stop, before Jetty closes it
     * (Jetty's default: 1 s). By then {@code Hub.close()} has answered every held long-poll and
     * ended every live stream, so what is idle is a client's keep-alive connection with nothing
     * on it; a stop (a restart, an upgrade) waited out the whole second for it every time. Requests
     * still running are waited for by the {@code GracefulHandler}, within the server's stop timeout.
     */
    static final Duration SHUTDOWN_IDLE_TIMEOUT = Duration.ofMillis(200);

    private Connectors() {
    }

    /**
     * A connector on {@code host:port} (null host: every interface) with the {@link Limits}: idle
     * timeout, request head size and deadline (through {@code heads}), connection limits (in all
     * and per client address, see {@link AddressConnectionLimit}). With
     * {@code tls} it speaks only HTTPS (TLS 1.2 and 1.3, Jetty's default cipher exclusions, no
     * renegotiation); a plain HTTP request to it fails at the handshake. The server does not
     * announce its Jetty version.
     */
    public static ServerConnector create(Server server, String host, int port, Limits limits,
            Optional<TlsSettings> tls, RequestHeadTimeout heads) {
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(Limits.MAX_REQUEST_HEADER_BYTES);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setUriCompliance(URI_COMPLIANCE);
        // Jetty keeps a cache of header fields per connection (about 107 KB each once warmed): with
        // thousands of kiosks each holding a long-poll that is most of the heap, and the hub runs
        // out of memory at about 2,600 of them with 256 MB (Jetty issues #5562, #6493). Without it a
        // held connection costs a few KB; parsing the few headers of a kiosk's sync costs nothing.
        http.setHeaderCacheSize(HEADER_CACHE_SIZE);
        HttpConnectionFactory http1 = heads.connectionFactory(http);
        ServerConnector connector;
        if (tls.isPresent()) {
            http.setSecureScheme("https");
            http.addCustomizer(new SecureRequestCustomizer());
            connector = new ServerConnector(server, new SslConnectionFactory(sslContext(tls.get()), http1.getProtocol()),
                    http1);
        } else {
            connector = new ServerConnector(server, http1);
        }
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        connector.setShutdownIdleTimeout(SHUTDOWN_IDLE_TIMEOUT.toMillis());
        connector.setAcceptQueueSize(ACCEPT_QUEUE_SIZE);
        server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));
        if (limits.maxConnectionsPerAddress() > 0) {
            connector.addEventListener(new AddressConnectionLimit(limits.maxConnectionsPerAddress()));
        }
        return connector;
    }

    private static SslContextFactory.Server sslContext(TlsSettings tls) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(tls.keystore().toAbsolutePath().toString());
        ssl.setKeyStoreType("PKCS12");
        ssl.setKeyStorePassword(tls.password());
        ssl.setIncludeProtocols(PROTOCOLS);
        ssl.setRenegotiationAllowed(false);
        return ssl;
    }
}
