package org.courtyard.hub.care;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.courtyard.hub.audit.AuditTrail;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.care.internal.Refusals;
import org.courtyard.hub.care.internal.Rows;
import org.courtyard.hub.core.Cursor;
import org.courtyard.hub.core.Keyset;
import org.courtyard.hub.core.Page;
import org.courtyard.hub.core.PageRequest;
import org.courtyard.hub.residents.VillageScope;
import org.courtyard.hub.store.Database;
import org.courtyard.hub.store.Sql;
import org.courtyard.protocol.ResidentType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The care tasks: made by the township's rules ({@link CarePlan}), completed by visits, skipped by
 * people, listed for cadres and staff.
 *
 * <p><b>Stored and foreseen.</b> A task is stored once its occasion has opened: the planner
 * ({@link #planToday()}, run at start, at the first look of every day and after the ledger or the terms
 * change) inserts the tasks of every month, festival and term open today for every active resident
 * they are for, one village per transaction; events insert theirs ({@link #raise}) in their own
 * transaction. Tasks of occasions that open later are not stored: a listing of a future range
 * computes them from the rules and the ledger, with the ids they will have, so what a cadre sees
 * ahead is what will come. Skipping one ahead of time stores it, skipped.
 *
 * <p><b>Status.</b> Stored as OPEN, DONE or SKIPPED; OVERDUE is an OPEN task whose due date is
 * before today, decided when read. A visit completes the OPEN tasks of its resident whose window
 * holds the visit's day; ILLNESS and MISSED_CHECK_IN also when the visit is late. Days are those of
 * the hub's time zone.
 *
 * <p><b>Lists</b> are filtered and paged in SQL, nearest due first (due date, then id), never by
 * loading a table: the stored part and each foreseen occasion are read {@code limit + 1} at a time
 * from after the cursor and merged.
 */
public final class CareTasks {

    private static final Logger LOG = LoggerFactory.getLogger(CareTasks.class);
    private static final String SELECT = "SELECT t.*, r.name AS resident_name FROM care_tasks t"
            + " JOIN residents r ON r.id = t.resident_id";
    /** Why the planner skips the open tasks of someone no longer in the ledger. */
    static final String LEFT_LEDGER = "已不在册";

    private final Database database;
    private final Clock clock;
    private final ZoneId zone;
    private final CarePlan plan;
    private LocalDate plannedFor;
    private final Set<String> changedVillages = new HashSet<>();

    public CareTasks(Database database, Clock clock, ZoneId zone, CarePlan plan) {
        this.database = database;
        this.clock = clock;
        this.zone = zone;
        this.plan = plan;
    }

    /** Today in the hub's time zone. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    public CarePlan plan() {
        return plan;
    }

    // Planning.

    /**
     * Stores the tasks of every occasion open today for every active resident it is for and who
     * has none yet, completes at once those a visit already satisfies, moves open tasks whose
     * occasion's dates changed (a corrected festival date, a new rule), and skips the open tasks of
     * residents no longer active. Idempotent; one transaction per village and occasion.
     *
     * @return how many tasks were stored
     */
    public synchronized int planToday() {
        List<String> villages = database.read(connection -> Sql.query(connection,
                "SELECT DISTINCT village FROM residents WHERE active ORDER BY village", row -> row.getString(1)));
        int stored = plan(villages, true);
        plannedFor = today();
        changedVillages.clear();
        return stored;
    }

    /**
     * Plans today unless that is done, and plans again the villages whose ledger changed since
     * (a new resident gets the month's task); every read of tasks calls it first.
     */
    public void ensurePlanned() {
        planDue();
    }

    /**
     * As {@link #ensurePlanned()}, for the periodic check.
     *
     * @return how many tasks were stored
     */
    public synchronized int planDue() {
        if (!today().equals(plannedFor)) {
            return planToday();
        }
        if (changedVillages.isEmpty()) {
            return 0;
        }
        List<String> villages = List.copyOf(changedVillages);
        changedVillages.clear();
        return plan(villages, false);
    }

    /** The ledger of {@code villages} changed (someone added, moved, set inactive): plan them at the next look. */
    public synchronized void ledgerChanged(Collection<String> villages) {
        changedVillages.addAll(villages);
    }

    /** The terms changed: plan everything again at the next look. */
    public synchronized void replan() {
        plannedFor = null;
    }

    /** Plans the occasions open today for {@code villages}; {@code move} also moves changed dates. */
    private int plan(List<String> villages, boolean move) {
        LocalDate today = today();
        List<Occasion> occasions = database.read(connection -> plan.occasions(today, today, Terms.all(connection)));
        int stored = 0;
        for (Occasion occasion : occasions) {
            if (move) {
                database.write(connection -> move(connection, occasion));
            }
            for (String village : villages) {
                stored += database.write(connection -> {
                    int inserted = insertFor(connection, occasion, village);
                    if (inserted > 0) {
                        completeFromVisits(connection, occasion, village);
                    }
                    return inserted;
                });
            }
        }
        database.write(connection -> Sql.update(connection, "UPDATE care_tasks SET status = 'SKIPPED',"
                + " skip_reason = ?, skipped_by = 'hub', updated_at = ? WHERE status = 'OPEN'"
                + " AND resident_id IN (SELECT id FROM residents WHERE NOT active)", LEFT_LEDGER, clock.instant()));
        if (stored > 0) {
            LOG.info("care plan for {}: {} tasks stored", today, stored);
        }
        return stored;
    }

    private int insertFor(Connection connection, Occasion occasion, String village) throws SQLException {
        StringBuilder sql = new StringBuilder("INSERT INTO care_tasks (id, kind, occasion, resident_id, village, title,"
                + " festival, festival_on, opens_on, due_on, status, created_at, updated_at)"
                + " SELECT ? || r.id, ?, ?, r.id, r.village, ?, ?, ?, ?, ?, 'OPEN', ?, ? FROM residents r"
                + " WHERE r.active AND r.village = ?");
        List<Object> parameters = new ArrayList<>(List.of(occasion.taskId(""), occasion.kind().name(), occasion.key(),
                occasion.title()));
        parameters.add(occasion.festival() == null ? null : occasion.festival().name());
        parameters.add(occasion.festivalOn() == null ? null : occasion.festivalOn().toString());
        parameters.addAll(List.of(occasion.opensOn().toString(), occasion.dueOn().toString(), clock.instant(),
                clock.instant(), village));
        audience(sql, parameters, occasion.audience());
        sql.append(" AND NOT EXISTS (SELECT 1 FROM care_tasks t WHERE t.kind = ? AND t.occasion = ?"
                + " AND t.resident_id = r.id)");
        parameters.add(occasion.kind().name());
        parameters.add(occasion.key());
        return Sql.update(connection, sql.toString(), parameters.toArray());
    }

    /** Open tasks of {@code occasion} whose dates or title differ from the rules' now take the rules'. */
    private int move(Connection connection, Occasion occasion) throws SQLException {
        String festivalOn = occasion.festivalOn() == null ? null : occasion.festivalOn().toString();
        return Sql.update(connection, "UPDATE care_tasks SET opens_on = ?, due_on = ?, festival_on = ?, title = ?,"
                + " updated_at = ? WHERE kind = ? AND occasion = ? AND status = 'OPEN'"
                + " AND (opens_on <> ? OR due_on <> ? OR title <> ?)", occasion.opensOn().toString(),
                occasion.dueOn().toString(), festivalOn, occasion.title(), clock.instant(), occasion.kind().name(),
                occasion.key(), occasion.opensOn().toString(), occasion.dueOn().toString(), occasion.title());
    }

    /** Completes the open tasks of {@code occasion} in {@code village} that an earlier visit satisfies. */
    private void completeFromVisits(Connection connection, Occasion occasion, String village) throws SQLException {
        Instant from = occasion.opensOn().atStartOfDay(zone).toInstant();
        Instant to = occasion.dueOn().plusDays(1).atStartOfDay(zone).toInstant();
        String first = "(SELECT %s FROM visits v WHERE v.resident_id = care_tasks.resident_id AND v.visited_at >= ?"
                + " AND v.visited_at < ? ORDER BY v.visited_at, v.id LIMIT 1)";
        Sql.update(connection, "UPDATE care_tasks SET status = 'DONE', visit_id = " + first.formatted("v.id")
                + ", done_at = " + first.formatted("v.visited_at") + ", updated_at = ?"
                + " WHERE kind = ? AND occasion = ? AND village = ? AND status = 'OPEN' AND EXISTS"
                + " (SELECT 1 FROM visits v WHERE v.resident_id = care_tasks.resident_id AND v.visited_at >= ?"
                + " AND v.visited_at < ?)", from, to, from, to, clock.instant(), occasion.kind().name(), occasion.key(),
                village, from, to);
    }

    // Events.

    /**
     * Stores {@code occasion}'s task for {@code residentId} in the caller's transaction, unless the
     * resident has it already or is not one it is for; a visit that already satisfies it completes
     * it at once.
     *
     * @return the task's id if it was stored
     */
    public Optional<String> raise(Connection connection, Occasion occasion, String residentId) throws SQLException {
        Optional<String[]> resident = Sql.one(connection, "SELECT village, type FROM residents WHERE id = ? AND active",
                row -> new String[] {row.getString(1), row.getString(2)}, residentId);
        if (resident.isEmpty() || !occasion.audience().includes(ResidentType.valueOf(resident.get()[1]))) {
            return Optional.empty();
        }
        String id = occasion.taskId(residentId);
        if (Sql.one(connection, "SELECT id FROM care_tasks WHERE id = ?", row -> row.getString(1), id).isPresent()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Sql.update(connection, "INSERT INTO care_tasks (id, kind, occasion, resident_id, village, title, festival,"
                + " festival_on, opens_on, due_on, status, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?)", id, occasion.kind().name(), occasion.key(),
                residentId, resident.get()[0], occasion.title(),
                occasion.festival() == null ? null : occasion.festival().name(),
                occasion.festivalOn() == null ? null : occasion.festivalOn().toString(), occasion.opensOn().toString(),
                occasion.dueOn().toString(), now, now);
        completeFromVisits(connection, occasion, resident.get()[0]);
        return Optional.of(id);
    }

    /**
     * A missed-check-in alert was raised on {@code day}: someone goes and looks, today (in the
     * caller's transaction). Nothing when the township turned the rule off.
     */
    public void missedCheckIn(Connection connection, long alertId, String residentId, LocalDate day)
            throws SQLException {
        if (plan.rules().missedCheckIn()) {
            raise(connection, plan.missedCheckIn(alertId, day), residentId);
        }
    }

    /** A 看病 help request of {@code residentId} was resolved on {@code day}: a follow-up visit within days. */
    public void illnessRequestResolved(Connection connection, String requestId, String residentId, LocalDate day)
            throws SQLException {
        raise(connection, plan.afterIllnessRequest(requestId, day), residentId);
    }

    /** {@code residentId} was paused for illness or hospital on {@code day}: a follow-up visit within days. */
    public void pausedForIllness(Connection connection, String residentId, LocalDate day) throws SQLException {
        raise(connection, plan.afterIllnessPause(day), residentId);
    }

    // Visits.

    /**
     * Completes, in the caller's transaction, the open tasks of {@code residentId} that a visit at
     * {@code at} satisfies: those whose window holds the visit's day, and late ILLNESS and
     * MISSED_CHECK_IN ones.
     *
     * @return the ids of the tasks completed
     */
    public List<String> completeBy(Connection connection, String visitId, String residentId, Instant at)
            throws SQLException {
        String day = LocalDate.ofInstant(at, zone).toString();
        String where = " WHERE resident_id = ? AND status = 'OPEN' AND opens_on <= ?"
                + " AND (due_on >= ? OR kind IN ('ILLNESS', 'MISSED_CHECK_IN'))";
        List<String> ids = Sql.query(connection, "SELECT id FROM care_tasks" + where + " ORDER BY id",
                row -> row.getString(1), residentId, day, day);
        if (!ids.isEmpty()) {
            Sql.update(connection, "UPDATE care_tasks SET status = 'DONE', done_at = ?, visit_id = ?, updated_at = ?"
                    + where, at, visitId, clock.instant(), residentId, day, day);
        }
        return ids;
    }

    // Terms.

    /** A term's dates changed: its open tasks take the new ones (in the caller's transaction). */
    void termChanged(Connection connection, Term term) throws SQLException {
        move(connection, plan.schoolStart(term));
        move(connection, plan.vacation(term));
    }

    /** A term was deleted: its open tasks are skipped (in the caller's transaction). */
    void termRemoved(Connection connection, Term term, String by) throws SQLException {
        Sql.update(connection, "UPDATE care_tasks SET status = 'SKIPPED', skip_reason = ?, skipped_by = ?,"
                + " updated_at = ? WHERE kind IN ('SCHOOL_START', 'VACATION') AND occasion = ? AND status = 'OPEN'",
                "学期已删除", by, clock.instant(), term.id());
    }

    // Lists.

    /**
     * The tasks {@code user} may see (a cadre: their village's) that {@code query} asks for, one
     * page by due date, then id (the cursor's values); 403 for a cadre asking for another village.
     */
    public Page<TaskView> list(StaffUser user, TaskQuery query, PageRequest page) {
        Optional<String> village = VillageScope.listVillage(user, query.village());
        Optional<Cursor> after = page.cursor(2);
        after.ifPresent(cursor -> cursor.date(0));
        ensurePlanned();
        LocalDate today = today();
        return database.read(connection -> {
            List<Row> rows = new ArrayList<>(stored(connection, query, village, today, page));
            if (query.status().isEmpty() || query.status().get() == TaskStatus.OPEN) {
                for (Occasion occasion : plan.occasions(query.from(), query.to(), Terms.all(connection))) {
                    if (occasion.opensOn().isAfter(today)
                            && query.kind().map(kind -> kind == occasion.kind()).orElse(true)) {
                        rows.addAll(foreseen(connection, occasion, query, village, after, page));
                    }
                }
            }
            // Each source gave its first page.fetch() rows after the cursor: the merged first ones are the page.
            rows.sort(Comparator.comparing(Row::dueOn).thenComparing(Row::id));
            Page<Row> kept = Page.of(rows.subList(0, Math.min(rows.size(), page.fetch())), page,
                    row -> Cursor.of(row.dueOn(), row.id()));
            return new Page<>(views(connection, kept.items(), today), kept.next());
        });
    }

    /** One task, stored or foreseen; 404 if no rule makes it, 403 for another village's (cadres). */
    public TaskView get(StaffUser user, String id) {
        ensurePlanned();
        LocalDate today = today();
        return database.read(connection -> {
            Row row = find(connection, id).orElseThrow(() -> Refusals.notFound("no care task '" + id + "'"));
            VillageScope.village(user, row.village(), "care task " + id);
            return views(connection, List.of(row), today).get(0);
        });
    }

    /**
     * Skips an open task, or one foreseen, with a reason people will read (the resident is away);
     * audited as {@code care-task.skip}. 409 for a task that is done or skipped already.
     */
    public TaskView skip(StaffUser user, String id, String reason, AuditTrail trail) {
        if (reason == null || reason.isBlank() || reason.strip().length() > 200) {
            throw Refusals.invalid("reason", "field 'reason' must have 1 to 200 characters (why the visit is skipped)");
        }
        ensurePlanned();
        LocalDate today = today();
        return database.write(connection -> {
            Row row = find(connection, id).orElseThrow(() -> Refusals.notFound("no care task '" + id + "'"));
            VillageScope.village(user, row.village(), "care task " + id);
            Instant now = clock.instant();
            if (row.stored()) {
                if (!row.status().equals("OPEN")) {
                    throw Refusals.conflict("care task " + id + " is " + row.status() + "; only an open task can be"
                            + " skipped");
                }
                Sql.update(connection, "UPDATE care_tasks SET status = 'SKIPPED', skip_reason = ?, skipped_by = ?,"
                        + " updated_at = ? WHERE id = ?", reason.strip(), user.username(), now, id);
            } else {
                Occasion occasion = row.occasion();
                Sql.update(connection, "INSERT INTO care_tasks (id, kind, occasion, resident_id, village, title,"
                        + " festival, festival_on, opens_on, due_on, status, skip_reason, skipped_by, created_at,"
                        + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'SKIPPED', ?, ?, ?, ?)", id,
                        occasion.kind().name(), occasion.key(), row.residentId(), row.village(), occasion.title(),
                        occasion.festival() == null ? null : occasion.festival().name(),
                        occasion.festivalOn() == null ? null : occasion.festivalOn().toString(),
                        occasion.opensOn().toString(), occasion.dueOn().toString(), reason.strip(), user.username(),
                        now, now);
            }
            trail.record(connection, "care-task.skip", id, reason.strip());
            return views(connection, List.of(find(connection, id).orElseThrow()), today).get(0);
        });
    }

    /** Opens a skipped task again; audited as {@code care-task.reopen}. 409 unless it is skipped. */
    public TaskView reopen(StaffUser user, String id, AuditTrail trail) {
        LocalDate today = today();
        return database.write(connection -> {
            Row row = find(connection, id).orElseThrow(() -> Refusals.notFound("no care task '" + id + "'"));
            VillageScope.village(user, row.village(), "care task " + id);
            if (!row.stored() || !row.status().equals("SKIPPED")) {
                throw Refusals.conflict("care task " + id + " is not skipped");
            }
            Sql.update(connection, "UPDATE care_tasks SET status = 'OPEN', skip_reason = NULL, skipped_by = NULL,"
                    + " updated_at = ? WHERE id = ?", clock.instant(), id);
            trail.record(connection, "care-task.reopen", id, null);
            return views(connection, List.of(find(connection, id).orElseThrow()), today).get(0);
        });
    }

    // Rows: a stored task, or one foreseen from its occasion.

    /** A task as read, before its assignees and resident are added. */
    private record Row(String id, String kind, String title, String residentId, String residentName, String village,
            String festival, String festivalOn, LocalDate opensOn, LocalDate dueOn, String status, Instant doneAt,
            String visitId, String skipReason, boolean stored, Occasion occasion) {
    }

    private List<Row> stored(Connection connection, TaskQuery query, Optional<String> village, LocalDate today,
            PageRequest page) throws SQLException {
        StringBuilder sql = new StringBuilder(SELECT + " WHERE t.opens_on <= ? AND t.due_on >= ?");
        List<Object> parameters = new ArrayList<>(List.of(query.to().toString(), query.from().toString()));
        query.kind().ifPresent(kind -> {
            sql.append(" AND t.kind = ?");
            parameters.add(kind.name());
        });
        query.status().ifPresent(status -> {
            switch (status) {
                case OPEN -> sql.append(" AND t.status = 'OPEN' AND t.due_on >= ?");
                case OVERDUE -> sql.append(" AND t.status = 'OPEN' AND t.due_on < ?");
                case DONE -> sql.append(" AND t.status = 'DONE'");
                case SKIPPED -> sql.append(" AND t.status = 'SKIPPED'");
            }
            if (status == TaskStatus.OPEN || status == TaskStatus.OVERDUE) {
                parameters.add(today.toString());
            }
        });
        filters(sql, parameters, "t.village", "t.resident_id", village, query);
        Keyset.ascending("t.due_on", "t.id").page(sql, parameters, page,
                cursor -> List.of(cursor.date(0).toString(), cursor.text(1)));
        return Sql.query(connection, sql.toString(), CareTasks::storedRow, parameters.toArray());
    }

    /** The tasks {@code occasion} will make, for residents who have none stored, after the cursor. */
    private List<Row> foreseen(Connection connection, Occasion occasion, TaskQuery query, Optional<String> village,
            Optional<Cursor> after, PageRequest page) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT r.id, r.name, r.village FROM residents r WHERE r.active");
        List<Object> parameters = new ArrayList<>();
        audience(sql, parameters, occasion.audience());
        filters(sql, parameters, "r.village", "r.id", village, query);
        sql.append(" AND NOT EXISTS (SELECT 1 FROM care_tasks t WHERE t.kind = ? AND t.occasion = ?"
                + " AND t.resident_id = r.id)");
        parameters.add(occasion.kind().name());
        parameters.add(occasion.key());
        if (after.isPresent()) {
            // A foreseen task's id is the occasion's prefix and the resident's id, so that within one
            // due date the residents' order is the ids' order.
            LocalDate dueOn = after.get().date(0);
            String id = after.get().text(1);
            String prefix = occasion.taskId("");
            int due = occasion.dueOn().compareTo(dueOn);
            if (due < 0 || (due == 0 && !id.startsWith(prefix) && id.compareTo(prefix) > 0)) {
                return List.of();
            }
            if (due == 0 && id.startsWith(prefix)) {
                sql.append(" AND r.id > ?");
                parameters.add(id.substring(prefix.length()));
            }
        }
        sql.append(" ORDER BY r.id LIMIT ?");
        parameters.add(page.fetch());
        return Sql.query(connection, sql.toString(), row -> foreseenRow(occasion, row.getString("id"),
                row.getString("name"), row.getString("village")), parameters.toArray());
    }

    private static void filters(StringBuilder sql, List<Object> parameters, String villageColumn,
            String residentColumn, Optional<String> village, TaskQuery query) {
        village.ifPresent(name -> {
            sql.append(" AND ").append(villageColumn).append(" = ?");
            parameters.add(name);
        });
        query.residentId().ifPresent(id -> {
            sql.append(" AND ").append(residentColumn).append(" = ?");
            parameters.add(id);
        });
        query.cadreId().ifPresent(id -> {
            sql.append(" AND EXISTS (SELECT 1 FROM pairings p WHERE p.resident_id = ").append(residentColumn)
                    .append(" AND p.cadre_id = ?)");
            parameters.add(id);
        });
    }

    private static void audience(StringBuilder sql, List<Object> parameters, Audience audience) {
        switch (audience) {
            case ALL -> {
            }
            case ELDER, CHILD -> {
                sql.append(" AND r.type = ?");
                parameters.add(audience.name());
            }
            case NONE -> sql.append(" AND 1 = 0");
        }
    }

    /** A stored task, or the one its id says a rule will make; empty if neither. */
    private Optional<Row> find(Connection connection, String id) throws SQLException {
        Optional<Row> stored = Sql.one(connection, SELECT + " WHERE t.id = ?", CareTasks::storedRow, id);
        if (stored.isPresent()) {
            return stored;
        }
        Optional<TaskIds.Parts> parts = TaskIds.parse(id);
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        Optional<Occasion> occasion = occasion(connection, parts.get());
        if (occasion.isEmpty() || !occasion.get().opensOn().isAfter(today())) {
            return Optional.empty();
        }
        return Sql.one(connection, "SELECT id, name, village, type FROM residents WHERE id = ? AND active",
                row -> occasion.get().audience().includes(ResidentType.valueOf(row.getString("type")))
                        ? foreseenRow(occasion.get(), row.getString("id"), row.getString("name"),
                                row.getString("village"))
                        : null, parts.get().residentId());
    }

    /** The calendar occasion a task id names (a month, a festival of a year, a term), if a rule makes it. */
    private Optional<Occasion> occasion(Connection connection, TaskIds.Parts parts) throws SQLException {
        String key = parts.occasion();
        try {
            switch (parts.kind()) {
                case MONTHLY_VISIT -> {
                    return plan.rules().monthly() ? Optional.of(plan.month(YearMonth.parse(key))) : Optional.empty();
                }
                case FESTIVAL -> {
                    int dash = key.indexOf('-');
                    Optional<Festival> festival = dash == 4 ? Festival.named(key.substring(dash + 1)) : Optional.empty();
                    return festival.map(f -> plan.festival(f, Integer.parseInt(key.substring(0, dash))))
                            .filter(o -> o.audience() != Audience.NONE && o.key().equals(key));
                }
                case SCHOOL_START, VACATION -> {
                    for (Term term : Terms.all(connection)) {
                        if (term.id().equals(key)) {
                            return Optional.of(parts.kind() == TaskKind.SCHOOL_START ? plan.schoolStart(term)
                                    : plan.vacation(term));
                        }
                    }
                    return Optional.empty();
                }
                default -> {
                    return Optional.empty();
                }
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Row storedRow(ResultSet row) throws SQLException {
        return new Row(row.getString("id"), row.getString("kind"), row.getString("title"), row.getString("resident_id"),
                row.getString("resident_name"), row.getString("village"), row.getString("festival"),
                row.getString("festival_on"), LocalDate.parse(row.getString("opens_on")),
                LocalDate.parse(row.getString("due_on")), row.getString("status"), Sql.instant(row, "done_at"),
                row.getString("visit_id"), row.getString("skip_reason"), true, null);
    }

    private static Row foreseenRow(Occasion occasion, String residentId, String name, String village) {
        return new Row(occasion.taskId(residentId), occasion.kind().name(), occasion.title(), residentId, name,
                village, occasion.festival() == null ? null : occasion.festival().name(),
                occasion.festivalOn() == null ? null : occasion.festivalOn().toString(), occasion.opensOn(),
                occasion.dueOn(), "OPEN", null, null, null, false, occasion);
    }

    /** The rows as the API shows them: status for today, the resident's cadres now, the resident's summary. */
    private static List<TaskView> views(Connection connection, List<Row> rows, LocalDate today) throws SQLException {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> residents = rows.stream().map(Row::residentId).distinct().toList();
        Map<String, List<TaskView.Assignee>> assignees = new HashMap<>();
        Sql.query(connection, "SELECT p.resident_id, c.id, c.name FROM pairings p JOIN cadres c ON c.id = p.cadre_id"
                + " WHERE c.active AND p.resident_id IN (" + Rows.placeholders(residents) + ") ORDER BY c.name, c.id",
                row -> assignees.computeIfAbsent(row.getString(1), k -> new ArrayList<>())
                        .add(new TaskView.Assignee(row.getString(2), row.getString(3))), residents.toArray());
        Map<String, TaskView.ResidentSummary> summaries = new HashMap<>();
        Sql.query(connection, "SELECT r.id, r.type, r.address, r.photo_sha256,"
                + " (SELECT MAX(c.checked_in_at) FROM check_ins c WHERE c.resident_id = r.id) AS last_check_in_at,"
                + " (SELECT MAX(v.visited_at) FROM visits v WHERE v.resident_id = r.id) AS last_visit_at,"
                + " (SELECT COUNT(*) FROM check_in_alerts a WHERE a.resident_id = r.id AND a.cleared_at IS NULL)"
                + " AS alerts FROM residents r WHERE r.id IN (" + Rows.placeholders(residents) + ")",
                row -> summaries.put(row.getString("id"), new TaskView.ResidentSummary(row.getString("type"),
                        row.getString("address"), row.getString("photo_sha256"), Sql.instant(row, "last_check_in_at"),
                        Sql.instant(row, "last_visit_at"), row.getInt("alerts") > 0)), residents.toArray());
        List<TaskView> out = new ArrayList<>();
        for (Row row : rows) {
            TaskStatus status = TaskStatus.valueOf(row.status());
            if (status == TaskStatus.OPEN && row.dueOn().isBefore(today)) {
                status = TaskStatus.OVERDUE;
            }
            out.add(new TaskView(row.id(), TaskKind.valueOf(row.kind()), row.title(), row.residentId(),
                    row.residentName(), row.village(), row.festival(),
                    row.festivalOn() == null ? null : LocalDate.parse(row.festivalOn()), row.opensOn(), row.dueOn(),
                    assignees.getOrDefault(row.residentId(), List.of()), status, row.doneAt(), row.visitId(),
                    row.skipReason(), summaries.get(row.residentId())));
        }
        return out;
    }
}
