package org.courtyard.hub.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SelectableChannelEndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Request;
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
 *
 * <p>What the cap is for is connections nobody vouches for: idle, slow, half-sent. A connection that
 * carries the live event stream of a logged-in user is taken off the count ({@link #release}, see
 * {@link Exchange#releaseFromAddressLimit()}), so a township office behind one router is not shut
 * out by its own staff's open pages; those streams are bounded per session instead, and by
 * {@code http.max-connections} in all.
 */
public final class AddressConnectionLimit implements Connection.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(AddressConnectionLimit.class);

    private final int max;
    private final ConcurrentMap<InetAddress, Integer> open = new ConcurrentHashMap<>();
    /**
     * The address of each counted connection, by its network end point, noted when it opens: by the
     * time a connection hears it is closed its socket is closed too and no longer tells its remote
     * address.
     */
    private final ConcurrentMap<EndPoint, InetAddress> counted = new ConcurrentHashMap<>();
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
        counted.put(connection.getEndPoint(), address);
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
        uncount(counted.remove(connection.getEndPoint()));
    }

    /**
     * Stops counting the connection {@code request} came on; it still counts against
     * {@code http.max-connections}. Safe to call twice.
     */
    public void release(Request request) {
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        if (endPoint instanceof SslConnection.SslEndPoint decrypted) {
            endPoint = decrypted.getSslConnection().getEndPoint();
        }
        uncount(counted.remove(endPoint));
    }

    /** How many counted connections {@code address} has open now. */
    public int open(InetAddress address) {
        return open.getOrDefault(address, 0);
    }

    private void uncount(InetAddress address) {
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
