package org.courtyard.hub.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.SelectableChannelEndPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most {@code max} open TCP connections from one client IP address; a connection beyond that
 * is closed as soon as it is opened, before a byte of it is read, while connections from other
 * addresses are accepted as usual. Jetty's own limits do not fit: {@code NetworkConnectionLimit}
 * counts all addresses together (and stops accepting for everyone), {@code DoSHandler} and
 * {@code ThreadLimitHandler} count requests, not connections.
 *
 * <p>Add it to a connector with {@code connector.addEventListener}. The connection factories then
 * tell it of every connection they open and close. Only connections on the network end point are
 * counted, so a TLS connection (a TLS connection and the HTTP connection inside it) counts once.
 * The address is the socket's: behind a reverse proxy every connection is the proxy's.
 */
public final class AddressConnectionLimit implements Connection.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(AddressConnectionLimit.class);

    private final int max;
    private final ConcurrentMap<InetAddress, Integer> open = new ConcurrentHashMap<>();
    /**
     * The address of each counted connection, noted when it opens: by the time a connection hears
     * it is closed its socket is closed too and no longer tells its remote address.
     */
    private final ConcurrentMap<Connection, InetAddress> counted = new ConcurrentHashMap<>();
    /** Addresses refused since they were last under the cap, so a flood logs one line, not thousands. */
    private final ConcurrentMap<InetAddress, Boolean> refusing = new ConcurrentHashMap<>();

    /** @param max connections per address, at least 1 */
    public AddressConnectionLimit(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("http.max-connections-per-address must be at least 1, was " + max);
        }
        this.max = max;
    }

    @Override
    public void onOpened(Connection connection) {
        InetAddress address = networkAddress(connection);
        if (address == null) {
            return;
        }
        counted.put(connection, address);
        int count = open.merge(address, 1, Integer::sum);
        if (count > max) {
            if (refusing.putIfAbsent(address, Boolean.TRUE) == null) {
                LOG.warn("{} has {} connections open, the most one address may have (http.max-connections-per-address);"
                        + " closing its further connections until some close", address.getHostAddress(), max);
            }
            // Closing calls onClosed, which takes this connection off the count again.
            connection.getEndPoint().close();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        InetAddress address = counted.remove(connection);
        if (address == null) {
            return;
        }
        Integer left = open.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
        if (left == null || left < max) {
            refusing.remove(address);
        }
    }

    /** The connection's client address if it is one this limit counts (on a network end point), else null. */
    private static InetAddress networkAddress(Connection connection) {
        if (!(connection.getEndPoint() instanceof SelectableChannelEndPoint endPoint)) {
            return null;
        }
        SocketAddress remote = endPoint.getRemoteSocketAddress();
        return remote instanceof InetSocketAddress socket ? socket.getAddress() : null;
    }
}
