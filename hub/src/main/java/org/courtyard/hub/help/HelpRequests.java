package org.courtyard.hub.help;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.courtyard.hub.audit.AuditTrail;
import org.courtyard.hub.auth.KioskIdentity;
import org.courtyard.hub.auth.KioskKind;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.core.Cursor;
import org.courtyard.hub.core.Keyset;
import org.courtyard.hub.core.Page;
import org.courtyard.hub.core.PageRequest;
import org.courtyard.hub.core.Refusal;
import org.courtyard.hub.store.Database;
import org.courtyard.hub.store.Sql;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.HelpCancelled;
import org.courtyard.protocol.HelpCategory;
import org.courtyard.protocol.HelpDetails;
import org.courtyard.protocol.HelpHistoryEntry;
import org.courtyard.protocol.HelpHistoryEvent;
import org.courtyard.protocol.HelpRepeated;
import org.courtyard.protocol.HelpRequest;
import org.courtyard.protocol.HelpRequested;
import org.courtyard.protocol.HelpSource;
import org.courtyard.protocol.HelpStatus;
import org.courtyard.protocol.HelpUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The help requests of the hub, their history and their state machine. */
public final class HelpRequests {

    /** The {@code by} of changes a kiosk made (creation, cancel, repeats). */
    public static final String BY_KIOSK = "kiosk";

    /**
     * A press this soon after the last counted one (by the kiosk's clock) is not counted again: an
     * anxious hand presses several times, and staff should hear of it once.
     */
    public static final Duration REPEAT_WINDOW = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(HelpRequests.class);
    private static final String SELECT_VIEW = "SELECT h.*, k.name AS kiosk_name, k.kind AS kiosk_kind,"
            + " m.sha256 AS memo_sha256,"
            + " m.bytes AS memo_bytes, m.duration_ms AS memo_duration_ms, m.transcript AS memo_transcript,"
            + " m.received_at AS memo_received_at FROM help_requests h JOIN kiosks k ON k.id = h.kiosk_id"
            + " LEFT JOIN voice_memos m ON m.request_id = h.id";

    private final Database database;
    private final Clock clock;
    private final Duration overdueAfter;
    private final HelpOutbox outbox;
    private final HelpPeople people;
    private final List<HelpOutbox> outboxes = new CopyOnWriteArrayList<>();
    private final List<HelpListener> listeners = new CopyOnWriteArrayList<>();

    /** @param people the ledger's residents, for the person a request names */
    public HelpRequests(Database database, Clock clock, Duration overdueAfter, HelpOutbox outbox, HelpPeople people) {
        this.database = database;
        this.clock = clock;
        this.overdueAfter = overdueAfter;
        this.outbox = outbox;
        this.people = people;
    }

    /**
     * Adds another outbox told of every change inside the transaction that makes it (another
     * feature's records that must commit or roll back with the change); before the hub starts.
     */
    public void addOutbox(HelpOutbox more) {
        outboxes.add(more);
    }

    private void record(Connection connection, HelpChange change) throws SQLException {
        outbox.record(connection, change);
        for (HelpOutbox more : outboxes) {
            more.record(connection, change);
        }
    }

    public void addListener(HelpListener listener) {
        listeners.add(listener);
    }

    /**
     * Creates the request of a HELP_REQUESTED event inside the caller's (sync) transaction. A home
     * unit's request is always its resident's, whatever the payload says: a unit that has not yet
     * heard who it belongs to still asks for them. The caller must {@link #publish} the returned
     * change after committing.
     */
    public HelpChange createFromEvent(Connection connection, Event event, HelpRequested payload, KioskIdentity kiosk,
            Instant receivedAt) throws SQLException {
        String residentId = payload.residentId();
        if (kiosk.home() && !kiosk.residentId().equals(residentId)) {
            if (residentId != null) {
                LOG.warn("home unit {} sent help request {} for resident {}; it is its resident {}'s", kiosk.kioskId(),
                        event.id(), residentId, kiosk.residentId());
            }
            residentId = kiosk.residentId();
        }
        Sql.update(connection, "INSERT INTO help_requests (id, kiosk_id, village, status, source, category, resident_id,"
                + " transcript, occurred_at, received_at, clock_trusted, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                event.id().toString(), kiosk.kioskId(), kiosk.village(), HelpStatus.NEW.name(), payload.source().name(),
                payload.category() == null ? null : payload.category().name(), residentId,
                payload.transcript(), event.occurredAt(), receivedAt, event.clockTrusted(), receivedAt);
        addHistory(connection, event.id(), kiosk.kioskId(), HelpHistoryEvent.STATUS, HelpStatus.NEW, BY_KIOSK, null,
                null, receivedAt);
        HelpChange change = new HelpChange(HelpChange.Kind.CREATED, view(connection, event.id()).orElseThrow());
        record(connection, change);
        return change;
    }

    /**
     * Cancels the request named by a HELP_CANCELLED event inside the caller's (sync) transaction.
     *
     * @throws Refusal {@code unknown_request}, {@code not_this_kiosk} or {@code not_open}
     */
    public HelpChange cancelFromEvent(Connection connection, HelpCancelled payload, KioskIdentity kiosk, Instant at)
            throws SQLException {
        UUID id = payload.requestId();
        HelpView current = sentBy(connection, id, kiosk);
        if (!current.request().status().canMoveTo(HelpStatus.CANCELLED)) {
            throw new Refusal(Refusal.Kind.CONFLICT, "not_open", "help request " + id + " is already "
                    + current.request().status());
        }
        return move(connection, current, HelpStatus.CANCELLED, BY_KIOSK, null, null, at);
    }

    /**
     * Records what the person told the kiosk after their request was sent (HELP_DETAILS): the
     * category they chose and/or who they are, inside the caller's (sync) transaction. What the
     * event carries replaces what the request had, whatever its status; what it leaves out stays.
     *
     * @throws Refusal {@code unknown_request}, {@code not_this_kiosk}, for a person not of the
     *     kiosk's village {@code unknown_resident} / {@code other_village}, or from a home unit for
     *     anyone but its resident {@code other_resident}
     */
    public HelpChange detailsFromEvent(Connection connection, HelpDetails payload, KioskIdentity kiosk, Instant at)
            throws SQLException {
        UUID id = payload.requestId();
        HelpView current = sentBy(connection, id, kiosk);
        boolean named = payload.residentId() != null && !payload.residentId().equals(current.request().residentId());
        if (kiosk.home() && payload.residentId() != null && !payload.residentId().equals(kiosk.residentId())) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "other_resident", "HELP_DETAILS names resident "
                    + payload.residentId() + ", but home unit " + kiosk.kioskId() + " speaks only for its resident "
                    + kiosk.residentId());
        }
        if (payload.residentId() != null) {
            HelpPerson person = people.find(connection, payload.residentId()).orElseThrow(() -> new Refusal(
                    Refusal.Kind.NOT_FOUND, "unknown_resident", "HELP_DETAILS names resident " + payload.residentId()
                            + ", who is not registered on this hub"));
            if (!person.village().equals(kiosk.village())) {
                throw new Refusal(Refusal.Kind.FORBIDDEN, "other_village", "HELP_DETAILS names resident "
                        + payload.residentId() + " of " + person.village() + "; this kiosk is in " + kiosk.village());
            }
            Sql.update(connection, "UPDATE help_requests SET resident_id = ?, updated_at = ? WHERE id = ?",
                    payload.residentId(), at, id.toString());
        }
        if (payload.category() != null) {
            Sql.update(connection, "UPDATE help_requests SET category = ?, updated_at = ? WHERE id = ?",
                    payload.category().name(), at, id.toString());
        }
        HelpChange change = new HelpChange(HelpChange.Kind.DETAILS, view(connection, id).orElseThrow(), named);
        record(connection, change);
        return change;
    }

    /**
     * A press again while the request was open (HELP_REPEATED), inside the caller's (sync)
     * transaction. Counted, unless it came within {@link #REPEAT_WINDOW} after the last counted
     * press by the kiosk's clock (the request's own press counts as the first): a counted repeat adds
     * one to {@code repeatCount}, a history entry {@code REPEATED}, and moves the request to the top
     * of the list ({@code repeatedAt}, the hub's time). A repeat of a request closed meanwhile is
     * counted too: the person pressed, whatever staff had decided.
     *
     * @return the change to publish after commit, or empty for a press that is not counted
     * @throws Refusal {@code unknown_request} or {@code not_this_kiosk}
     */
    public Optional<HelpChange> repeatFromEvent(Connection connection, Event event, HelpRepeated payload,
            KioskIdentity kiosk, Instant receivedAt) throws SQLException {
        UUID id = payload.requestId();
        HelpView current = sentBy(connection, id, kiosk);
        Instant lastCounted = Sql.one(connection, "SELECT COALESCE(counted_press_at, occurred_at) AS last FROM"
                + " help_requests WHERE id = ?", row -> Sql.instant(row, "last"), id.toString()).orElseThrow();
        Duration since = Duration.between(lastCounted, event.occurredAt());
        if (!since.isNegative() && since.compareTo(REPEAT_WINDOW) < 0) {
            LOG.info("help request {} pressed again {} ms after the last counted press; counted once", id,
                    since.toMillis());
            return Optional.empty();
        }
        Sql.update(connection, "UPDATE help_requests SET repeat_count = repeat_count + 1, repeated_at = ?,"
                + " counted_press_at = ?, updated_at = ? WHERE id = ?", receivedAt, event.occurredAt(), receivedAt,
                id.toString());
        addHistory(connection, id, kiosk.kioskId(), HelpHistoryEvent.REPEATED, current.request().status(), BY_KIOSK,
                null, null, receivedAt);
        HelpChange change = new HelpChange(HelpChange.Kind.REPEATED, view(connection, id).orElseThrow());
        record(connection, change);
        return Optional.of(change);
    }

    /**
     * Moves a request as {@code user} asks, audited as {@code help.transition} on {@code trail} in
     * the same transaction. 404 if unknown, 403 for another village's request of a cadre, 409 if
     * the state machine does not allow the step.
     */
    public HelpView transition(StaffUser user, UUID id, TransitionRequest request, AuditTrail trail) {
        HelpChange change = database.write(connection -> {
            HelpView current = view(connection, id).orElseThrow(() -> notFound(id));
            checkAccess(user, current);
            HelpStatus from = current.request().status();
            if (!from.canMoveTo(request.to())) {
                throw Refusal.conflict("help request " + id + " is " + from + " and cannot move to " + request.to()
                        + (from.next().isEmpty() ? " (it is closed)" : "; allowed: " + from.next().stream()
                                .sorted(Comparator.naturalOrder()).map(Enum::name).collect(Collectors.joining(", "))));
            }
            HelpChange moved = move(connection, current, request.to(), user.shownName(), request.assignee(),
                    request.note(), clock.instant());
            trail.record(connection, "help.transition", id.toString(), from + " -> " + request.to()
                    + (request.assignee() == null ? "" : " assignee=" + request.assignee()));
            return moved;
        });
        publish(List.of(change));
        return get(user, id);
    }

    /** One request with its history; 404 if unknown, 403 for a cadre of another village. */
    public HelpView get(StaffUser user, UUID id) {
        return database.read(connection -> {
            HelpView view = view(connection, id).orElseThrow(() -> notFound(id));
            checkAccess(user, view);
            List<HelpHistoryEntry> history = Sql.query(connection, "SELECT event, status, by_name, assignee, note,"
                    + " changed_at FROM help_history WHERE request_id = ? ORDER BY seq",
                    row -> new HelpHistoryEntry(HelpHistoryEvent.valueOf(row.getString("event")),
                            HelpStatus.valueOf(row.getString("status")), row.getString("by_name"),
                            row.getString("assignee"), row.getString("note"), Sql.instant(row, "changed_at")),
                    id.toString());
            return view.withRequest(withHistory(view.request(), history));
        });
    }

    /**
     * A page of the requests matching {@code filter}, newest first without history: by the hub's
     * time of the request's arrival or of its last counted repeat, so a request pressed again comes
     * to the top (then by id). The cursor is that time and the id; a request pressed again during a
     * walk moves above the cursor and is not met again in that walk (the staff page hears of it live).
     */
    public Page<HelpView> list(HelpFilter filter, PageRequest page) {
        ListQuery query = listQuery(filter, page, clock.instant());
        return database.read(connection -> Page.of(withPeople(connection, Sql.query(connection, query.sql(),
                HelpRequests::view, query.parameters().toArray())), page, help -> Cursor.of(
                        listedAt(help).toEpochMilli(), help.request().id())));
    }

    /** The SQL of one page of {@link #list} and its parameters, in order. */
    public record ListQuery(String sql, List<Object> parameters) {
    }

    /**
     * The query {@link #list} runs for {@code filter} and {@code page} at {@code now}. Its order is the index {@code help_requests_listed} (and
     * {@code help_requests_village_listed} for one village), so SQLite reads a page without sorting
     * the table (HelpQueryPlanTest).
     */
    public static ListQuery listQuery(HelpFilter filter, PageRequest page, Instant now) {
        StringBuilder sql = new StringBuilder(SELECT_VIEW).append(" WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        if (!filter.statuses().isEmpty()) {
            sql.append(" AND (h.status IN (")
                    .append(filter.statuses().stream().map(s -> "?").collect(Collectors.joining(", "))).append(')');
            filter.statuses().stream().sorted().forEach(status -> parameters.add(status.name()));
            filter.cancelledWithin().ifPresent(within -> {
                sql.append(" OR (h.status = ? AND h.updated_at >= ?)");
                parameters.add(HelpStatus.CANCELLED.name());
                parameters.add(now.minus(within));
            });
            sql.append(')');
        }
        filter.village().ifPresent(village -> {
            sql.append(" AND h.village = ?");
            parameters.add(village);
        });
        filter.kioskId().ifPresent(kiosk -> {
            sql.append(" AND h.kiosk_id = ?");
            parameters.add(kiosk);
        });
        Keyset.descending("COALESCE(h.repeated_at, h.received_at)", "h.id").page(sql, parameters, page,
                cursor -> List.of(cursor.number(0), cursor.text(1)));
        return new ListQuery(sql.toString(), parameters);
    }

    /** The time a list sorts {@code help} by: its last counted repeat, else its arrival (the hub's clock). */
    private static Instant listedAt(HelpView help) {
        return help.repeatedAt() != null ? help.repeatedAt() : help.request().receivedAt();
    }

    /**
     * Status changes of {@code kioskId}'s requests with a change sequence above {@code after}
     * (creations and repeats excluded: the kiosk knows what it sent), oldest first, at most {@code limit}.
     */
    public KioskUpdates updatesFor(String kioskId, long after, int limit) {
        return database.read(connection -> {
            long[] last = {after};
            // The kiosk shows and says who is coming: a person's name, never a login name. A name
            // in the history that is an account's login becomes that account's display name (none
            // when it has none: the kiosk then says 村干部).
            List<HelpUpdate> updates = Sql.query(connection,
                    "SELECT seq, request_id, status, " + spokenName("by_name") + " AS by_name, "
                            + spokenName("assignee") + " AS assignee, note, changed_at FROM help_history"
                            + " WHERE kiosk_id = ? AND seq > ? AND status <> ? AND event = ? ORDER BY seq LIMIT ?",
                    row -> {
                        last[0] = Math.max(last[0], row.getLong("seq"));
                        return new HelpUpdate(UUID.fromString(row.getString("request_id")),
                                HelpStatus.valueOf(row.getString("status")), row.getString("by_name"),
                                row.getString("assignee"), row.getString("note"), Sql.instant(row, "changed_at"));
                    },
                    kioskId, after, HelpStatus.NEW.name(), HelpHistoryEvent.STATUS.name(), limit);
            return new KioskUpdates(updates, last[0]);
        });
    }

    /**
     * Marks every request that has been NEW for longer than the overdue time (counted from the
     * hub's receive time: the kiosk's clock may be wrong) as overdue, once, and announces it.
     *
     * @return how many requests became overdue
     */
    public int markOverdue() {
        Instant now = clock.instant();
        Instant limit = now.minus(overdueAfter);
        List<HelpChange> changes = database.write(connection -> {
            List<HelpView> due = Sql.query(connection, SELECT_VIEW
                    + " WHERE h.status = ? AND h.overdue_at IS NULL AND h.received_at <= ? ORDER BY h.received_at",
                    HelpRequests::view, HelpStatus.NEW.name(), limit);
            List<HelpChange> out = new ArrayList<>();
            for (HelpView help : due) {
                Sql.update(connection, "UPDATE help_requests SET overdue_at = ? WHERE id = ?", now,
                        help.request().id().toString());
                HelpChange change = new HelpChange(HelpChange.Kind.OVERDUE,
                        view(connection, help.request().id()).orElseThrow());
                record(connection, change);
                out.add(change);
            }
            return out;
        });
        if (!changes.isEmpty()) {
            LOG.info("{} help request(s) overdue", changes.size());
        }
        publish(changes);
        return changes.size();
    }

    /** Tells the listeners of committed changes; a failing listener is logged and does not stop the others. */
    public void publish(List<HelpChange> changes) {
        for (HelpChange change : changes) {
            for (HelpListener listener : listeners) {
                try {
                    listener.changed(change);
                } catch (RuntimeException e) {
                    LOG.error("a help listener failed on {} of {}", change.kind(), change.help().request().id(), e);
                }
            }
        }
    }

    /** The request {@code id} if {@code kiosk} sent it; for the kiosk's own events about it. */
    private HelpView sentBy(Connection connection, UUID id, KioskIdentity kiosk) throws SQLException {
        HelpView current = view(connection, id).orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND,
                "unknown_request", "no help request " + id + " on the hub"));
        if (!current.request().kioskId().equals(kiosk.kioskId())) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "not_this_kiosk", "help request " + id
                    + " was sent by another kiosk");
        }
        return current;
    }

    private HelpChange move(Connection connection, HelpView current, HelpStatus to, String by, String assignee,
            String note, Instant at) throws SQLException {
        UUID id = current.request().id();
        String acknowledgedBy = to == HelpStatus.ACKNOWLEDGED ? by : current.request().acknowledgedBy();
        String newAssignee = to == HelpStatus.ASSIGNED ? assignee : current.request().assignee();
        Sql.update(connection, "UPDATE help_requests SET status = ?, acknowledged_by = ?, assignee = ?, updated_at = ?"
                + " WHERE id = ?", to.name(), acknowledgedBy, newAssignee, at, id.toString());
        addHistory(connection, id, current.request().kioskId(), HelpHistoryEvent.STATUS, to, by, assignee, note, at);
        HelpChange change = new HelpChange(HelpChange.Kind.UPDATED, view(connection, id).orElseThrow());
        record(connection, change);
        return change;
    }

    private static void addHistory(Connection connection, UUID id, String kioskId, HelpHistoryEvent event,
            HelpStatus status, String by, String assignee, String note, Instant at) throws SQLException {
        Sql.update(connection, "INSERT INTO help_history (request_id, kiosk_id, event, status, by_name, assignee, note,"
                + " changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id.toString(), kioskId, event.name(), status.name(), by,
                assignee, note, at);
    }

    /** SQL for {@code column} as a kiosk may show it: a login name replaced by its account's display name. */
    private static String spokenName(String column) {
        return "CASE WHEN EXISTS (SELECT 1 FROM users u WHERE u.username = " + column + ")"
                + " THEN (SELECT u.display_name FROM users u WHERE u.username = " + column + ") ELSE " + column + " END";
    }

    private static void checkAccess(StaffUser user, HelpView view) {
        if (!user.mayAccessVillage(view.request().village())) {
            throw Refusal.forbidden("help request " + view.request().id() + " belongs to another village");
        }
    }

    private static Refusal notFound(UUID id) {
        return Refusal.notFound("no help request " + id);
    }

    /** One request as staff see it (without history, with the person who asked), inside the caller's transaction. */
    Optional<HelpView> view(Connection connection, UUID id) throws SQLException {
        Optional<HelpView> bare = Sql.one(connection, SELECT_VIEW + " WHERE h.id = ?", HelpRequests::view,
                id.toString());
        return bare.isEmpty() ? bare : Optional.of(withPeople(connection, List.of(bare.get())).get(0));
    }

    /** The requests with the person each names, each person looked up once. */
    private List<HelpView> withPeople(Connection connection, List<HelpView> views) throws SQLException {
        Map<String, Optional<HelpPerson>> found = new HashMap<>();
        List<HelpView> out = new ArrayList<>(views.size());
        for (HelpView view : views) {
            String residentId = view.request().residentId();
            if (residentId == null) {
                out.add(view);
                continue;
            }
            if (!found.containsKey(residentId)) {
                found.put(residentId, people.find(connection, residentId));
            }
            out.add(view.withResident(found.get(residentId).orElse(null)));
        }
        return out;
    }

    private static HelpView view(ResultSet row) throws SQLException {
        String category = row.getString("category");
        Instant overdueAt = Sql.instant(row, "overdue_at");
        String memoSha = row.getString("memo_sha256");
        UUID id = UUID.fromString(row.getString("id"));
        VoiceMemo memo = memoSha == null ? null : new VoiceMemo(memoSha, row.getLong("memo_bytes"),
                row.getLong("memo_duration_ms"), row.getString("memo_transcript"), Sql.instant(row, "memo_received_at"),
                VoiceMemo.path(id));
        HelpRequest request = new HelpRequest(id, row.getString("kiosk_id"),
                row.getString("village"), HelpStatus.valueOf(row.getString("status")),
                HelpSource.valueOf(row.getString("source")), category == null ? null : HelpCategory.valueOf(category),
                row.getString("resident_id"), row.getString("transcript"), memo != null, Sql.instant(row, "occurred_at"),
                Sql.instant(row, "received_at"), row.getBoolean("clock_trusted"), row.getString("acknowledged_by"),
                row.getString("assignee"), Sql.instant(row, "updated_at"), row.getInt("repeat_count"), List.of());
        return new HelpView(request, row.getString("kiosk_name"), KioskKind.valueOf(row.getString("kiosk_kind")),
                overdueAt != null, overdueAt, memo, Sql.instant(row, "repeated_at"), null);
    }

    private static HelpRequest withHistory(HelpRequest r, List<HelpHistoryEntry> history) {
        return new HelpRequest(r.id(), r.kioskId(), r.village(), r.status(), r.source(), r.category(), r.residentId(),
                r.transcript(), r.hasVoiceMemo(), r.occurredAt(), r.receivedAt(), r.clockTrusted(),
                r.acknowledgedBy(), r.assignee(), r.updatedAt(), r.repeatCount(), history);
    }
}
