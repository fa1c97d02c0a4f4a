package org.courtyard.kiosk.sync;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.courtyard.kiosk.core.LinkState;
import org.courtyard.kiosk.core.Outbox;
import org.courtyard.kiosk.core.SqlWork;
import org.courtyard.kiosk.net.HubUntrustedException;
import org.courtyard.kiosk.store.KioskStore;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.EventType;
import org.courtyard.protocol.Protocol;
import org.courtyard.protocol.Rejection;
import org.courtyard.protocol.SyncRequest;
import org.courtyard.protocol.SyncResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the kiosk and the hub in step, on two threads.
 *
 * <ul>
 *   <li>The <b>push</b> thread sends the outbox: at once when {@link #pushNow()} is called (a help
 *       request must not wait for a timer), otherwise every {@code interval}. After a failure it
 *       retries with exponential backoff up to {@code maxBackoff}, never sooner than the hub's
 *       {@code Retry-After} and spread at random ({@link Backoff}); a new {@code pushNow()} tries
 *       at once even while backing off. While the hub cannot be reached at all and events wait
 *       unsent in the outbox (a help request), it also <b>probes</b> it cheaply
 *       ({@code GET /healthz}, a few bytes) every {@code probeInterval} with a random jitter of up
 *       to a third of it, and sends at once when the hub answers, so the request reaches a hub that
 *       came back within seconds, not at the end of a minute's backoff; the jitter keeps a village's
 *       kiosks from all knocking in the same second. A hub that answered (busy with a
 *       {@code Retry-After}, or failing) is not probed: its backoff stands.</li>
 *   <li>The <b>listen</b> thread long-polls the hub with an empty batch while the link is up, so a
 *       staff member's acknowledgement reaches the elder within seconds.</li>
 * </ul>
 *
 * Answers from both are applied under one lock: the outbox loses what the hub accepted (with what
 * that means to the features that registered {@link AcceptedEvents}), each registered
 * {@link AnswerPart} takes its part, and only then is the cursor saved. The service knows the
 * outbox, push, long-poll, backoff, cursor and clock trust; it knows no feature.
 *
 * <p>It is also the kiosk's {@link Outbox}: features append to it and ask it to push.
 */
public final class SyncService implements Outbox, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyncService.class);
    private static final int BATCH = 100;
    private static final String CURSOR = "sync.cursor";
    private static final String SERVER_TIME = "sync.server-time";
    private static final String CLOCK_AGREED = "sync.clock-agreed";

    /** Timing of the sync threads; {@link #defaults()} are the documented defaults. */
    public record Settings(Duration interval, int longPollSeconds, Duration minBackoff, Duration maxBackoff,
            Duration heartbeatInterval, Duration probeInterval) {

        public Settings {
            if (probeInterval.isNegative() || probeInterval.isZero()) {
                throw new IllegalArgumentException("the probe interval must be positive");
            }
        }

        /** With the default probe every 3 s. */
        public Settings(Duration interval, int longPollSeconds, Duration minBackoff, Duration maxBackoff,
                Duration heartbeatInterval) {
            this(interval, longPollSeconds, minBackoff, maxBackoff, heartbeatInterval, Duration.ofSeconds(3));
        }

        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(30), 25, Duration.ofSeconds(1), Duration.ofSeconds(60),
                    Duration.ofMinutes(1), Duration.ofSeconds(3));
        }
    }

    private final KioskStore store;
    private final HubClient client;
    private final String kioskId;
    private final Clock clock;
    private final ClockTrust clockTrust;
    private final SyncListener listener;
    private final Settings settings;
    private final Backoff backoff;
    private final Supplier<Event> heartbeat;
    private final List<AnswerPart> parts = new CopyOnWriteArrayList<>();
    private final Map<EventType, List<AcceptedEvents>> acceptedHandlers = new ConcurrentHashMap<>();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition pushSignal = lock.newCondition();
    private final Condition linkSignal = lock.newCondition();
    private final Object applyLock = new Object();
    private boolean pushRequested;
    private boolean running;
    private boolean closed;
    private LinkState link = LinkState.CONNECTING;
    private Instant lastHeartbeat = Instant.MIN;
    private Thread pushThread;
    private Thread listenThread;

    public SyncService(KioskStore store, HubClient client, String kioskId, Clock clock, SyncListener listener,
            Settings settings, Supplier<Event> heartbeat) {
        this.store = store;
        this.client = client;
        this.kioskId = kioskId;
        this.clock = clock;
        this.listener = listener;
        this.settings = settings;
        this.backoff = new Backoff(settings.minBackoff(), settings.maxBackoff(), RandomGenerator.getDefault());
        this.heartbeat = heartbeat;
        this.clockTrust = new ClockTrust(clock,
                store.setting(SERVER_TIME).map(Instant::parse).orElse(null),
                store.setting(CLOCK_AGREED).map(Boolean::parseBoolean).orElse(false));
    }

    /** Whether events made now should say the clock is trustworthy. */
    public ClockTrust clockTrust() {
        return clockTrust;
    }

    /** Hands every sync answer to {@code part}, before the cursor is saved. Register before {@link #start}. */
    public void addAnswerPart(AnswerPart part) {
        parts.add(part);
    }

    /** Tells {@code handler} when the hub accepted events of {@code type}. Register before {@link #start}. */
    public void onAccepted(EventType type, AcceptedEvents handler) {
        acceptedHandlers.computeIfAbsent(type, t -> new CopyOnWriteArrayList<>()).add(handler);
    }

    @Override
    public void append(Event event) {
        store.append(event);
    }

    @Override
    public void append(Event event, SqlWork<?> alongside) {
        store.append(event, alongside);
    }

    @Override
    public boolean clockTrusted() {
        return clockTrust.trusted();
    }

    /** Starts both threads; the first push happens at once. */
    public void start() {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the sync service has been closed");
            }
            if (running) {
                return;
            }
            running = true;
            pushRequested = true;
        } finally {
            lock.unlock();
        }
        pushThread = new Thread(this::pushLoop, "sync-push");
        pushThread.setDaemon(true);
        pushThread.start();
        listenThread = new Thread(this::listenLoop, "sync-listen");
        listenThread.setDaemon(true);
        listenThread.start();
    }

    /** Asks the push thread to send the outbox now, cutting short any wait or backoff. */
    @Override
    public void pushNow() {
        lock.lock();
        try {
            pushRequested = true;
            pushSignal.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public LinkState link() {
        lock.lock();
        try {
            return link;
        } finally {
            lock.unlock();
        }
    }

    private void pushLoop() {
        int failures = 0;
        boolean unreachable = false;
        Duration wait = Duration.ZERO;
        while (unreachable ? awaitPushOrHub(wait) : awaitPush(wait)) {
            unreachable = false;
            try {
                pushOutbox();
                failures = 0;
                wait = settings.interval();
                setLink(LinkState.ONLINE, "");
            } catch (HubClient.HubRefusedException e) {
                LOG.error("The hub refuses this kiosk: {}", e.getMessage());
                setLink(LinkState.REFUSED, e.getMessage());
                wait = settings.maxBackoff();
            } catch (HubUntrustedException e) {
                LOG.error("Not talking to the hub: {}", e.getMessage());
                setLink(LinkState.UNTRUSTED, e.getMessage());
                wait = settings.maxBackoff();
            } catch (IOException e) {
                failures++;
                wait = backoff.after(failures, e instanceof HubClient.HubBusyException busy ? busy.retryAfter()
                        : Optional.empty());
                unreachable = !(e instanceof HubClient.HubFailedException) && store.outboxSize() > 0;
                LOG.info("Sync failed ({}); retrying in {} ms{}", e.getMessage(), wait.toMillis(),
                        unreachable ? ", or as soon as the hub answers" : "");
                setLink(LinkState.OFFLINE, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failures++;
                wait = backoff.after(failures, Optional.empty());
                LOG.error("Sync failed unexpectedly; retrying in {} s", wait.toSeconds(), e);
                setLink(LinkState.OFFLINE, String.valueOf(e.getMessage()));
            }
        }
    }

    /**
     * The backoff's wait while the hub cannot be reached: up to {@code wait}, but cut short by a
     * push requested or by the hub answering a probe, tried every {@code probeInterval} with jitter.
     * False once closed.
     */
    private boolean awaitPushOrHub(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            long probe = settings.probeInterval().toNanos();
            long slice = Math.min(left, probe - ThreadLocalRandom.current().nextLong(probe / 3 + 1));
            if (!awaitPush(Duration.ofNanos(Math.max(0, slice)), false)) {
                return false;
            }
            if (pushRequested() || slice >= left) {
                return awaitPush(Duration.ZERO);
            }
            try {
                if (client.reachable()) {
                    LOG.info("The hub answers again; sending the outbox now");
                    return awaitPush(Duration.ZERO);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private boolean pushRequested() {
        lock.lock();
        try {
            return pushRequested;
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code wait} or until a push is requested, and takes the request; false once closed. */
    private boolean awaitPush(Duration wait) {
        return awaitPush(wait, true);
    }

    /**
     * Waits up to {@code wait} or until a push is requested; {@code take}: the request is consumed.
     * False once closed.
     */
    private boolean awaitPush(Duration wait, boolean take) {
        lock.lock();
        try {
            long nanos = wait.toNanos();
            while (running && !pushRequested && nanos > 0) {
                nanos = pushSignal.awaitNanos(nanos);
            }
            if (take) {
                pushRequested = false;
            }
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    private void pushOutbox() throws IOException, InterruptedException {
        boolean sentSomething = false;
        while (true) {
            List<Event> events = new ArrayList<>(store.pending(BATCH));
            Instant now = clock.instant();
            if (heartbeat != null && !now.isBefore(lastHeartbeat.plus(settings.heartbeatInterval()))) {
                events.add(heartbeat.get());
            }
            if (events.isEmpty() && sentSomething) {
                return;
            }
            SyncResponse response = client.sync(request(events), 0);
            if (events.stream().anyMatch(event -> event.type() == EventType.HEARTBEAT)) {
                lastHeartbeat = now;
            }
            apply(response);
            sentSomething = true;
            if (events.size() < BATCH) {
                return;
            }
        }
    }

    private void listenLoop() {
        while (awaitOnline()) {
            Instant started = clock.instant();
            try {
                boolean news = apply(client.sync(request(List.of()), settings.longPollSeconds()));
                if (!news && Duration.between(started, clock.instant()).compareTo(Duration.ofSeconds(1)) < 0) {
                    // The hub answered at once with nothing new (an older hub without long-poll):
                    // do not spin; wait a second or until closed.
                    pause(Duration.ofSeconds(1));
                }
            } catch (HubClient.HubRefusedException e) {
                setLink(LinkState.REFUSED, e.getMessage());
            } catch (HubUntrustedException e) {
                setLink(LinkState.UNTRUSTED, e.getMessage());
            } catch (IOException e) {
                LOG.info("Listening to the hub failed: {}", e.getMessage());
                setLink(LinkState.OFFLINE, e.getMessage());
                pushNow();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("Listening to the hub failed unexpectedly", e);
                setLink(LinkState.OFFLINE, String.valueOf(e.getMessage()));
                pushNow();
            }
        }
    }

    private boolean awaitOnline() {
        lock.lock();
        try {
            while (running && link != LinkState.ONLINE) {
                linkSignal.await();
            }
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    private void pause(Duration duration) throws InterruptedException {
        lock.lock();
        try {
            long nanos = duration.toNanos();
            while (running && nanos > 0) {
                nanos = linkSignal.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }

    private SyncRequest request(List<Event> events) {
        return new SyncRequest(Protocol.VERSION, kioskId, store.setting(CURSOR).orElse(null), events);
    }

    /** Applies an answer; true if it brought anything new (accepted events, or news for a part). */
    private boolean apply(SyncResponse response) {
        List<Runnable> after = new ArrayList<>();
        synchronized (applyLock) {
            after.addAll(store.markAccepted(response.accepted(), this::accepted));
            for (Rejection rejection : response.rejected()) {
                LOG.warn("The hub rejected event {} ({}): {}; dropping it", rejection.id(), rejection.code(),
                        rejection.message());
                store.dropRejected(rejection.id());
            }
            // Every part before the cursor that covers it: a kiosk that dies in between is sent it again.
            for (AnswerPart part : parts) {
                Runnable then = part.take(response);
                if (then != null) {
                    after.add(then);
                }
            }
            store.putSetting(CURSOR, response.cursor());
            clockTrust.observe(response.serverTime());
            store.putSetting(SERVER_TIME, response.serverTime().toString());
            store.putSetting(CLOCK_AGREED, Boolean.toString(clockTrust.agreed()));
        }
        setLink(LinkState.ONLINE, "");
        after.forEach(Runnable::run);
        return !after.isEmpty();
    }

    /** In the outbox's transaction: the registered features record what the hub accepted. */
    private List<Runnable> accepted(Connection connection, Map<EventType, List<UUID>> removed) throws SQLException {
        List<Runnable> after = new ArrayList<>();
        for (Map.Entry<EventType, List<UUID>> entry : removed.entrySet()) {
            for (AcceptedEvents handler : acceptedHandlers.getOrDefault(entry.getKey(), List.of())) {
                Runnable then = handler.accepted(connection, List.copyOf(entry.getValue()));
                if (then != null) {
                    after.add(then);
                }
            }
        }
        return after;
    }

    private void setLink(LinkState state, String detail) {
        boolean changed;
        lock.lock();
        try {
            changed = link != state;
            link = state;
            linkSignal.signalAll();
        } finally {
            lock.unlock();
        }
        if (changed) {
            listener.linkChanged(state, detail);
        }
    }

    /** Stops both threads and waits briefly for them; closing twice is safe. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            running = false;
            pushSignal.signalAll();
            linkSignal.signalAll();
        } finally {
            lock.unlock();
        }
        for (Thread thread : new Thread[] {pushThread, listenThread}) {
            if (thread != null) {
                thread.interrupt();
                try {
                    thread.join(TimeUnit.SECONDS.toMillis(5));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
