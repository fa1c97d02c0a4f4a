package org.courtyard.kiosk.sync;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.courtyard.kiosk.net.HubConnection;
import org.courtyard.protocol.ErrorBody;
import org.courtyard.protocol.ProtocolException;
import org.courtyard.protocol.ProtocolJson;
import org.courtyard.protocol.SyncRequest;
import org.courtyard.protocol.SyncResponse;

/** The kiosk's side of {@code POST /api/v1/sync}, over the kiosk's {@link HubConnection}. */
public final class HubClient {

    /** How long a probe of a hub that seems down may take. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final HubConnection hub;
    private final Duration timeout;

    /** @param timeout how long a sync may take, beyond the long-poll's wait */
    public HubClient(HubConnection hub, Duration timeout) {
        this.hub = hub;
        this.timeout = timeout;
    }

    /**
     * Sends one sync. With {@code waitSeconds > 0} and nothing to send, the hub may hold the answer
     * until there is news for this kiosk (long-poll).
     *
     * @throws IOException when the hub cannot be reached or answers with a server error: retry later
     * @throws org.courtyard.kiosk.net.HubUntrustedException when the hub's TLS certificate fails this kiosk's checks
     * @throws HubRefusedException when the hub refuses the request itself (4xx): retrying the same
     *     request will not help
     */
    public SyncResponse sync(SyncRequest request, int waitSeconds) throws IOException, InterruptedException {
        HttpRequest httpRequest = hub.request(waitSeconds > 0 ? "api/v1/sync?wait=" + waitSeconds : "api/v1/sync",
                        timeout.plusSeconds(Math.max(0, waitSeconds)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(ProtocolJson.writeBytes(request)))
                .build();
        HttpResponse<byte[]> response = hub.send(httpRequest, HttpResponse.BodyHandlers.ofByteArray());
        int status = response.statusCode();
        if (status == 200) {
            try {
                return ProtocolJson.read(response.body(), SyncResponse.class);
            } catch (ProtocolException e) {
                throw new HubFailedException("the hub's sync answer is not valid: " + e.getMessage(), e);
            }
        }
        String message = errorMessage(response.body());
        if (status == 503 || status == 429) {
            throw new HubBusyException(status, message, retryAfter(response));
        }
        if (status >= 500 || status == 408) {
            throw new HubFailedException("hub answered " + status + ": " + message);
        }
        throw new HubRefusedException(status, message);
    }

    /**
     * Whether the hub answers at all: {@code GET /healthz} (a few bytes), any HTTP status
     * within {@link #PROBE_TIMEOUT}. Never throws; an untrusted certificate is "not reachable" (the
     * sync that follows says why).
     */
    public boolean reachable() throws InterruptedException {
        try {
            HttpRequest probe = hub.request("healthz", PROBE_TIMEOUT).GET().build();
            hub.send(probe, HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The hub's {@code Retry-After} in seconds, if it gave one (a date is not used by the hub). */
    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                long seconds = Long.parseLong(value.trim());
                return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private static String errorMessage(byte[] body) {
        try {
            return ProtocolJson.read(body, ErrorBody.class).error().message();
        } catch (ProtocolException e) {
            return body.length == 0 ? "(empty body)" : "(no error body)";
        }
    }

    /**
     * The hub answered, but could not serve the sync now (a server error, an answer that is not
     * valid): retry after the backoff; probing whether it answers would not help.
     */
    public static class HubFailedException extends IOException {

        private static final long serialVersionUID = 1L;

        public HubFailedException(String message) {
            super(message);
        }

        public HubFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The hub cannot take the sync now (busy 503, too many requests 429): try again, but not
     * before {@link #retryAfter()} when it named one. (A full disk, 507, is retried on the kiosk's
     * own backoff: space may be freed at any moment.) Thousands of kiosks told the same
     * {@code Retry-After} spread their return with {@link Backoff}'s jitter.
     */
    public static final class HubBusyException extends HubFailedException {

        private static final long serialVersionUID = 1L;

        private final transient Optional<Duration> retryAfter;

        public HubBusyException(int status, String message, Optional<Duration> retryAfter) {
            super("hub answered " + status + ": " + message);
            this.retryAfter = retryAfter;
        }

        public Optional<Duration> retryAfter() {
            return retryAfter;
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
