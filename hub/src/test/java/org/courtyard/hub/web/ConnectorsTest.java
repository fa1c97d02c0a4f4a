package org.courtyard.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/** The listening connector's settings that the hub's memory at scale depends on. */
class ConnectorsTest {

    @Test
    void held_connections_keep_no_header_cache_so_ten_thousand_long_polls_fit_the_heap() {
        Server server = new Server();
        RequestHeadTimeout heads = new RequestHeadTimeout(Duration.ofSeconds(15), new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                return false;
            }
        });

        ServerConnector connector = Connectors.create(server, "127.0.0.1", 0, Limits.defaults(), Optional.empty(),
                heads);

        HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
        assertThat(http.getHttpConfiguration().getHeaderCacheSize())
                .as("Jetty's per-connection header cache (~107 KB per held connection, Jetty #5562) is off")
                .isZero();
        assertThat(http.getHttpConfiguration().getRequestHeaderSize()).isEqualTo(Limits.MAX_REQUEST_HEADER_BYTES);
    }

    @Test
    void the_listen_backlog_holds_a_township_of_kiosks_reconnecting_at_once() {
        Server server = new Server();
        RequestHeadTimeout heads = new RequestHeadTimeout(Duration.ofSeconds(15), new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                return false;
            }
        });

        ServerConnector connector = Connectors.create(server, "127.0.0.1", 0, Limits.defaults(), Optional.empty(),
                heads);

        assertThat(connector.getAcceptQueueSize())
                .as("the JVM's default backlog of 50 drops the handshakes of a burst of reconnecting kiosks")
                .isEqualTo(4096);
    }
}
