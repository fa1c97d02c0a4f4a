package org.courtyard.hub.web;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * For a hub behind a reverse proxy ({@code http.trust-proxy=true}): the client's address is the
 * last address in {@code X-Forwarded-For}, the one the proxy itself added, so every handler below
 * ({@link Request#getRemoteAddr}, {@link Exchange#clientAddress()}, login throttling, the audit
 * log) sees the browser's address instead of the proxy's.
 *
 * <p>The surprise: only the <em>last</em> entry is believed. Earlier entries come from the client
 * and can be anything; a proxy that appends ({@code proxy_add_x_forwarded_for}) and one that
 * replaces ({@code $remote_addr}) both put the real address last. A value that is not an IP
 * address is ignored and the socket's address kept. Without a proxy, leave this off: anyone
 * could then choose the address the hub logs and throttles.
 */
public final class TrustedProxy extends Handler.Wrapper {

    /** Digits, hex letters, dots and colons: an IPv4 or IPv6 literal, never a host name to resolve. */
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    public TrustedProxy(Handler next) {
        super(next);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        List<String> values = request.getHeaders().getValuesList("X-Forwarded-For");
        if (values.isEmpty()) {
            return super.handle(request, response, callback);
        }
        String last = values.get(values.size() - 1);
        int comma = last.lastIndexOf(',');
        String address = (comma < 0 ? last : last.substring(comma + 1)).trim();
        if (!IP_LITERAL.matcher(address).matches()) {
            return super.handle(request, response, callback);
        }
        return super.handle(new Forwarded(request, address), response, callback);
    }

    private static final class Forwarded extends Request.Wrapper {
        private final ConnectionMetaData metaData;

        Forwarded(Request request, String address) {
            super(request);
            InetSocketAddress remote = InetSocketAddress.createUnresolved(address, 0);
            this.metaData = new ConnectionMetaData.Wrapper(request.getConnectionMetaData()) {
                @Override
                public SocketAddress getRemoteSocketAddress() {
                    return remote;
                }
            };
        }

        @Override
        public ConnectionMetaData getConnectionMetaData() {
            return metaData;
        }
    }
}
