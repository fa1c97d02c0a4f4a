package org.courtyard.hub.help;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.courtyard.hub.audit.AuditTrail;
import org.courtyard.hub.auth.KioskIdentity;
import org.courtyard.hub.auth.KioskKind;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.core.Refusal;
import org.courtyard.hub.store.Database;
import org.courtyard.hub.store.Sql;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.HelpCancelled;
import org.courtyard.protocol.HelpCategory;
import org.courtyard.protocol.HelpDetails;
import org.courtyard.protocol.HelpHistoryEntry;
import org.courtyard.protocol.HelpRequest;
import org.courtyard.protocol.HelpRequested;
import org.courtyard.protocol.HelpSource;
import org.courtyard.protocol.HelpStatus;
import org.courtyard.protocol.HelpUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The help requests of the hub, their history and their state machine. */
public final class HelpRequests {

    /** The {@code by} of changes a kiosk made (creation, cancel). */
    public static final String BY_KIOSK = "kiosk";

    private static final Logger LOG = LoggerFactory.getLogger(HelpRequests.class);
    // residents is the ledger's table (a feature installed after this one), read for the name and
    // address staff need to find the person.
    private static final String SELECT_VIEW = "SELECT h.*, k.name AS kiosk_name, k.kind AS kiosk_kind,"
            + " r.name AS resident_name, r.address AS resident_address, m.sha256 AS memo_sha256,"
            + " m.bytes AS memo_bytes, m.duration_ms AS memo_duration_ms, m.transcript AS memo_transcript,"
            + " m.received_at AS memo_received_at FROM help_requests h JOIN kiosks k ON k.id = h.kiosk_id"
            + " LEFT JOIN residents r ON r.id = h.resident_id LEFT JOIN voice_memos m ON m.request_id = h.id";

    private final Database database;
    private final Clock clock;
    private final Duration overdueAfter;
    private final HelpOutbox outbox;
    private final List<HelpOutbox> outboxes = new CopyOnWriteArrayList<>();
    private final List<HelpListener> listeners = new CopyOnWriteArrayList<>();

    public HelpRequests(Database database, Clock clock, Duration overdueAfter, HelpOutbox outbox) {
        this.database = database;
        this.clock = clock;
        this.overdueAfter = overdueAfter;
        this.outbox = outbox;
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
        addHistory(connection, event.id(), kiosk.kioskId(), HelpStatus.NEW, BY_KIOSK, null, null, receivedAt);
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
     * Records the category a person chose after their request was sent (HELP_DETAILS), inside the
     * caller's (sync) transaction; the latest answer wins, whatever the status.
     *
     * @throws Refusal {@code unknown_request} or {@code not_this_kiosk}
     */
    public HelpChange detailsFromEvent(Connection connection, HelpDetails payload, KioskIdentity kiosk, Instant at)
            throws SQLException {
        UUID id = payload.requestId();
        sentBy(connection, id, kiosk);
        Sql.update(connection, "UPDATE help_requests SET category = ?, updated_at = ? WHERE id = ?",
                payload.category().name(), at, id.toString());
        return new HelpChange(HelpChange.Kind.DETAILS, view(connection, id).orElseThrow());
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
            List<HelpHistoryEntry> history = Sql.query(connection,
                    "SELECT status, by_name, assignee, note, changed_at FROM help_history WHERE request_id = ? ORDER BY seq",
                    row -> new HelpHistoryEntry(HelpStatus.valueOf(row.getString("status")), row.getString("by_name"),
                            row.getString("assignee"), row.getString("note"), Sql.instant(row, "changed_at")),
                    id.toString());
            return view.withRequest(withHistory(view.request(), history));
        });
    }

    /** Requests matching {@code filter}, newest first (by the hub's receive time), without history. */
    public List<HelpView> list(HelpFilter filter) {
        StringBuilder sql = new StringBuilder(SELECT_VIEW).append(" WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        if (!filter.statuses().isEmpty()) {
            sql.append(" AND h.status IN (")
                    .append(filter.statuses().stream().map(s -> "?").collect(Collectors.joining(", "))).append(')');
            filter.statuses().stream().sorted().forEach(status -> parameters.add(status.name()));
        }
        filter.village().ifPresent(village -> {
            sql.append(" AND h.village = ?");
            parameters.add(village);
        });
        filter.kioskId().ifPresent(kiosk -> {
            sql.append(" AND h.kiosk_id = ?");
            parameters.add(kiosk);
        });
        sql.append(" ORDER BY h.received_at DESC, h.id LIMIT ?");
        parameters.add(filter.limit());
        return database.read(connection -> Sql.query(connection, sql.toString(), HelpRequests::view,
                parameters.toArray()));
    }

    /**
     * Status changes of {@code kioskId}'s requests with a change sequence above {@code after}
     * (creations excluded: the kiosk knows what it sent), oldest first, at most {@code limit}.
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
                            + " WHERE kiosk_id = ? AND seq > ? AND status <> ? ORDER BY seq LIMIT ?",
                    row -> {
                        last[0] = Math.max(last[0], row.getLong("seq"));
                        return new HelpUpdate(UUID.fromString(row.getString("request_id")),
                                HelpStatus.valueOf(row.getString("status")), row.getString("by_name"),
                                row.getString("assignee"), row.getString("note"), Sql.instant(row, "changed_at"));
                    },
                    kioskId, after, HelpStatus.NEW.name(), limit);
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
    private static HelpView sentBy(Connection connection, UUID id, KioskIdentity kiosk) throws SQLException {
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
        addHistory(connection, id, current.request().kioskId(), to, by, assignee, note, at);
        HelpChange change = new HelpChange(HelpChange.Kind.UPDATED, view(connection, id).orElseThrow());
        record(connection, change);
        return change;
    }

    private static void addHistory(Connection connection, UUID id, String kioskId, HelpStatus status, String by,
            String assignee, String note, Instant at) throws SQLException {
        Sql.update(connection, "INSERT INTO help_history (request_id, kiosk_id, status, by_name, assignee, note, changed_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", id.toString(), kioskId, status.name(), by, assignee, note, at);
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

    /** One request as staff see it (without history), inside the caller's transaction. */
    static Optional<HelpView> view(Connection connection, UUID id) throws SQLException {
        return Sql.one(connection, SELECT_VIEW + " WHERE h.id = ?", HelpRequests::view, id.toString());
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
                row.getString("assignee"), Sql.instant(row, "updated_at"), List.of());
        String residentId = row.getString("resident_id");
        HelpView.Resident resident = residentId == null ? null
                : new HelpView.Resident(residentId, row.getString("resident_name"), row.getString("resident_address"));
        return new HelpView(request, row.getString("kiosk_name"), KioskKind.valueOf(row.getString("kiosk_kind")),
                resident, overdueAt != null, overdueAt, memo);
    }

    private static HelpRequest withHistory(HelpRequest r, List<HelpHistoryEntry> history) {
        return new HelpRequest(r.id(), r.kioskId(), r.village(), r.status(), r.source(), r.category(), r.residentId(),
                r.transcript(), r.hasVoiceMemo(), r.occurredAt(), r.receivedAt(), r.clockTrusted(),
                r.acknowledgedBy(), r.assignee(), r.updatedAt(), history);
    }
}
