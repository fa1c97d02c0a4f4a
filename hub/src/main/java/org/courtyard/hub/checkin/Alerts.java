package org.courtyard.hub.checkin;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.courtyard.hub.audit.AuditTrail;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.checkin.AlertView.ClearReason;
import org.courtyard.hub.checkin.internal.AlertMessages;
import org.courtyard.hub.core.Cursor;
import org.courtyard.hub.core.Keyset;
import org.courtyard.hub.core.Page;
import org.courtyard.hub.core.PageRequest;
import org.courtyard.hub.core.Refusal;
import org.courtyard.hub.notify.LiveEvents;
import org.courtyard.hub.notify.WebhookEvent;
import org.courtyard.hub.notify.WebhookMessage;
import org.courtyard.hub.notify.Webhooks;
import org.courtyard.hub.residents.Cadres;
import org.courtyard.hub.residents.ResidentView;
import org.courtyard.hub.residents.ResidentView.CadreRef;
import org.courtyard.hub.residents.Residents;
import org.courtyard.hub.residents.VillageScope;
import org.courtyard.hub.store.Database;
import org.courtyard.hub.store.Sql;
import org.courtyard.protocol.ResidentType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts for residents who went quiet: raised by {@link #check()} (every few minutes, and callable
 * by tests) when {@link Expectation#missedDue} says so, at most one open alert per resident;
 * cleared by a check-in that ends the silence, by a pause staff set (in hospital, visiting family),
 * or when the expectation is removed. A raised alert goes to the live stream
 * ({@code checkin-alert}) and to the webhooks that asked for {@code checkin_missed}, addressed to
 * the resident's paired cadres; a cleared one goes to the stream ({@code checkin-alert-cleared}).
 */
public final class Alerts {

    /** The stream's event for a raised alert. */
    public static final String RAISED_EVENT = "checkin-alert";
    /** The stream's event for a cleared alert. */
    public static final String CLEARED_EVENT = "checkin-alert-cleared";

    private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);
    /** Residents acted on per write transaction of {@link #check()}. */
    static final int CHECK_CHUNK = 100;
    /** A resident's {@link State}; the caller adds the WHERE clause. */
    private static final String STATE_QUERY = "SELECT r.id, r.village, r.active, r.check_in_every_days,"
            + " r.expect_since, r.paused_until,"
            + " (SELECT MAX(c.checked_in_at) FROM check_ins c WHERE c.resident_id = r.id) AS last_check_in_at,"
            + " (SELECT MAX(a.id) FROM check_in_alerts a WHERE a.resident_id = r.id AND a.cleared_at IS NULL)"
            + " AS open_alert FROM residents r";
    private static final String SELECT_VIEW = "SELECT a.*, r.name, r.type, r.check_in_every_days FROM check_in_alerts a"
            + " JOIN residents r ON r.id = a.resident_id";

    private final Database database;
    private final Clock clock;
    private final ZoneId zone;
    private final int graceDays;
    private final Webhooks webhooks;
    private final LiveEvents stream;
    private final Residents residents;
    private final List<AlertHook> hooks = new CopyOnWriteArrayList<>();

    /**
     * Told inside the transaction that raises an alert or pauses a resident, so what it stores
     * (the care feature's visit tasks) commits or rolls back with it.
     */
    public interface AlertHook {

        /** A missed-check-in alert was raised on {@code day}. */
        void raised(Connection connection, AlertView alert, LocalDate day) throws SQLException;

        /** {@code residentId} was paused on {@code day} for {@code reason}. */
        void paused(Connection connection, String residentId, PauseReason reason, LocalDate day) throws SQLException;
    }

    /** Why a resident's check-ins are paused. */
    public enum PauseReason {
        /** Ill at home (生病). */
        ILLNESS,
        /** In hospital (住院). */
        HOSPITAL,
        /** Away: visiting family, working elsewhere (外出). */
        AWAY,
        OTHER
    }

    public Alerts(Database database, Clock clock, ZoneId zone, int graceDays, Webhooks webhooks, LiveEvents stream,
            Residents residents) {
        this.database = database;
        this.clock = clock;
        this.zone = zone;
        this.graceDays = graceDays;
        this.webhooks = webhooks;
        this.stream = stream;
        this.residents = residents;
    }

    /** Adds a hook told of raised alerts and pauses inside their transactions; before the hub starts. */
    public void addHook(AlertHook hook) {
        hooks.add(hook);
    }

    /** Today in the hub's time zone. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    /**
     * Raises an alert for every resident who is now past their expectation plus the grace days and
     * has none open, and clears the open alerts whose resident is no longer to be alerted (paused,
     * no expectation, inactive, or a late check-in arrived). Finds them on a reader, then acts in
     * write transactions of at most {@link #CHECK_CHUNK} residents, each deciding again on what
     * it reads inside (a check-in may have arrived meanwhile), so the single writer is never held
     * for the whole ledger and the kiosks' syncs are written between the chunks. After each chunk
     * commits, the stream and the webhooks are told.
     *
     * @return how many alerts were raised
     */
    public int check() {
        LocalDate today = today();
        Instant now = clock.instant();
        List<String> candidates = database.read(connection -> {
            List<String> out = new ArrayList<>();
            Sql.each(connection, STATE_QUERY + " WHERE (r.active AND r.check_in_every_days IS NOT NULL)"
                    + " OR EXISTS (SELECT 1 FROM check_in_alerts a WHERE a.resident_id = r.id AND a.cleared_at IS NULL)"
                    + " ORDER BY r.village, r.name", row -> {
                        if (change(state(row), today).isPresent()) {
                            out.add(row.getString("id"));
                        }
                    });
            return out;
        });
        int raisedCount = 0;
        for (int from = 0; from < candidates.size(); from += CHECK_CHUNK) {
            List<String> chunk = candidates.subList(from, Math.min(candidates.size(), from + CHECK_CHUNK));
            List<AlertView> raised = new ArrayList<>();
            List<AlertView> cleared = new ArrayList<>();
            database.write(connection -> {
                for (String residentId : chunk) {
                    Optional<State> state = Sql.one(connection, STATE_QUERY + " WHERE r.id = ?", this::state, residentId);
                    Optional<Change> change = state.flatMap(found -> change(found, today));
                    if (change.isEmpty()) {
                        continue;
                    }
                    if (change.get().due() != null) {
                        raised.add(raise(connection, state.get(), change.get().due(), today, now));
                    } else {
                        cleared.add(clear(connection, state.get().openAlert, change.get().reason(), "hub", now));
                    }
                }
                return null;
            });
            if (!raised.isEmpty()) {
                LOG.info("{} resident(s) missed their check-in", raised.size());
                webhooks.wake();
            }
            raised.forEach(alert -> stream.publish(RAISED_EVENT, Optional.of(alert.village()), alert));
            cleared.forEach(alert -> stream.publish(CLEARED_EVENT, Optional.of(alert.village()), alert));
            raisedCount += raised.size();
        }
        return raisedCount;
    }

    /** What {@link #check()} does for one resident: raise an alert due on {@code due}, or clear the open one. */
    private record Change(LocalDate due, ClearReason reason) {
    }

    private Optional<Change> change(State state, LocalDate today) {
        Optional<LocalDate> due = state.active ? state.expectation.missedDue(today, graceDays) : Optional.empty();
        if (due.isPresent() && state.openAlert == null) {
            return Optional.of(new Change(due.get(), null));
        }
        if (due.isEmpty() && state.openAlert != null) {
            ClearReason reason = !state.active || state.expectation.everyDays() == null
                    ? ClearReason.NOT_EXPECTED
                    : state.expectation.pausedUntil() != null && !today.isAfter(state.expectation.pausedUntil())
                            ? ClearReason.PAUSED : ClearReason.CHECKED_IN;
            return Optional.of(new Change(null, reason));
        }
        return Optional.empty();
    }

    /**
     * After a check-in of {@code residentId} was stored (inside the caller's sync transaction):
     * clears the resident's open alert if the silence is over. The caller publishes the returned
     * alert after the commit with {@link #published}.
     */
    Optional<AlertView> clearOnCheckIn(Connection connection, String residentId, String by, Instant now)
            throws SQLException {
        // Most check-ins end no silence: one look at the index check_in_alerts_resident says so,
        // without the resident's state (their last check-in, their expectation).
        if (openAlert(connection, residentId).isEmpty()) {
            return Optional.empty();
        }
        Optional<State> state = Sql.one(connection, STATE_QUERY + " WHERE r.id = ?", this::state, residentId);
        if (state.isEmpty() || state.get().openAlert == null
                || state.get().expectation.missedDue(today(), graceDays).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(clear(connection, state.get().openAlert, ClearReason.CHECKED_IN, by, now));
    }

    /**
     * Opens again the alert {@code alertId} that a check-in cleared, when that check-in is taken
     * back (inside the caller's sync transaction), unless the resident has another alert open by
     * now. The caller publishes the returned alert after the commit, as a raised one.
     */
    Optional<AlertView> reopen(Connection connection, long alertId) throws SQLException {
        Optional<String> resident = Sql.one(connection, "SELECT resident_id FROM check_in_alerts WHERE id = ?"
                + " AND clear_reason = ?", row -> row.getString(1), alertId, ClearReason.CHECKED_IN.name());
        if (resident.isEmpty() || openAlert(connection, resident.get()).isPresent()) {
            return Optional.empty();
        }
        Sql.update(connection, "UPDATE check_in_alerts SET cleared_at = NULL, cleared_by = NULL, clear_reason = NULL"
                + " WHERE id = ?", alertId);
        return Optional.of(view(connection, alertId));
    }

    /**
     * After staff changed residents (PUT, PATCH, CSV import): clears at once the open alerts of
     * those no longer expected to check in (expectation removed, set inactive), so the staff page
     * does not show them until the next periodic {@link #check()}. Raising waits for that check.
     */
    public void ledgerChanged(Set<String> residentIds) {
        Instant now = clock.instant();
        List<AlertView> cleared = database.write(connection -> {
            List<AlertView> out = new ArrayList<>();
            for (String residentId : residentIds) {
                Optional<Long> open = openAlert(connection, residentId);
                boolean expected = Sql.one(connection, "SELECT active AND check_in_every_days IS NOT NULL AS expected"
                        + " FROM residents WHERE id = ?", row -> row.getBoolean("expected"), residentId).orElse(false);
                if (open.isPresent() && !expected) {
                    out.add(clear(connection, open.get(), ClearReason.NOT_EXPECTED, "hub", now));
                }
            }
            return out;
        });
        cleared.forEach(this::published);
    }

    /** Tells the stream of an alert a check-in cleared; after the commit. */
    void published(AlertView cleared) {
        stream.publish(CLEARED_EVENT, Optional.of(cleared.village()), cleared);
    }

    /** A page of the alerts {@code user} may see, newest first: the open ones, or all with {@code openOnly} false. */
    public Page<AlertView> list(StaffUser user, Optional<String> village, boolean openOnly, PageRequest page) {
        Optional<String> allowed = VillageScope.listVillage(user, village);
        StringBuilder sql = new StringBuilder("SELECT a.id, a.raised_at FROM check_in_alerts a WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        if (openOnly) {
            sql.append(" AND a.cleared_at IS NULL");
        }
        allowed.ifPresent(v -> {
            sql.append(" AND a.village = ?");
            parameters.add(v);
        });
        Keyset.descending("a.raised_at", "a.id").page(sql, parameters, page,
                cursor -> List.of(cursor.number(0), cursor.number(1)));
        return database.read(connection -> {
            List<AlertView> out = new ArrayList<>();
            for (Long id : Sql.query(connection, sql.toString(), row -> row.getLong("id"), parameters.toArray())) {
                out.add(view(connection, id));
            }
            return Page.of(out, page, alert -> Cursor.of(alert.raisedAt().toEpochMilli(), alert.id()));
        });
    }

    /**
     * Body of {@code POST /api/v1/residents/{id}/pause}: the last day of the pause, a note, and
     * why (ILLNESS and HOSPITAL bring a follow-up visit); {@code reason} defaults to OTHER.
     */
    public record PauseRequest(String until, String note, PauseReason reason) {

        public PauseRequest {
            if (until == null || until.isBlank()) {
                throw new IllegalArgumentException("missing required field 'until' (a date YYYY-MM-DD, the last day"
                        + " of the pause)");
            }
            note = note == null || note.isBlank() ? null : note.strip();
            reason = reason == null ? PauseReason.OTHER : reason;
            if (note != null && note.length() > 500) {
                throw new IllegalArgumentException("field 'note' must have at most 500 characters");
            }
        }
    }

    /**
     * Pauses the resident's check-in expectation up to and including {@code until} and clears an
     * open alert at once. 400 for a date in the past or more than a year ahead. Audited as
     * {@code resident.pause} on {@code trail}.
     */
    public ResidentView pause(StaffUser user, String residentId, PauseRequest request, AuditTrail trail) {
        LocalDate until;
        try {
            until = LocalDate.parse(request.until().strip());
        } catch (DateTimeParseException e) {
            throw Refusal.invalidField("until", "field 'until' must be a date YYYY-MM-DD, was '" + request.until()
                    + "'");
        }
        LocalDate today = today();
        if (until.isBefore(today) || until.isAfter(today.plusDays(366))) {
            throw Refusal.invalidField("until", "field 'until' must be from today (" + today + ") to a year ahead,"
                    + " was " + until);
        }
        residents.get(user, residentId);
        Instant now = clock.instant();
        String by = user.shownName() + (request.note() == null ? "" : "：" + request.note());
        Optional<AlertView> cleared = database.write(connection -> {
            Sql.update(connection, "UPDATE residents SET paused_until = ?, pause_note = ?, paused_by = ?, paused_at = ?"
                    + " WHERE id = ?", until.toString(), request.note(), user.shownName(), now, residentId);
            // The note stays out of the log: it may say why (in hospital), which is health data.
            trail.record(connection, "resident.pause", residentId, "until=" + until);
            for (AlertHook hook : hooks) {
                hook.paused(connection, residentId, request.reason(), today);
            }
            Optional<Long> open = openAlert(connection, residentId);
            return open.isPresent()
                    ? Optional.of(clear(connection, open.get(), ClearReason.PAUSED, by, now))
                    : Optional.<AlertView>empty();
        });
        cleared.ifPresent(this::published);
        return residents.get(user, residentId);
    }

    /**
     * Ends a pause early: the pause now ends today ({@code pausedUntil} becomes today), so the count
     * towards an alert starts again from today, not from the last check-in before the pause.
     * Audited as {@code resident.resume} on {@code trail}.
     */
    public ResidentView resume(StaffUser user, String residentId, AuditTrail trail) {
        residents.get(user, residentId);
        Instant now = clock.instant();
        database.write(connection -> {
            int ended = Sql.update(connection, "UPDATE residents SET paused_until = ?, pause_note = NULL,"
                    + " paused_by = ?, paused_at = ? WHERE id = ? AND paused_until IS NOT NULL", today().toString(),
                    user.shownName(), now, residentId);
            trail.record(connection, "resident.resume", residentId, ended == 0 ? "was not paused" : "pause ends today");
            return null;
        });
        return residents.get(user, residentId);
    }

    private AlertView raise(Connection connection, State state, LocalDate due, LocalDate today, Instant now)
            throws SQLException {
        Sql.update(connection, "INSERT INTO check_in_alerts (resident_id, village, last_check_in_at, due_date, raised_at)"
                + " VALUES (?, ?, ?, ?, ?)", state.id, state.village, state.lastCheckInAt, due.toString(), now);
        long id = openAlert(connection, state.id).orElseThrow();
        AlertView view = view(connection, id);
        for (AlertHook hook : hooks) {
            hook.raised(connection, view, today);
        }
        List<Cadres.Contact> contacts = Cadres.contactsOf(connection, state.id);
        webhooks.queue(connection, WebhookEvent.CHECKIN_MISSED, new WebhookMessage(
                AlertMessages.json(WebhookEvent.CHECKIN_MISSED.wireName(), view, contacts),
                AlertMessages.notice(view, contacts, today, zone)));
        return view;
    }

    private AlertView clear(Connection connection, long alertId, ClearReason reason, String by, Instant now)
            throws SQLException {
        Sql.update(connection, "UPDATE check_in_alerts SET cleared_at = ?, cleared_by = ?, clear_reason = ? WHERE id = ?",
                now, by.length() > 100 ? by.substring(0, 100) : by, reason.name(), alertId);
        return view(connection, alertId);
    }

    private static Optional<Long> openAlert(Connection connection, String residentId) throws SQLException {
        return Sql.one(connection, "SELECT MAX(id) AS id FROM check_in_alerts WHERE resident_id = ? AND cleared_at IS NULL",
                row -> {
                    long id = row.getLong("id");
                    return row.wasNull() ? null : id;
                }, residentId);
    }

    private static AlertView view(Connection connection, long id) throws SQLException {
        AlertView bare = Sql.one(connection, SELECT_VIEW + " WHERE a.id = ?", Alerts::bareView, id).orElseThrow();
        List<CadreRef> cadres = Sql.query(connection, "SELECT c.id, c.name FROM pairings p JOIN cadres c"
                + " ON c.id = p.cadre_id WHERE p.resident_id = ? AND c.active ORDER BY c.name, c.id",
                row -> new CadreRef(row.getString("id"), row.getString("name")), bare.residentId());
        return new AlertView(bare.id(), bare.residentId(), bare.name(), bare.village(), bare.type(),
                bare.checkInEveryDays(), bare.lastCheckInAt(), bare.dueDate(), bare.raisedAt(), bare.clearedAt(),
                bare.clearedBy(), bare.clearReason(), cadres);
    }

    private static AlertView bareView(ResultSet row) throws SQLException {
        int every = row.getInt("check_in_every_days");
        Integer everyDays = row.wasNull() ? null : every;
        String reason = row.getString("clear_reason");
        return new AlertView(row.getLong("id"), row.getString("resident_id"), row.getString("name"),
                row.getString("village"), ResidentType.valueOf(row.getString("type")), everyDays,
                Sql.instant(row, "last_check_in_at"), LocalDate.parse(row.getString("due_date")),
                Sql.instant(row, "raised_at"), Sql.instant(row, "cleared_at"), row.getString("cleared_by"),
                reason == null ? null : ClearReason.valueOf(reason), List.of());
    }

    /** What the check needs of one resident. */
    private record State(String id, String village, boolean active, Expectation expectation, Instant lastCheckInAt,
            Long openAlert) {
    }

    private State state(ResultSet row) throws SQLException {
        int every = row.getInt("check_in_every_days");
        Integer everyDays = row.wasNull() ? null : every;
        Instant last = Sql.instant(row, "last_check_in_at");
        long alert = row.getLong("open_alert");
        Long openAlert = row.wasNull() ? null : alert;
        String paused = row.getString("paused_until");
        Expectation expectation = new Expectation(everyDays, last == null ? null : LocalDate.ofInstant(last, zone),
                LocalDate.ofInstant(Sql.instant(row, "expect_since"), zone),
                paused == null ? null : LocalDate.parse(paused));
        return new State(row.getString("id"), row.getString("village"), row.getBoolean("active"), expectation, last,
                openAlert);
    }
}
