package org.courtyard.kiosk.sync;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import org.courtyard.protocol.ErrorBody;
import org.courtyard.protocol.ProtocolException;
import org.courtyard.protocol.ProtocolJson;
import org.courtyard.protocol.SyncRequest;
import org.courtyard.protocol.SyncResponse;

/** The kiosk's side of {@code POST /api/v1/sync}, over java.net.http with the kiosk's bearer token. */
public final class HubClient {

    private final URI syncUri;
    private final String token;
    private final HttpClient http;
    private final Duration timeout;

    /** A client that trusts the system's CAs and talks plain HTTP only to loopback. */
    public HubClient(URI hub, String token, Duration timeout) {
        this(hub, token, timeout, HubTls.defaults());
    }

    /**
     * A client that trusts the hub as {@code tls} says.
     *
     * @throws IllegalArgumentException if {@code hub} is plain HTTP that {@code tls} does not allow
     */
    public HubClient(URI hub, String token, Duration timeout, HubTls tls) {
        Objects.requireNonNull(hub, "hub");
        tls.checkHub(hub, "hub");
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("kiosk token must not be blank");
        }
        String base = hub.toString().endsWith("/") ? hub.toString() : hub + "/";
        this.syncUri = URI.create(base + "api/v1/sync");
        this.token = token;
        this.timeout = timeout;
        this.http = tls.newHttpClient(timeout, hub);
    }

    /**
     * Sends one sync. With {@code waitSeconds > 0} and nothing to send, the hub may hold the answer
     * until there is news for this kiosk (long-poll).
     *
     * @throws IOException when the hub cannot be reached or answers with a server error: retry later
     * @throws HubUntrustedException when the hub's TLS certificate fails this kiosk's checks
     * @throws HubRefusedException when the hub refuses the request itself (4xx): retrying the same
     *     request will not help
     */
    public SyncResponse sync(SyncRequest request, int waitSeconds) throws IOException, InterruptedException {
        URI uri = waitSeconds > 0 ? URI.create(syncUri + "?wait=" + waitSeconds) : syncUri;
        HttpRequest httpRequest = HttpRequest.newBuilder(uri)
                .timeout(timeout.plusSeconds(Math.max(0, waitSeconds)))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(ProtocolJson.writeBytes(request)))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(httpRequest, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw HubTls.explain(e);
        }
        int status = response.statusCode();
        if (status == 200) {
            try {
                return ProtocolJson.read(response.body(), SyncResponse.class);
            } catch (ProtocolException e) {
                throw new IOException("the hub's sync answer is not valid: " + e.getMessage(), e);
            }
        }
        String message = errorMessage(response.body());
        if (status >= 500 || status == 429 || status == 408) {
            throw new IOException("hub answered " + status + ": " + message);
        }
        throw new HubRefusedException(status, message);
    }

    private static String errorMessage(byte[] body) {
        try {
            return ProtocolJson.read(body, ErrorBody.class).error().message();
        } catch (ProtocolException e) {
            return body.length == 0 ? "(empty body)" : "(no error body)";
        }
    }

    /** The hub refused a sync (bad token, wrong kiosk id, malformed request). */
    public static final class HubRefusedException extends IOException {

        private static final long serialVersionUID = 1L;

        private final int status;

        public HubRefusedException(int status, String message) {
            super("hub refused the sync with " + status + ": " + message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
