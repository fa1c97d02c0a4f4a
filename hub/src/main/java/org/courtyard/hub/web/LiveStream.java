package org.courtyard.hub.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.courtyard.hub.auth.Role;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.auth.Users;
import org.courtyard.hub.notify.LiveEvents;
import org.courtyard.protocol.ProtocolJson;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-sent events for the staff page. Features {@link #publish} their events after the change
 * committed (the help feature {@code help-created}, the kiosks {@code kiosk-seen}, ...; the list is
 * in docs/api.md); the stream adds a {@code : keep-alive} comment every keep-alive interval.
 * Cadres get their village's events only.
 *
 * <p>No thread per client: each client is an {@link IteratingCallback} that drains its own queue
 * with asynchronous writes, so a slow browser delays nobody else. A client whose write fails (it
 * went away) is removed and its Jetty callback failed; one that falls more than
 * {@value #MAX_QUEUED} messages behind is dropped. Events carry no ids and {@code Last-Event-ID}
 * is not honoured: a reconnecting page reloads its lists.
 *
 * <p>A stream lives no longer than the session that opened it: it ends (cleanly, as at shutdown)
 * when the session logs out or is revoked ({@link #sessionsEnded}) and when it expires (a timer at
 * the expiry, and a look at every keep-alive). The browser then reconnects, is refused with 401
 * and shows the login form. One session may hold {@value #MAX_STREAMS_PER_SESSION} streams (a
 * person's tabs); {@link #attach} refuses more.
 */
public final class LiveStream implements LiveEvents, Users.SessionListener, AutoCloseable {

    /** Streams one session may hold open at once: a person's browser tabs and phone, not a flood. */
    public static final int MAX_STREAMS_PER_SESSION = 8;

    private static final Logger LOG = LoggerFactory.getLogger(LiveStream.class);
    private static final int MAX_QUEUED = 1000;
    private static final String END = new String("end of stream");

    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService keepAlive;
    private final Clock clock;
    private volatile boolean closed;

    public LiveStream(Duration keepAliveEvery, Clock clock) {
        this.clock = clock;
        keepAlive = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "courtyard-stream-keep-alive");
            thread.setDaemon(true);
            return thread;
        });
        long millis = keepAliveEvery.toMillis();
        keepAlive.scheduleAtFixedRate(() -> {
            endExpired();
            clients.forEach(client -> client.send(": keep-alive\n\n"));
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts a stream of {@code session} on {@code response}; {@code callback} is completed when the
     * stream ends. Writes nothing and returns false if the session already holds
     * {@value #MAX_STREAMS_PER_SESSION} streams: the caller answers.
     */
    public boolean attach(Users.Session session, Response response, Callback callback) {
        StaffUser user = session.user();
        Client client = new Client(user.role() == Role.CADRE ? Optional.of(user.village()) : Optional.empty(),
                session.tokenHash(), session.expiresAt(), response, callback);
        synchronized (clients) {
            if (clients.stream().filter(open -> open.session.equals(session.tokenHash())).count()
                    >= MAX_STREAMS_PER_SESSION) {
                return false;
            }
            clients.add(client);
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("X-Accel-Buffering", "no");
        // The first write sends the headers, so the browser's EventSource opens at once.
        client.send("retry: 3000\n: connected\n\n");
        long untilExpiry = Duration.between(clock.instant(), session.expiresAt()).toMillis();
        try {
            client.expiry = keepAlive.schedule(() -> {
                if (!client.expiresAt.isAfter(clock.instant())) {
                    client.send(END);
                }
            }, Math.max(0, untilExpiry), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException shutDown) {
            client.send(END);
        }
        if (closed) {
            client.send(END);
        }
        return true;
    }

    /** Ends the streams of sessions that logged out or were revoked. */
    @Override
    public void sessionsEnded(Set<String> tokenHashes) {
        for (Client client : clients) {
            if (tokenHashes.contains(client.session)) {
                client.send(END);
            }
        }
    }

    /** Ends the streams whose session has expired by the hub's clock. */
    private void endExpired() {
        Instant now = clock.instant();
        for (Client client : clients) {
            if (!client.expiresAt.isAfter(now)) {
                client.send(END);
            }
        }
    }

    /** How many streams are open. */
    public int clients() {
        return clients.size();
    }

    /** Ends every stream cleanly and stops the keep-alive; safe twice. */
    @Override
    public void close() {
        closed = true;
        keepAlive.shutdownNow();
        for (Client client : Set.copyOf(clients)) {
            client.send(END);
        }
    }

    /**
     * Sends {@code event} with {@code data} (written as JSON) to every stream that may see
     * {@code village}: staff see all, a cadre only their village; an empty village goes to all.
     * Returns at once (each stream has its own queue).
     */
    @Override
    public void publish(String event, Optional<String> village, Object data) {
        // Written out only for a stream that gets it: every check-in of every kiosk is published,
        // mostly with no staff page of its village open (at 12,000 events/s this JSON was a tenth
        // of the sync threads' time).
        String message = null;
        for (Client client : clients) {
            if (village.isEmpty() || client.village.isEmpty() || client.village.equals(village)) {
                if (message == null) {
                    message = "event: " + event + "\ndata: " + ProtocolJson.write(data) + "\n\n";
                }
                client.send(message);
            }
        }
    }

    /**
     * Sends {@code event} to the streams of ADMIN and STAFF only, not to cadres: the township's own
     * matters, such as how its webhook receivers are doing.
     */
    public void publishToStaff(String event, Object data) {
        String message = null;
        for (Client client : clients) {
            if (client.village.isEmpty()) {
                if (message == null) {
                    message = "event: " + event + "\ndata: " + ProtocolJson.write(data) + "\n\n";
                }
                client.send(message);
            }
        }
    }

    private final class Client extends IteratingCallback {
        private final Optional<String> village;
        /** The SHA-256 of the session's token. */
        private final String session;
        private final Instant expiresAt;
        private final Response response;
        private final Callback callback;
        private final ArrayDeque<String> queue = new ArrayDeque<>();
        private boolean ended;
        private volatile ScheduledFuture<?> expiry;

        Client(Optional<String> village, String session, Instant expiresAt, Response response, Callback callback) {
            this.village = village;
            this.session = session;
            this.expiresAt = expiresAt;
            this.response = response;
            this.callback = callback;
        }

        private void forget() {
            clients.remove(this);
            ScheduledFuture<?> timer = expiry;
            if (timer != null) {
                timer.cancel(false);
            }
        }

        void send(String message) {
            synchronized (queue) {
                if (ended) {
                    return;
                }
                if (queue.size() >= MAX_QUEUED && message != END) {
                    LOG.warn("an event-stream client fell {} messages behind; dropping it", MAX_QUEUED);
                    abort(new IllegalStateException("event-stream client too slow"));
                    return;
                }
                queue.add(message);
            }
            iterate();
        }

        @Override
        protected Action process() {
            String next;
            synchronized (queue) {
                if (ended) {
                    return Action.SUCCEEDED;
                }
                next = queue.poll();
                if (next == null) {
                    return Action.IDLE;
                }
                if (next == END) {
                    ended = true;
                    queue.clear();
                }
            }
            if (next == END) {
                response.write(true, BufferUtil.EMPTY_BUFFER, this);
            } else {
                response.write(false, ByteBuffer.wrap(next.getBytes(StandardCharsets.UTF_8)), this);
            }
            return Action.SCHEDULED;
        }

        @Override
        protected void onCompleteSuccess() {
            forget();
            callback.succeeded();
        }

        @Override
        protected void onCompleteFailure(Throwable cause) {
            forget();
            synchronized (queue) {
                ended = true;
                queue.clear();
            }
            LOG.debug("event-stream client gone: {}", cause.toString());
            callback.failed(cause);
        }
    }
}
