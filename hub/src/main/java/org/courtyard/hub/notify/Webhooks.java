package org.courtyard.hub.notify;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.courtyard.hub.audit.AuditTrail;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.core.HealthReason;
import org.courtyard.hub.core.Refusal;
import org.courtyard.hub.notify.internal.Budget;
import org.courtyard.hub.notify.internal.Digest;
import org.courtyard.hub.notify.internal.Outbox;
import org.courtyard.hub.notify.internal.Outcome;
import org.courtyard.hub.notify.internal.ReceiverState;
import org.courtyard.hub.notify.internal.Robot;
import org.courtyard.hub.notify.internal.StoredNotice;
import org.courtyard.hub.store.Database;
import org.courtyard.protocol.ProtocolJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outgoing webhooks, to plain JSON receivers and to WeCom and DingTalk group robots: features
 * {@link #queue} their messages (new, overdue and resolved help requests, missed check-ins, silent
 * kiosks; {@link WebhookEvent} lists them), each as a JSON document and as a {@link Notice} for the
 * robots.
 *
 * <p>A message is put into the {@code webhook_outbox} table inside the transaction that makes the
 * change, so it is never lost and never sent for a change that rolled back.
 * One background thread delivers due messages: right after a change commits, and every poll
 * interval; {@link #deliverDue} does the same on the caller's thread.
 *
 * <p>A JSON receiver gets every message as soon as it is due; a failure or non-2xx answer is
 * retried after {@code retryBase} doubled per attempt (at most an hour) until {@code maxAttempts},
 * then the message is given up and logged.
 *
 * <p>A group robot is told as it really behaves: a message is delivered only when the answer's
 * {@code errcode} is 0. At most {@code perMinute} messages go to it in any minute, help first and
 * each alone; when the budget runs short the rest are folded into one digest ({@link Budget}). A
 * rate-limit answer pauses the robot for its window and the message waits, uncharged; an answer
 * that refuses the key or signature makes the receiver BROKEN: shown on the staff page and in
 * {@code /healthz}, its messages held until the test message gets through or a new key is
 * configured; an unreachable robot is tried again after {@code retryBase} doubled per failure, at
 * most {@link #ROBOT_RETRY_MAX}, its messages waiting; a message the robot refuses on its own is
 * retried like a JSON receiver's. Texts are cut to the robot's byte limit and carry the link to
 * their item on the staff page when {@code hub.public-url} is set.
 */
public final class Webhooks implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** An answer is read up to this many bytes; robots answer a line of JSON. */
    private static final int MAX_ANSWER_BYTES = 64 * 1024;
    private static final int JSON_BATCH = 50;
    /** A robot is looked at for this many due messages at a time; more are folded next time. */
    private static final int ROBOT_BATCH = 1000;
    /** A receiver failing this many times in a row makes the hub degraded. */
    private static final int DEGRADED_AFTER_FAILURES = 3;

    /** Priorities: new or overdue help, the test message, other help, what may be folded. */
    private static final int URGENT = 0;
    private static final int TEST = 1;
    private static final int HELP = 2;

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    /** How often, at most, due messages are looked for when nothing woke the sender. */
    public static final Duration POLL_EVERY = Duration.ofSeconds(1);
    /** The longest wait before an unreachable robot is tried again. */
    public static final Duration ROBOT_RETRY_MAX = Duration.ofMinutes(5);

    /** What sending one message came to, for the loop over a receiver's messages. */
    private enum Next { DELIVERED, CONTINUE, STOP }

    private final Database database;
    private final Clock clock;
    private final List<WebhookTarget> targets;
    private final Map<String, WebhookTarget> byId = new LinkedHashMap<>();
    /** Filled by {@link #open}, read-only after: the states themselves are thread-safe. */
    private final Map<String, ReceiverState> states = new ConcurrentHashMap<>();
    /** The view last published of each receiver; its lock orders the publications. */
    private final Map<String, ReceiverView> published = new HashMap<>();
    private final List<Consumer<ReceiverView>> receiverListeners = new CopyOnWriteArrayList<>();
    private final int maxAttempts;
    private final Duration retryBase;
    private final ZoneId zone;
    private final Optional<String> pageAddress;
    private final HttpClient http;
    private final ScheduledExecutorService sender;
    private volatile boolean closed;
    private boolean opened;

    /**
     * Builds the sender; it reads and writes nothing until {@link #open}.
     *
     * @param zone the township's time zone, for the time in the test message
     * @param publicUrl the staff page's address as people outside reach it ({@code hub.public-url}),
     *     for the links in robots' messages; empty for none
     */
    public Webhooks(Database database, Clock clock, ZoneId zone, List<WebhookTarget> targets, int maxAttempts,
            Duration retryBase, Optional<URI> publicUrl) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("webhook max attempts must be at least 1, was " + maxAttempts);
        }
        this.database = database;
        this.clock = clock;
        this.targets = List.copyOf(targets);
        for (WebhookTarget target : this.targets) {
            if (byId.put(target.id(), target) != null) {
                throw new IllegalArgumentException("two webhooks have the id " + target.id());
            }
        }
        this.maxAttempts = maxAttempts;
        this.retryBase = retryBase;
        this.zone = zone;
        this.pageAddress = publicUrl.map(url -> url.toString().endsWith("/") ? url.toString() : url + "/");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.sender = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "courtyard-webhooks");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Loads each receiver's state, and gives up the messages queued for receivers no longer
     * configured; once the outbox's tables exist (the notify feature's install), before anything
     * is queued or sent.
     *
     * @throws IllegalStateException if opened twice
     */
    public synchronized void open() {
        if (opened) {
            throw new IllegalStateException("the webhooks are already open");
        }
        opened = true;
        int orphans = database.write(connection -> {
            for (WebhookTarget target : targets) {
                states.put(target.id(), ReceiverState.load(connection, target.id(), target.fingerprint()));
            }
            return Outbox.adopt(connection, targets.stream().map(target -> new Outbox.Receiver(target.id(),
                    target.url().toString(), target.redactedUrl())).toList(), clock.instant());
        });
        if (orphans > 0) {
            LOG.warn("gave up {} queued webhook message(s) whose receiver is no longer configured", orphans);
        }
    }

    /**
     * Starts the background sender (which also sends what an earlier run left in the queue).
     *
     * @throws IllegalStateException before {@link #open}
     */
    public synchronized void start() {
        if (!opened) {
            throw new IllegalStateException("open the webhooks before starting them");
        }
        sender.scheduleWithFixedDelay(this::deliverDueSafely, 0, POLL_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Told of a receiver's new state (after a delivery pass changed it); on the sender's thread. */
    public void addReceiverListener(Consumer<ReceiverView> listener) {
        receiverListeners.add(listener);
    }

    /**
     * Queues {@code message} about {@code event} for every receiver that asked for it, inside the
     * caller's write transaction, so it is sent if and only if that transaction commits; call
     * {@link #wake()} after the commit.
     *
     * @return how many receivers it was queued for
     */
    public int queue(Connection connection, WebhookEvent event, WebhookMessage message) throws SQLException {
        Instant now = clock.instant();
        int priority = event.urgent() ? URGENT
                : event.foldable() && message.notice().foldLine() != null ? Budget.FOLDABLE : HELP;
        int queued = 0;
        for (WebhookTarget target : targets) {
            if (target.events().contains(event)) {
                insert(connection, target, event.wireName(), message, priority, now);
                queued++;
            }
        }
        return queued;
    }

    /**
     * Queues the staff page's test message for receiver {@code id}, ahead of everything but help,
     * and tried even while the receiver is BROKEN (so a fixed robot shows it works). Audited as
     * {@code webhook.test}; 404 for an id that is not configured.
     *
     * @return the receiver as it is now
     */
    public ReceiverView test(StaffUser user, String id, AuditTrail trail) {
        WebhookTarget target = target(id);
        Instant now = clock.instant();
        String by = user.shownName();
        database.write(connection -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("event", Outbox.TEST);
            json.put("by", by);
            json.put("at", now);
            insert(connection, target, Outbox.TEST, new WebhookMessage(ProtocolJson.write(json),
                    Notice.alone("【测试】馨安小院通知测试：" + by + " " + CLOCK.format(now.atZone(zone))
                            + " 从乡镇工作台发送。收到这条消息，说明求助和提醒能送到这个群。", List.of(), "notify")),
                    TEST, now);
            trail.record(connection, "webhook.test", target.id(), "host=" + target.host());
            return null;
        });
        // Published before the sender is woken, so the staff page's stream has the queued test
        // message before the attempt's outcome, whichever of the stream and this answer comes first.
        ReceiverView queued = publishIfChanged(target);
        wake();
        return queued;
    }

    /** Every receiver with its state, in configuration order. */
    public List<ReceiverView> receivers() {
        return database.read(connection -> {
            List<ReceiverView> views = new ArrayList<>();
            for (WebhookTarget target : targets) {
                views.add(view(connection, target));
            }
            return views;
        });
    }

    /** {@code /healthz} reason: a receiver refuses its key or signature; its messages are held. */
    public static final String RECEIVER_BROKEN = "webhook_broken";
    /** {@code /healthz} reason: a receiver failed {@value #DEGRADED_AFTER_FAILURES} times in a row. */
    public static final String RECEIVER_FAILING = "webhook_failing";

    /**
     * Why notifications may not reach people, for {@code /healthz}: receivers that refuse their
     * key or signature ({@value #RECEIVER_BROKEN}), and receivers that failed
     * {@value #DEGRADED_AFTER_FAILURES} times in a row ({@value #RECEIVER_FAILING}). Names the
     * receiver, never its key or secret.
     */
    public List<HealthReason> problems() {
        Instant now = clock.instant();
        List<HealthReason> problems = new ArrayList<>();
        for (WebhookTarget target : targets) {
            ReceiverState.Snapshot state = states.get(target.id()).snapshot(now);
            String who = "webhook " + target.id() + (target.name() == null ? "" : " \"" + target.name() + "\"")
                    + " (" + target.format().configName() + ", " + target.host() + ")";
            if (state.condition() == ReceiverState.Condition.BROKEN) {
                problems.add(new HealthReason(RECEIVER_BROKEN, who + " refuses the configuration since "
                        + state.since() + " (" + state.problem() + ": " + state.lastError() + "); its messages are held"));
            } else if (state.failures() >= DEGRADED_AFTER_FAILURES) {
                problems.add(new HealthReason(RECEIVER_FAILING, who + " failed " + state.failures()
                        + " times in a row since " + state.since() + " (" + state.lastError() + ")"));
            }
        }
        return problems;
    }

    /** Asks the background sender to look for due messages now (after a commit that queued some). */
    public void wake() {
        if (!targets.isEmpty() && !closed) {
            try {
                sender.execute(this::deliverDueSafely);
            } catch (RejectedExecutionException e) {
                LOG.debug("webhook sender stopped; the message stays queued", e);
            }
        }
    }

    /**
     * Sends every message that is due now, on the calling thread; serialised with the background
     * sender, so no message goes out twice at once.
     *
     * @return how many messages were delivered (a digest counts once)
     */
    public synchronized int deliverDue() {
        if (!opened) {
            return 0;
        }
        int delivered = 0;
        for (WebhookTarget target : targets) {
            if (closed || Thread.currentThread().isInterrupted()) {
                break;
            }
            delivered += target.format().isRobot() ? deliverToRobot(target) : deliverToJson(target);
            publishIfChanged(target);
        }
        return delivered;
    }

    @Override
    public void close() {
        closed = true;
        sender.shutdownNow();
        try {
            if (!sender.awaitTermination(REQUEST_TIMEOUT.toSeconds() + 1, TimeUnit.SECONDS)) {
                LOG.warn("webhook sender did not stop in time; undelivered messages stay queued");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliverDueSafely() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.error("delivering webhooks failed; will try again", e);
            }
        }
    }

    private int deliverToJson(WebhookTarget target) {
        List<Outbox.Row> due = database.read(connection -> Outbox.due(connection, target.id(), clock.instant(), null,
                JSON_BATCH));
        int delivered = 0;
        for (Outbox.Row row : due) {
            if (closed || Thread.currentThread().isInterrupted()) {
                break;
            }
            if (send(target, row, row.body(), target.url()) == Next.DELIVERED) {
                delivered++;
            }
        }
        return delivered;
    }

    /** One pass over a robot: within its budget, help first and alone, the rest maybe folded. */
    private int deliverToRobot(WebhookTarget target) {
        ReceiverState state = states.get(target.id());
        Instant now = clock.instant();
        if (state.paused(now)) {
            return 0;
        }
        boolean broken = state.condition(now) == ReceiverState.Condition.BROKEN;
        List<Outbox.Row> due = database.read(connection -> Outbox.due(connection, target.id(), now,
                broken ? TEST : null, ROBOT_BATCH));
        Map<Long, Outbox.Row> rows = new LinkedHashMap<>();
        due.forEach(row -> rows.put(row.id(), row));
        Budget.Plan plan = Budget.plan(due.stream().map(Outbox.Row::due).toList(), state.sentInWindow(now),
                target.perMinute());
        int delivered = 0;
        Set<String> sentAlone = new HashSet<>();
        for (Budget.Due one : plan.alone()) {
            if (closed || Thread.currentThread().isInterrupted()) {
                return delivered;
            }
            Outbox.Row row = rows.get(one.id());
            Next next = sendToRobot(target, row);
            if (next == Next.DELIVERED) {
                delivered++;
                sentAlone.add(row.event());
            } else if (next == Next.STOP) {
                return delivered;
            }
        }
        if (!plan.fold().isEmpty() && !closed) {
            List<Outbox.Row> folded = plan.fold().stream().map(one -> rows.get(one.id())).toList();
            Outbox.Row digest = database.write(connection -> Outbox.fold(connection, target.id(), target.redactedUrl(),
                    folded, Digest.of(folded.stream().map(row -> new Digest.Folded(row.event(),
                            StoredNotice.read(row.body()))).toList(), sentAlone), clock.instant()));
            LOG.info("webhook {}: {} message(s) folded into one digest to stay within {} a minute", target.id(),
                    folded.size(), target.perMinute());
            if (sendToRobot(target, digest) == Next.DELIVERED) {
                delivered++;
            }
        }
        return delivered;
    }

    private Next sendToRobot(WebhookTarget target, Outbox.Row row) {
        Robot robot = Robot.of(target.format());
        String body = row.bodyKind().equals(Outbox.NOTICE) ? compose(robot, StoredNotice.read(row.body())) : row.body();
        return send(target, row, body, robot.address(target.url(), target.secret(), clock.instant()));
    }

    private String compose(Robot robot, StoredNotice notice) {
        String text = notice.hasDigest() ? Digest.text(notice) : notice.text();
        return robot.compose(text, notice.mentions(), pageAddress.map(base -> base + "#" + notice.page()).orElse(null));
    }

    /** Posts {@code body} to {@code address} and records what came of it. */
    private Next send(WebhookTarget target, Outbox.Row row, String body, URI address) {
        Outcome outcome;
        boolean answered = false;
        try {
            HttpRequest request = HttpRequest.newBuilder(address).timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            answered = true;
            String answer;
            try (InputStream in = response.body()) {
                answer = new String(in.readNBytes(MAX_ANSWER_BYTES), StandardCharsets.UTF_8);
            }
            outcome = target.format().isRobot() ? Robot.of(target.format()).read(response.statusCode(), answer)
                    : response.statusCode() / 100 == 2 ? Outcome.delivered()
                    : Outcome.rejected("HTTP " + response.statusCode());
        } catch (IOException e) {
            outcome = Outcome.down(e.getClass().getSimpleName() + (e.getMessage() == null ? ""
                    : ": " + withoutKey(e.getMessage(), target)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Next.STOP;
        }
        return settle(target, row, outcome, answered);
    }

    /**
     * Stores what an attempt came to, in one transaction with the receiver's state: the message is
     * delivered, tried again at some time (charged an attempt or not), or given up. A test message
     * that the receiver refused is given up at once: it has shown what it was sent to show.
     */
    private Next settle(WebhookTarget target, Outbox.Row row, Outcome outcome, boolean answered) {
        ReceiverState state = states.get(target.id());
        Instant now = clock.instant();
        boolean robot = target.format().isRobot();
        if (answered && robot) {
            state.sent(now);
        }
        boolean test = row.event().equals(Outbox.TEST);
        int charged = row.attempts() + 1;
        Next next;
        SqlUpdate update;
        switch (outcome.kind()) {
            case DELIVERED -> {
                state.delivered(now);
                next = Next.DELIVERED;
                update = connection -> Outbox.delivered(connection, row.id(), charged, now);
            }
            case THROTTLED -> {
                Instant until = now.plus(Robot.of(target.format()).throttlePause());
                LOG.info("webhook {} ({}) says too many messages ({}); waiting until {}", target.id(), target.host(),
                        outcome.detail(), until);
                state.throttled(now, until, outcome.detail());
                next = Next.STOP;
                update = connection -> Outbox.retry(connection, row.id(), row.attempts(), until, outcome.detail());
            }
            case BROKEN -> {
                LOG.warn("webhook {} ({}) refuses its configuration: {} ({}); its messages are held until a test"
                        + " message gets through or the configuration changes", target.id(), target.host(),
                        outcome.problem(), outcome.detail());
                state.broken(now, outcome.problem(), outcome.detail());
                next = Next.STOP;
                update = test ? connection -> Outbox.failed(connection, row.id(), charged, now, outcome.detail())
                        : connection -> Outbox.retry(connection, row.id(), row.attempts(), now, outcome.detail());
            }
            case DOWN -> {
                if (robot) {
                    // The robot is not there: pause it and keep its messages, uncharged.
                    Duration wait = backoff(state.failures() + 1);
                    Instant retryAt = now.plus(wait.compareTo(ROBOT_RETRY_MAX) > 0 ? ROBOT_RETRY_MAX : wait);
                    LOG.info("webhook {} ({}) failed ({}); trying it again at {}", target.id(), target.host(),
                            outcome.detail(), retryAt);
                    state.failed(now, outcome.detail(), Optional.of(retryAt));
                    next = Next.STOP;
                    update = connection -> Outbox.retry(connection, row.id(), row.attempts(), now, outcome.detail());
                } else {
                    next = Next.CONTINUE;
                    update = retryOrGiveUp(target, row, state, outcome, test ? maxAttempts : charged, now);
                }
            }
            case REJECTED -> {
                next = Next.CONTINUE;
                update = retryOrGiveUp(target, row, state, outcome, test ? maxAttempts : charged, now);
            }
            default -> throw new IllegalStateException("unknown outcome " + outcome);
        }
        database.write(connection -> {
            update.run(connection);
            state.save(connection);
            return null;
        });
        return next;
    }

    /** A change to the outbox, made in the transaction that saves the receiver's state. */
    @FunctionalInterface
    private interface SqlUpdate {
        void run(Connection connection) throws SQLException;
    }

    /** A message that failed on its own: tried again after its back-off, or given up after the last attempt. */
    private SqlUpdate retryOrGiveUp(WebhookTarget target, Outbox.Row row, ReceiverState state, Outcome outcome,
            int charged, Instant now) {
        state.failed(now, outcome.detail(), Optional.empty());
        if (charged >= maxAttempts) {
            LOG.warn("webhook {} ({}) failed {} time(s) ({}); giving up on message {}", target.id(), target.host(),
                    row.attempts() + 1, outcome.detail(), row.id());
            return connection -> Outbox.failed(connection, row.id(), row.attempts() + 1, now, outcome.detail());
        }
        Instant next = now.plus(backoff(charged));
        LOG.info("webhook {} ({}) failed ({}); attempt {} of {} at {}", target.id(), target.host(), outcome.detail(),
                charged + 1, maxAttempts, next);
        return connection -> Outbox.retry(connection, row.id(), charged, next, outcome.detail());
    }

    /** {@code text} with the receiver's URL query (where robots keep their key) taken out, should it hold it. */
    private static String withoutKey(String text, WebhookTarget target) {
        String query = target.url().getRawQuery();
        String out = text.replace(target.url().toString(), target.redactedUrl());
        return query == null ? out : out.replace(query, "…");
    }

    /** {@code retryBase × 2^(attempts-1)}, at most an hour. */
    Duration backoff(int attempts) {
        Duration delay = retryBase;
        for (int i = 1; i < attempts && delay.compareTo(MAX_BACKOFF) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }

    private void insert(Connection connection, WebhookTarget target, String event, WebhookMessage message,
            int priority, Instant now) throws SQLException {
        if (target.format().isRobot()) {
            Outbox.insert(connection, target.id(), event, target.redactedUrl(),
                    StoredNotice.of(message.notice()).write(), Outbox.NOTICE, priority, now);
        } else {
            Outbox.insert(connection, target.id(), event, target.redactedUrl(), message.json(), Outbox.RAW, priority,
                    now);
        }
    }

    /**
     * Reads the receiver and tells the listeners if it changed. Read and told under one lock, by
     * the sender and by {@link #test} alike, so that the views go out in the order they were read:
     * the last one a page gets is the newest.
     */
    private ReceiverView publishIfChanged(WebhookTarget target) {
        synchronized (published) {
            ReceiverView view = database.read(connection -> view(connection, target));
            if (!receiverListeners.isEmpty() && !view.equals(published.put(target.id(), view))) {
                receiverListeners.forEach(listener -> listener.accept(view));
            }
            return view;
        }
    }

    private ReceiverView view(Connection connection, WebhookTarget target) throws SQLException {
        ReceiverState.Snapshot state = states.get(target.id()).snapshot(clock.instant());
        return new ReceiverView(target.id(), target.shownName(), target.format().configName(), target.host(),
                target.events().stream().sorted().map(WebhookEvent::configName).toList(), target.perMinute(),
                state.condition().name(), state.problem() == null ? null : state.problem().name(), state.since(),
                state.pausedUntil(), state.lastDeliveredAt(), state.lastFailedAt(), state.lastError(), state.failures(),
                Outbox.failedCount(connection, target.id()), Outbox.queued(connection, target.id()),
                target.format().isRobot() ? state.sentInWindow() : 0);
    }

    private WebhookTarget target(String id) {
        WebhookTarget target = byId.get(id);
        if (target == null) {
            throw Refusal.notFound("no webhook receiver " + id + " is configured");
        }
        return target;
    }
}
