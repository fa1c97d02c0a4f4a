package org.courtyard.hub.web;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose request head (request line and headers) is still incomplete
 * {@code timeout} after its first byte arrived: the slowloris defence.
 *
 * <p>Jetty's idle timeout alone does not suffice: it restarts with every byte, so a client sending
 * one header byte every 50 seconds holds a connection for days. Jetty 12's core server has no
 * minimum request data rate (its {@code HttpConfiguration.minRequestDataRate} is honoured only by
 * the servlet layer), hence this watch. It covers the TLS handshake too: for HTTPS the bytes
 * counted are the encrypted ones.
 *
 * <p>Wiring: connectors make their HTTP/1.1 connections with {@link #connectionFactory}, and this
 * handler wraps the server's handlers, so it knows when a request head has been parsed (its handler
 * runs) and when the exchange is over. An exchange in progress (a long-poll, an event stream, a
 * slow body) is never cut by this; idle timeouts and {@link Bodies} bound those. A keep-alive
 * connection that sends nothing is left to the idle timeout. Checks run about four times per
 * timeout, so a connection is closed between {@code timeout} and 1.25 × {@code timeout} after its
 * first byte.
 */
public final class RequestHeadTimeout extends Handler.Wrapper {

    private static final Logger LOG = LoggerFactory.getLogger(RequestHeadTimeout.class);
    private static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Duration timeout;
    private final Map<Connection, Watch> watched = new ConcurrentHashMap<>();
    private ScheduledExecutorService sweeper;
    private long closedSinceLog;
    private long lastLogNanos = System.nanoTime() - LOG_EVERY_NANOS;

    public RequestHeadTimeout(Duration timeout, Handler next) {
        super(next);
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("http.header-timeout-seconds must be positive");
        }
        this.timeout = timeout;
    }

    /** An HTTP/1.1 connection factory whose connections this watches. */
    public HttpConnectionFactory connectionFactory(HttpConfiguration configuration) {
        return new HttpConnectionFactory(configuration) {
            @Override
            public Connection newConnection(Connector connector, EndPoint endPoint) {
                Connection connection = super.newConnection(connector, endPoint);
                Connection network = endPoint instanceof SslConnection.SslEndPoint tls ? tls.getSslConnection()
                        : connection;
                watch(connection, network);
                return connection;
            }
        };
    }

    /** How many connections are watched now (open HTTP connections). */
    public int watching() {
        return watched.size();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Watch watch = watched.get(request.getConnectionMetaData().getConnection());
        if (watch != null) {
            watch.begin();
            Request.addCompletionListener(request, failure -> watch.end());
        }
        return super.handle(request, response, callback);
    }

    @Override
    protected void doStart() throws Exception {
        sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "courtyard-request-head-timeout");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(50, timeout.toMillis() / 4);
        sweeper.scheduleWithFixedDelay(this::sweepSafely, every, every, TimeUnit.MILLISECONDS);
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        sweeper.shutdownNow();
        watched.clear();
    }

    private void watch(Connection connection, Connection network) {
        Watch watch = new Watch(network);
        watched.put(connection, watch);
        connection.addEventListener(new Connection.Listener() {
            @Override
            public void onClosed(Connection closed) {
                watched.remove(closed);
            }
        });
    }

    private void sweepSafely() {
        try {
            long now = System.nanoTime();
            int closed = 0;
            for (Watch watch : watched.values()) {
                if (watch.expired(now, timeout.toNanos())) {
                    closed++;
                    LOG.debug("closing {}: no complete request head within {}", watch.network.getEndPoint(), timeout);
                    watch.network.getEndPoint().close();
                }
            }
            closedSinceLog += closed;
            if (closedSinceLog > 0 && now - lastLogNanos >= LOG_EVERY_NANOS) {
                LOG.warn("closed {} connection(s) that took longer than {} s to send a request head (slow or"
                        + " malicious clients)", closedSinceLog, timeout.toSeconds());
                closedSinceLog = 0;
                lastLogNanos = now;
            }
        } catch (RuntimeException e) {
            LOG.error("checking for slow request heads failed; trying again at the next check", e);
        }
    }

    /** One connection: busy with an exchange, or between exchanges with a byte count to compare. */
    private static final class Watch {
        private final Connection network;
        private int exchanges;
        private long bytesAtRest;
        private long headSince = Long.MIN_VALUE;

        Watch(Connection network) {
            this.network = network;
        }

        synchronized void begin() {
            exchanges++;
        }

        synchronized void end() {
            exchanges--;
            bytesAtRest = network.getBytesIn();
            headSince = Long.MIN_VALUE;
        }

        /** True if bytes arrived since the last exchange ended and no request head came of them in time. */
        synchronized boolean expired(long now, long timeoutNanos) {
            if (exchanges > 0) {
                return false;
            }
            if (network.getBytesIn() <= bytesAtRest) {
                return false;
            }
            if (headSince == Long.MIN_VALUE) {
                headSince = now;
                return false;
            }
            return now - headSince >= timeoutNanos;
        }
    }
}
