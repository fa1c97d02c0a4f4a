package org.courtyard.hub.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.courtyard.hub.auth.KioskIdentity;
import org.courtyard.hub.core.Refusal;
import org.courtyard.hub.store.Database;
import org.courtyard.hub.store.Sql;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.EventPayload;
import org.courtyard.protocol.EventType;
import org.courtyard.protocol.Protocol;
import org.courtyard.protocol.ProtocolException;
import org.courtyard.protocol.ProtocolJson;
import org.courtyard.protocol.Rejection;
import org.courtyard.protocol.SyncRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync core: envelopes, validation, idempotency, batches, cursors. It knows no feature; the
 * features register what they handle.
 *
 * <p>In: the envelope ({@code protocol}, {@code kioskId}, {@code cursor}, {@code events} being an
 * array) must be right or the whole request is refused; each event is then read on its own, so
 * one invalid event is rejected by id while the others are stored. A batch is one write
 * transaction, committed before {@link #apply} returns. An event id is stored once in
 * {@code events}: sent again it is accepted without effect (by another kiosk, rejected
 * {@code id_conflict}). A new event goes to the {@link EventHandler} registered for its type
 * ({@link #on}); a type nobody registered is rejected {@code unsupported_event}.
 *
 * <p>Out: the answer is the parts' ({@link #addPart}) fields and the cursor made of their slices.
 * A cursor that one part finds beyond what this hub has (restored from an older backup) is taken
 * as no cursor: the kiosk gets everything again rather than missing the changes that reuse the
 * numbers it has passed. A part is asked that only for a slice beyond the newest it has already
 * confirmed in this process: its numbers only grow while the hub runs (a restore happens with the
 * hub stopped), so the long-polls renewed every 25 s by each of thousands of kiosks do not each
 * read every part's newest number again.
 */
public final class SyncService {

    private static final Logger LOG = LoggerFactory.getLogger(SyncService.class);

    /** The most event ids looked up in {@code events} by one query (a power of two). */
    static final int OWNERS_CHUNK = 128;
    /** The batch's savepoint, nested in the group commit's savepoint of the write ({@code courtyard_write}). */
    private static final String BATCH_SAVEPOINT = "SAVEPOINT courtyard_batch";
    private static final String RELEASE_BATCH_SAVEPOINT = "RELEASE courtyard_batch";
    private static final String ROLLBACK_TO_BATCH_SAVEPOINT = "ROLLBACK TO courtyard_batch";
    /** One event's savepoint, nested in the batch's, when a refusal made the batch run again ({@link #storeAll}). */
    private static final String SAVEPOINT = "SAVEPOINT courtyard_event";
    private static final String RELEASE_SAVEPOINT = "RELEASE courtyard_event";
    private static final String ROLLBACK_TO_SAVEPOINT = "ROLLBACK TO courtyard_event";
    /** The look-up of 1, 2, 4 … {@link #OWNERS_CHUNK} ids, by the power of two. */
    private static final String[] OWNERS_SQL = new String[Integer.numberOfTrailingZeros(OWNERS_CHUNK) + 1];

    static {
        for (int power = 0; power < OWNERS_SQL.length; power++) {
            OWNERS_SQL[power] = "SELECT id, kiosk_id FROM events WHERE id IN ("
                    + String.join(", ", Collections.nCopies(1 << power, "?")) + ")";
        }
    }

    /** One answer: its JSON object, and whether any part carried news. */
    public record Answer(Map<String, Object> body, boolean news) {

        public Answer {
            body = Collections.unmodifiableMap(new LinkedHashMap<>(body));
        }
    }

    private final Database database;
    private final Clock clock;
    private final Map<EventType, EventHandler<?>> handlers = Collections.synchronizedMap(new EnumMap<>(EventType.class));
    private final List<SyncPart> parts = new CopyOnWriteArrayList<>();
    private final List<BatchHook> hooks = new CopyOnWriteArrayList<>();
    /** By part name: the newest slice the part said it has handed out (not ahead), in this process. */
    private final Map<String, AtomicLong> confirmed = new ConcurrentHashMap<>();

    public SyncService(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * Registers the handler of the events whose payload is a {@code payloadType}; call while the
     * hub is assembled.
     *
     * @throws IllegalArgumentException if no event type has that payload, or it has a handler already
     */
    public <T extends EventPayload> SyncService on(Class<T> payloadType, EventHandler<T> handler) {
        EventType type = null;
        for (EventType candidate : EventType.values()) {
            if (candidate.payloadType().equals(payloadType)) {
                type = candidate;
            }
        }
        if (type == null) {
            throw new IllegalArgumentException(payloadType.getName() + " is the payload of no event type");
        }
        if (handlers.putIfAbsent(type, handler) != null) {
            throw new IllegalArgumentException("events of type " + type + " have a handler already");
        }
        return this;
    }

    /**
     * Adds a part of the answer, after those added before it; call while the hub is assembled.
     *
     * @throws IllegalArgumentException if a part of that name exists
     */
    public SyncService addPart(SyncPart part) {
        if (parts.stream().anyMatch(other -> other.name().equals(part.name()))) {
            throw new IllegalArgumentException("a sync part named '" + part.name() + "' exists already");
        }
        new SyncCursor(Map.of(part.name(), part.start())); // checks the name
        parts.add(part);
        return this;
    }

    /** Tells {@code hook} of every batch, inside its transaction; call while the hub is assembled. */
    public SyncService addBatchHook(BatchHook hook) {
        hooks.add(hook);
        return this;
    }

    /**
     * Validates and stores one batch from {@code kiosk}, committing before it returns, then runs
     * the work the handlers and hooks queued for after the commit.
     *
     * @throws Refusal {@link Refusal.Kind#INVALID} for a body that is not a sync request,
     *     {@link Refusal.Kind#FORBIDDEN} for another kiosk's id
     */
    public Batch apply(KioskIdentity kiosk, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw Refusal.badRequest("the body must be a JSON object (a sync request)");
        }
        SyncRequest envelope = envelope((ObjectNode) body);
        if (!envelope.kioskId().equals(kiosk.kioskId())) {
            throw Refusal.forbidden("kioskId: this token belongs to kiosk " + kiosk.kioskId()
                    + ", not " + envelope.kioskId());
        }
        SyncCursor cursor = parseCursor(envelope.cursor());
        // Once per sync, each part's newest (one read each), and only for a slice past the part's
        // start and past the newest slice already confirmed (isAhead): neither can be beyond the hub.
        Optional<SyncPart> ahead = parts.stream()
                .filter(part -> part.serves(kiosk) && cursor.slice(part.name(), part.start()) > part.start()
                        && isAhead(part, cursor.slice(part.name(), part.start())))
                .findFirst();
        SyncCursor from = cursor;
        if (ahead.isPresent()) {
            LOG.info("kiosk {} sent cursor {}, whose slice {} is beyond this hub's newest (restored from a"
                    + " backup?); sending everything again", kiosk.kioskId(), cursor, ahead.get().name());
            from = SyncCursor.START;
        }
        JsonNode events = body.get("events");
        if (events != null && !events.isNull() && !events.isArray()) {
            throw Refusal.invalidField("events", "field 'events' must be an array of events");
        }
        List<JsonNode> nodes = new ArrayList<>();
        if (events != null) {
            events.forEach(nodes::add);
        }
        if (nodes.size() > Protocol.MAX_EVENTS_PER_SYNC) {
            throw Refusal.invalidField("events", "field 'events' holds " + nodes.size() + " events; at most "
                    + Protocol.MAX_EVENTS_PER_SYNC + " per sync");
        }

        List<Rejection> rejected = new ArrayList<>();
        List<Event> valid = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            parse(nodes.get(i), i, rejected).ifPresent(valid::add);
        }

        Instant now = clock.instant();
        if (nodes.isEmpty() && hooks.stream().noneMatch(hook -> hook.needsWrite(kiosk, now))) {
            return new Batch(List.of(), List.of(), 0, from);
        }
        // Everything that needs no database is done here, on the caller's thread, not on the one
        // writer thread that every sync of the hub waits for: each payload written out as stored.
        List<String> payloads = new ArrayList<>(valid.size());
        for (Event event : valid) {
            payloads.add(ProtocolJson.write(event.payload()));
        }
        List<Event> believed = new ArrayList<>(valid.size());
        List<Event> retimed = new ArrayList<>();
        for (Event event : valid) {
            Event trusted = KioskTime.believable(event.occurredAt(), now) ? event
                    : new Event(event.id(), event.type(), now, false, event.payload());
            believed.add(trusted);
            if (trusted != event) {
                retimed.add(event);
            }
        }
        Outcome outcome = database.write(connection -> {
            // First without a savepoint per event; a refusal sends the batch back to its own
            // savepoint and round again, each event then in a savepoint of its own (see storeAll).
            Sql.update(connection, BATCH_SAVEPOINT);
            Outcome stored = storeAll(connection, kiosk, valid, believed, payloads, now, false);
            if (stored == null) {
                Sql.update(connection, ROLLBACK_TO_BATCH_SAVEPOINT);
                stored = storeAll(connection, kiosk, valid, believed, payloads, now, true);
            }
            Sql.update(connection, RELEASE_BATCH_SAVEPOINT);
            Map<Object, Runnable> afterCommit = stored.afterCommit();
            for (BatchHook hook : hooks) {
                hook.applied(connection, kiosk, nodes.size(), now, work -> afterCommit.put(new Object(), work));
            }
            return stored;
        });
        if (!retimed.isEmpty()) {
            LOG.warn("kiosk {} sent {} event(s) with a time outside {} … a year ahead (first: {} at {}); its clock is"
                    + " wrong, so they are recorded at the hub's receive time {} with clockTrusted=false",
                    kiosk.kioskId(), retimed.size(), KioskTime.EARLIEST, retimed.get(0).type(),
                    retimed.get(0).occurredAt(), now);
        }
        rejected.addAll(outcome.rejected());
        for (Runnable work : outcome.afterCommit().values()) {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.error("work after the sync of kiosk {} failed; the batch is stored", kiosk.kioskId(), e);
            }
        }
        return new Batch(outcome.accepted(), rejected, nodes.size(), from);
    }

    /**
     * The answer to a batch: {@code accepted}, {@code rejected}, the {@code cursor} made of every
     * part's new slice, each part's fields after its slice of the batch's cursor, {@code truncated}
     * (only when a part held some back: the fields of the parts that have more after the new
     * cursor) and {@code serverTime}.
     */
    public Answer answer(KioskIdentity kiosk, Batch batch) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accepted", batch.accepted());
        body.put("rejected", batch.rejected());
        Map<String, Long> next = new LinkedHashMap<>();
        Map<String, Object> fields = new LinkedHashMap<>();
        List<String> truncated = new ArrayList<>();
        boolean news = false;
        for (SyncPart part : parts) {
            if (!part.serves(kiosk)) {
                continue;
            }
            PartAnswer answer = part.answer(kiosk, batch.cursor().slice(part.name(), part.start()));
            next.put(part.name(), answer.slice());
            // A part answers at most so many items (MAX_ANNOUNCEMENTS_PER_ANSWER…); when it has more
            // after its new slice, the answer names its fields, and the kiosk's next sync gets the rest.
            if (answer.news() && part.hasNews(kiosk, answer.slice())) {
                truncated.addAll(answer.fields().keySet());
            }
            for (Map.Entry<String, Object> field : answer.fields().entrySet()) {
                if (body.containsKey(field.getKey()) || fields.containsKey(field.getKey())
                        || field.getKey().equals("cursor") || field.getKey().equals("serverTime")
                        || field.getKey().equals("truncated")) {
                    throw new IllegalStateException("sync part " + part.name() + " writes field '" + field.getKey()
                            + "', which the answer has already");
                }
                fields.put(field.getKey(), field.getValue());
            }
            news |= answer.news();
        }
        body.put("cursor", new SyncCursor(next).toString());
        body.putAll(fields);
        if (!truncated.isEmpty()) {
            body.put("truncated", truncated);
        }
        body.put("serverTime", clock.instant());
        return new Answer(body, news);
    }

    /**
     * The answer to a held long-poll that ran out without being woken: nothing changed for the
     * kiosk after the cursor it was parked with (every feature wakes the kiosks its changes concern,
     * and the look after parking found nothing). It carries that same cursor and each part's
     * {@link SyncPart#unchanged} fields, and reads nothing from the database: with 10,000 kiosks
     * some 400 long-polls run out every second, and their answers would otherwise take the readers
     * from the answers that carry news. A change that commits while this answer is made is not
     * lost: the kiosk's next long-poll, parked with this cursor, finds it at once.
     */
    public Answer unchanged(KioskIdentity kiosk, SyncCursor cursor) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accepted", List.of());
        body.put("rejected", List.of());
        Map<String, Long> next = new LinkedHashMap<>();
        Map<String, Object> fields = new LinkedHashMap<>();
        for (SyncPart part : parts) {
            if (!part.serves(kiosk)) {
                continue;
            }
            long slice = cursor.slice(part.name(), part.start());
            PartAnswer answer = part.unchanged(kiosk, slice);
            if (answer.slice() != slice || answer.news()) {
                throw new IllegalStateException("sync part " + part.name() + " answers 'unchanged' with news or"
                        + " another slice");
            }
            next.put(part.name(), slice);
            fields.putAll(answer.fields());
        }
        body.put("cursor", new SyncCursor(next).toString());
        body.putAll(fields);
        body.put("serverTime", clock.instant());
        return new Answer(body, false);
    }

    /** {@link SyncPart#isAhead}, asked only for a slice beyond the newest the part has confirmed. */
    private boolean isAhead(SyncPart part, long slice) {
        AtomicLong newest = confirmed.computeIfAbsent(part.name(), name -> new AtomicLong(Long.MIN_VALUE));
        if (slice <= newest.get()) {
            return false;
        }
        if (part.isAhead(slice)) {
            return true;
        }
        newest.accumulateAndGet(slice, Math::max);
        return false;
    }

    /** Whether an answer after {@code cursor} would carry news of any part; reads only. */
    public boolean hasNews(KioskIdentity kiosk, SyncCursor cursor) {
        return parts.stream().anyMatch(part -> part.serves(kiosk)
                && part.hasNews(kiosk, cursor.slice(part.name(), part.start())));
    }

    /** What storing a batch's events came to: accepted ids, rejections, and the work for after the commit. */
    private record Outcome(List<UUID> accepted, List<Rejection> rejected, Map<Object, Runnable> afterCommit) {
    }

    /**
     * Stores the batch's valid events, in order, inside the batch's savepoint.
     *
     * <p>A handler that refuses an event must leave nothing of it, so each event could run in a
     * savepoint of its own. But a savepoint is not free in SQLite: every page an event changes is
     * first copied into the statement journal under each new savepoint, and with a savepoint per
     * event that copying was a third of the writer's work per batch (docs/benchmarks.md). Refusals
     * are rare (a kiosk that is wrong about a resident), so the events are first stored without
     * savepoints of their own ({@code eachInSavepoint} false): at the first refusal this returns
     * null, the caller rolls the batch back to its savepoint and calls again with
     * {@code eachInSavepoint} true, and then each refused event is rolled back alone. Nothing of
     * the first round is kept: its rows are rolled back and its work for after the commit dropped,
     * so a handler may run twice for one event and must keep its effects in the transaction and in
     * {@link IncomingEvent#afterCommit} (as {@link EventHandler} says).
     */
    private Outcome storeAll(Connection connection, KioskIdentity kiosk, List<Event> valid, List<Event> believed,
            List<String> payloads, Instant now, boolean eachInSavepoint) throws SQLException {
        // Who sent each id already, for the whole batch in one look; then kept up to date as
        // events are stored, so an id sent twice in one batch is stored once.
        Map<String, String> owners = owners(connection, valid);
        Outcome outcome = new Outcome(new ArrayList<>(), new ArrayList<>(), new LinkedHashMap<>());
        for (int i = 0; i < valid.size(); i++) {
            if (!store(connection, kiosk, valid.get(i), believed.get(i), payloads.get(i), now, owners, outcome,
                    eachInSavepoint)) {
                return null;
            }
        }
        return outcome;
    }

    /**
     * Stores one event as the kiosk sent it ({@code occurred_at} is the kiosk's claim) and applies
     * {@code believed}: the same event, or, when the kiosk's time is outside {@link KioskTime}'s
     * window, the event at the hub's receive time with {@code clockTrusted=false}.
     *
     * <p>With {@code eachInSavepoint}, the event and what its handler writes are one savepoint,
     * rolled back alone when the handler refuses the event; without, a refusal returns false and
     * leaves the rolling back to the caller ({@link #storeAll}). The savepoint is SQL on the
     * writer's cached statements ({@code SAVEPOINT}, {@code RELEASE}, {@code ROLLBACK TO}), not
     * JDBC's {@code setSavepoint}, which sqlite-jdbc runs as a new statement each time.
     */
    private boolean store(Connection connection, KioskIdentity kiosk, Event event, Event believed, String payload,
            Instant now, Map<String, String> owners, Outcome outcome, boolean eachInSavepoint) throws SQLException {
        String id = event.id().toString();
        String owner = owners.get(id);
        if (owner != null) {
            if (owner.equals(kiosk.kioskId())) {
                outcome.accepted().add(event.id());
            } else {
                outcome.rejected().add(new Rejection(id, "id_conflict", "another kiosk already sent an event with id "
                        + id));
            }
            return true;
        }
        EventHandler<?> handler = handlers.get(event.type());
        if (handler == null) {
            outcome.rejected().add(new Rejection(id, "unsupported_event", "this hub does not take " + event.type()
                    + " events; the kiosk may be newer than the hub"));
            return true;
        }
        IncomingEvent<?> incoming = incoming(connection, kiosk, believed, payload, now);
        if (eachInSavepoint) {
            Sql.update(connection, SAVEPOINT);
        }
        try {
            Sql.update(connection, "INSERT INTO events (id, kiosk_id, type, occurred_at, clock_trusted, received_at,"
                    + " payload) VALUES (?, ?, ?, ?, ?, ?, ?)", id, kiosk.kioskId(), event.type().name(),
                    event.occurredAt(), believed.clockTrusted(), now, payload);
            apply(handler, incoming);
        } catch (Refusal refusal) {
            if (!eachInSavepoint) {
                return false;
            }
            Sql.update(connection, ROLLBACK_TO_SAVEPOINT);
            Sql.update(connection, RELEASE_SAVEPOINT);
            outcome.rejected().add(new Rejection(id, refusal.code(), refusal.getMessage()));
            return true;
        }
        if (eachInSavepoint) {
            Sql.update(connection, RELEASE_SAVEPOINT);
        }
        owners.put(id, kiosk.kioskId());
        outcome.accepted().add(event.id());
        incoming.queued().forEach(work -> outcome.afterCommit().putIfAbsent(work.getKey(), work.getValue()));
        return true;
    }

    /**
     * The kiosk that sent each of these events' ids before, of those already in {@code events}.
     * One query per {@value #OWNERS_CHUNK} ids; the list of ids is padded (with its last id) to a
     * power of two, so that a few statements, each prepared once, serve every batch size.
     */
    private static Map<String, String> owners(Connection connection, List<Event> events) throws SQLException {
        Map<String, String> owners = new HashMap<>();
        for (int from = 0; from < events.size(); from += OWNERS_CHUNK) {
            List<Event> chunk = events.subList(from, Math.min(events.size(), from + OWNERS_CHUNK));
            int size = Integer.highestOneBit(chunk.size()) == chunk.size() ? chunk.size()
                    : Integer.highestOneBit(chunk.size()) << 1;
            Object[] ids = new Object[size];
            for (int i = 0; i < size; i++) {
                ids[i] = chunk.get(Math.min(i, chunk.size() - 1)).id().toString();
            }
            Sql.each(connection, OWNERS_SQL[Integer.numberOfTrailingZeros(size)],
                    row -> owners.put(row.getString(1), row.getString(2)), ids);
        }
        return owners;
    }

    private static <T extends EventPayload> IncomingEvent<T> incoming(Connection connection, KioskIdentity kiosk,
            Event event, String payloadJson, Instant now) {
        @SuppressWarnings("unchecked")
        T payload = (T) event.payload();
        return new IncomingEvent<>(connection, kiosk, event, payload, payloadJson, now);
    }

    /** The registration made sure that the handler of a type takes that type's payload. */
    @SuppressWarnings("unchecked")
    private static <T extends EventPayload> void apply(EventHandler<?> handler, IncomingEvent<T> event)
            throws SQLException {
        ((EventHandler<T>) handler).apply(event);
    }

    /**
     * Reads the envelope from the body's tree: its fields but {@code events} (each event is read on
     * its own), taken as they are, not copied or written out and parsed again.
     */
    private static SyncRequest envelope(ObjectNode body) {
        ObjectNode envelope = body.objectNode();
        body.fields().forEachRemaining(field -> {
            if (!field.getKey().equals("events")) {
                envelope.set(field.getKey(), field.getValue());
            }
        });
        try {
            return ProtocolJson.read(envelope, SyncRequest.class);
        } catch (ProtocolException e) {
            throw new Refusal(Refusal.Kind.INVALID, "invalid_field", e.getMessage(), e);
        }
    }

    /**
     * Reads one event from its part of the body's tree, which was parsed once (with the size,
     * depth and duplicate-key checks); an invalid one becomes a rejection under the id it was sent
     * with ("" if it had none).
     */
    private static Optional<Event> parse(JsonNode node, int index, List<Rejection> rejected) {
        JsonNode idNode = node.isObject() ? node.get("id") : null;
        String id = idNode != null && idNode.isTextual() ? idNode.textValue() : "";
        try {
            return Optional.of(ProtocolJson.read(node, Event.class));
        } catch (ProtocolException e) {
            rejected.add(new Rejection(id, "invalid_event", "events[" + index + "]"
                    + (e.path().isEmpty() ? ": " : ".") + e.getMessage()));
            return Optional.empty();
        }
    }

    private static SyncCursor parseCursor(String cursor) {
        try {
            return SyncCursor.parse(cursor);
        } catch (IllegalArgumentException e) {
            throw Refusal.invalidField("cursor", "field 'cursor' is not a cursor this hub gave out: '" + cursor + "'");
        }
    }
}
