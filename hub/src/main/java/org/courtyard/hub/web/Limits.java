package org.courtyard.hub.web;

import java.time.Duration;

/**
 * How much of the hub one client may hold, and for how long. Every request is bounded: its head by
 * {@link #MAX_REQUEST_HEADER_BYTES} (431 beyond) and {@link #headerTimeout} (the connection is
 * closed), a JSON body by {@link Exchange#MAX_BODY_BYTES} (413) and {@link #bodyTimeout} (408), a
 * silent connection by {@link #idleTimeout}. Kiosk syncs run on their own {@link #syncThreads}
 * threads with at most {@link #syncQueue} waiting (503 beyond), so a flood of syncs cannot take the
 * threads that serve the staff page.
 *
 * @param idleTimeout a connection that neither sends nor receives a byte for this long is closed;
 *     must exceed the longest long-poll, which is silent while it waits
 * @param headerTimeout a request head (request line and headers) must arrive within this long of
 *     its first byte, however steadily it trickles in (slowloris)
 * @param bodyTimeout a JSON request body must arrive within this long of the route asking for it
 * @param maxConnections open TCP connections at most; beyond it the hub stops accepting until one closes
 * @param maxConnectionsPerAddress open TCP connections from one client IP address at most; one more
 *     from that address is closed as soon as it is accepted, while other addresses are still served.
 *     0 for no such cap (behind a reverse proxy, where every connection comes from the proxy)
 * @param syncThreads threads that run {@code /api/v1/sync} requests
 * @param syncQueue sync requests that may wait for one of those threads
 */
public record Limits(Duration idleTimeout, Duration headerTimeout, Duration bodyTimeout, int maxConnections,
        int maxConnectionsPerAddress, int syncThreads, int syncQueue) {

    /** The largest request line plus headers Jetty accepts; larger ones get 431. */
    public static final int MAX_REQUEST_HEADER_BYTES = 8 * 1024;

    public Limits {
        positive(idleTimeout, "http.idle-timeout-seconds");
        positive(headerTimeout, "http.header-timeout-seconds");
        positive(bodyTimeout, "http.body-timeout-seconds");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("http.max-connections must be at least 1, was " + maxConnections);
        }
        if (maxConnectionsPerAddress < 0) {
            throw new IllegalArgumentException("http.max-connections-per-address must not be negative, was "
                    + maxConnectionsPerAddress);
        }
        if (syncThreads < 1) {
            throw new IllegalArgumentException("sync.threads must be at least 1, was " + syncThreads);
        }
        if (syncQueue < 0) {
            throw new IllegalArgumentException("sync.queue must not be negative, was " + syncQueue);
        }
    }

    /**
     * The shipped defaults: 60 s idle, 15 s for a request head, 30 s for a body, 20,000 connections
     * (a prefecture's 10,000 kiosks each hold a long-poll and now and then a second connection for
     * a push; the service unit's LimitNOFILE of 65,536 covers them, docs/operator-guide.md),
     * 200 of them from one address (a township office may put dozens of staff browsers, each with
     * several connections and an event stream, behind one address), 8 sync threads with 1000 waiting.
     */
    public static Limits defaults() {
        return new Limits(Duration.ofSeconds(60), Duration.ofSeconds(15), Duration.ofSeconds(30), 20_000, 200, 8, 1000);
    }

    public Limits withIdleTimeout(Duration value) {
        return new Limits(value, headerTimeout, bodyTimeout, maxConnections, maxConnectionsPerAddress, syncThreads,
                syncQueue);
    }

    public Limits withHeaderTimeout(Duration value) {
        return new Limits(idleTimeout, value, bodyTimeout, maxConnections, maxConnectionsPerAddress, syncThreads,
                syncQueue);
    }

    public Limits withBodyTimeout(Duration value) {
        return new Limits(idleTimeout, headerTimeout, value, maxConnections, maxConnectionsPerAddress, syncThreads,
                syncQueue);
    }

    public Limits withMaxConnections(int value) {
        return new Limits(idleTimeout, headerTimeout, bodyTimeout, value, maxConnectionsPerAddress, syncThreads,
                syncQueue);
    }

    public Limits withMaxConnectionsPerAddress(int value) {
        return new Limits(idleTimeout, headerTimeout, bodyTimeout, maxConnections, value, syncThreads, syncQueue);
    }

    public Limits withSyncThreads(int value) {
        return new Limits(idleTimeout, headerTimeout, bodyTimeout, maxConnections, maxConnectionsPerAddress, value,
                syncQueue);
    }

    public Limits withSyncQueue(int value) {
        return new Limits(idleTimeout, headerTimeout, bodyTimeout, maxConnections, maxConnectionsPerAddress,
                syncThreads, value);
    }

    private static void positive(Duration value, String name) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
