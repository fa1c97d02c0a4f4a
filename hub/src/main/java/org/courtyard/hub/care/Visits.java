package org.courtyard.hub.care;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.courtyard.hub.audit.AuditTrail;
import org.courtyard.hub.auth.KioskIdentity;
import org.courtyard.hub.auth.Role;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.care.internal.Refusals;
import org.courtyard.hub.core.Cursor;
import org.courtyard.hub.core.Keyset;
import org.courtyard.hub.core.Page;
import org.courtyard.hub.core.PageRequest;
import org.courtyard.hub.care.internal.Rows;
import org.courtyard.hub.notify.LiveEvents;
import org.courtyard.hub.photos.PhotoImages;
import org.courtyard.hub.residents.PeriodCounts;
import org.courtyard.hub.residents.VillageScope;
import org.courtyard.hub.residents.ResidentFilter;
import org.courtyard.hub.residents.ResidentView;
import org.courtyard.hub.residents.Residents;
import org.courtyard.hub.store.Database;
import org.courtyard.hub.store.DatabaseException;
import org.courtyard.hub.store.Sql;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.ResidentType;
import org.courtyard.protocol.VisitCheckedIn;

/**
 * Visit records, from kiosks ({@code VISIT_CHECKED_IN}) and phones ({@code POST /api/v1/visits}),
 * and the views staff read: a month's visits, a person's history, the month's coverage (月月有联系).
 * Storing a visit completes, in the same transaction, the open care tasks of its resident that it
 * satisfies ({@link CareTasks#completeBy}); docs/care.md describes the tables.
 *
 * <p>A visit's id is made by the device that recorded it, so a visit sent again is stored once: the
 * same id with the same content answers the stored visit, with other content 409.
 */
public final class Visits {

    /** The stream's event for a stored visit. */
    public static final String VISITED_EVENT = "visit-checked-in";
    /** How far back a phone's {@code at} may be: a visit kept offline longer than this is refused. */
    public static final Duration MAX_AGE = Duration.ofDays(90);

    private static final String SELECT = "SELECT v.*, r.name AS resident_name FROM visits v"
            + " JOIN residents r ON r.id = v.resident_id";

    /** What storing a phone's visit did. */
    public record Stored(boolean created, VisitView visit) {
    }

    private final Database database;
    private final Clock clock;
    private final ZoneId zone;
    private final Residents residents;
    private final CareTasks tasks;
    private final LiveEvents stream;
    private final Path photoDir;
    private final PeriodCounts months;

    /** The counter table of {@code months}. */
    public static final String MONTH_COUNTS = "visit_month_counts";
    /**
     * The month's coverage in numbers (parameters: the month, then a village twice, or null twice
     * for all): one row of village_counts per village with that month's row of visit_month_counts;
     * no resident and no visit is read (CheckInQueryPlanTest).
     */
    public static final String COVERAGE_COUNTS = "SELECT v.village, v.residents, COALESCE(m.people, 0) AS visited"
            + " FROM village_counts v LEFT JOIN " + MONTH_COUNTS + " m ON m.village = v.village AND m.period = ?"
            + " WHERE v.residents > 0 AND (? IS NULL OR v.village = ?) ORDER BY v.village_key, v.village";

    /**
     * @param photoDir where visits' photos are kept, one JPEG per SHA-256; created on the first
     * @param months the visits counted per village and month (table visit_month_counts), kept here
     *     with every visit stored
     */
    public Visits(Database database, Clock clock, ZoneId zone, Residents residents, CareTasks tasks,
            LiveEvents stream, Path photoDir, PeriodCounts months) {
        this.database = database;
        this.clock = clock;
        this.zone = zone;
        this.residents = residents;
        this.tasks = tasks;
        this.stream = stream;
        this.photoDir = photoDir;
        this.months = months;
    }

    // From kiosks, inside the sync transaction.

    /**
     * Stores a kiosk's VISIT_CHECKED_IN (already checked to name a resident of the kiosk's village
     * and stored in the events table) and completes the tasks it satisfies. The visit counts at the
     * kiosk's time when its clock was trusted, but never later than the hub received it.
     */
    public VisitView fromKiosk(Connection connection, KioskIdentity kiosk, Event event, Instant receivedAt)
            throws SQLException {
        if (!(event.payload() instanceof VisitCheckedIn visit)) {
            throw new IllegalArgumentException("event " + event.id() + " is a " + event.type() + ", not a visit");
        }
        Instant at = event.clockTrusted() && event.occurredAt().isBefore(receivedAt) ? event.occurredAt() : receivedAt;
        List<String> named = Sql.query(connection, "SELECT id FROM cadres WHERE village = ? AND name = ? AND active",
                row -> row.getString(1), kiosk.village(), visit.cadre());
        String id = event.id().toString();
        Sql.update(connection, "INSERT INTO visits (id, resident_id, village, source, kiosk_id, cadre_id, cadre, note,"
                + " visited_at, occurred_at, received_at, clock_trusted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, visit.residentId(), kiosk.village(), VisitSource.KIOSK.name(), kiosk.kioskId(),
                named.size() == 1 ? named.get(0) : null, visit.cadre(), visit.note(), at, event.occurredAt(),
                receivedAt, event.clockTrusted());
        months.added(connection, visit.residentId(), at);
        List<String> done = tasks.completeBy(connection, id, visit.residentId(), at);
        return find(connection, id, done).orElseThrow();
    }

    /** Tells the live stream of a committed visit. */
    public void publish(VisitView visit) {
        stream.publish(VISITED_EVENT, Optional.of(visit.village()), visit);
    }

    // From phones.

    /**
     * Stores a visit sent by {@code user}: a CADRE login for the cadre linked to it, staff for the
     * cadre they name. Audited as {@code visit.record}. A visit whose id is stored already answers
     * the stored one ({@link Stored#created()} false) if it says the same, else 409.
     *
     * @throws RuntimeException a refusal: 400 naming the field, 403 for a resident of another
     *     village or a login without a cadre, 409 for an id used by another visit
     */
    public Stored fromPhone(StaffUser user, VisitInput input, AuditTrail trail) {
        Instant receivedAt = clock.instant();
        if (input.at().isBefore(receivedAt.minus(MAX_AGE))) {
            throw Refusals.invalid("at", "field 'at' is more than " + MAX_AGE.toDays() + " days ago (" + input.at()
                    + "); a visit must be sent within " + MAX_AGE.toDays() + " days");
        }
        Instant at = input.at().isAfter(receivedAt) ? receivedAt : input.at();
        tasks.ensurePlanned();
        Stored stored = database.write(connection -> {
            Optional<Existing> existing = Sql.one(connection, "SELECT * FROM visits WHERE id = ?", Visits::existing,
                    input.id());
            Cadre cadre = cadre(connection, user, input);
            ResidentRow resident = resident(connection, user, input.residentId());
            if (!cadre.village.equals(resident.village)) {
                throw Refusals.invalid("cadreId", "field 'cadreId': cadre " + cadre.id + " is of " + cadre.village
                        + ", resident " + resident.id + " of " + resident.village);
            }
            if (existing.isPresent()) {
                if (!existing.get().sameAs(connection, input, cadre.id)) {
                    throw Refusals.conflict("visit " + input.id() + " was already recorded with other content;"
                            + " a new visit needs a new id");
                }
                return new Stored(false, find(connection, input.id(), List.of()).orElseThrow());
            }
            Sql.update(connection, "INSERT INTO visits (id, resident_id, village, source, kiosk_id, cadre_id, cadre,"
                    + " recorded_by, note, visited_at, occurred_at, received_at, clock_trusted)"
                    + " VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?)", input.id(), resident.id, resident.village,
                    VisitSource.PHONE.name(), cadre.id, cadre.name, user.username(), input.note(), at, input.at(),
                    receivedAt, true);
            months.added(connection, resident.id, at);
            for (int i = 0; i < input.items().size(); i++) {
                Sql.update(connection, "INSERT INTO visit_items (visit_id, position, item) VALUES (?, ?, ?)", input.id(),
                        i, input.items().get(i));
            }
            for (int i = 0; i < input.problems().size(); i++) {
                VisitInput.Problem problem = input.problems().get(i);
                Sql.update(connection, "INSERT INTO visit_problems (visit_id, position, text, solved) VALUES (?, ?, ?, ?)",
                        input.id(), i, problem.text(), problem.solved());
            }
            List<String> done = tasks.completeBy(connection, input.id(), resident.id, at);
            trail.record(connection, "visit.record", input.id(), "resident=" + resident.id + " cadre=" + cadre.id
                    + " items=" + input.items().size() + " problems=" + input.problems().size()
                    + " tasks=" + done.size());
            return new Stored(true, find(connection, input.id(), done).orElseThrow());
        });
        if (stored.created()) {
            publish(stored.visit());
        }
        return stored;
    }

    /**
     * Who is using the phone page: the login, the cadre linked to it (null for none), and the hub's
     * today, which the page counts its days from (a phone's clock may be wrong).
     */
    public record Me(String username, Role role, String village, String displayName, LinkedCadre cadre,
            LocalDate today) {
    }

    /** The cadre a login is linked to. */
    public record LinkedCadre(String id, String name, String village) {
    }

    /** {@code user} and the active cadre linked to their login, if any. */
    public Me me(StaffUser user) {
        LinkedCadre cadre = database.read(connection -> Sql.one(connection,
                "SELECT id, name, village FROM cadres WHERE username = ? AND active", row -> new LinkedCadre(
                        row.getString("id"), row.getString("name"), row.getString("village")), user.username()))
                .orElse(null);
        return new Me(user.username(), user.role(), user.village(), user.displayName(), cadre, day(clock.instant()));
    }

    // Photos.

    /**
     * Stores the photo of a visit (replacing an earlier one), scaled and re-encoded without
     * metadata ({@link PhotoImages}); whoever may see the visit's village may add it. Audited as
     * {@code visit.photo}.
     */
    public VisitView.Photo setPhoto(StaffUser user, String id, byte[] image, AuditTrail trail) {
        get(user, id);
        PhotoImages.Photo photo;
        try {
            photo = PhotoImages.normalise(image);
        } catch (IllegalArgumentException e) {
            throw Refusals.invalid("image", "image: " + e.getMessage());
        }
        String sha256;
        try {
            sha256 = PhotoImages.keep(photoDir, photo.jpeg());
        } catch (IOException e) {
            throw new DatabaseException("cannot store the visit's photo in " + photoDir + ": " + e.getMessage(), e);
        }
        database.write(connection -> {
            Sql.update(connection, "UPDATE visits SET photo_sha256 = ?, photo_bytes = ? WHERE id = ?", sha256,
                    photo.jpeg().length, id);
            trail.record(connection, "visit.photo", id, photo.jpeg().length + " bytes stored");
            return null;
        });
        return new VisitView.Photo(sha256, photo.jpeg().length);
    }

    /** The JPEG file of a visit's photo; 404 for a visit without one, 403 as for the visit. */
    public Path photo(StaffUser user, String id) {
        VisitView visit = get(user, id);
        if (visit.photo() == null) {
            throw Refusals.notFound("visit " + id + " has no photo");
        }
        Path file = photoDir.resolve(visit.photo().sha256() + ".jpg");
        if (!Files.isRegularFile(file)) {
            throw new DatabaseException("the photo file " + file + " of visit " + id + " is missing", null);
        }
        return file;
    }

    // Views.

    /** One visit; 404 if unknown, 403 for another village's (cadres). */
    public VisitView get(StaffUser user, String id) {
        VisitView visit = database.read(connection -> find(connection, id, List.of()))
                .orElseThrow(() -> Refusals.notFound("no visit '" + id + "'"));
        VillageScope.village(user, visit.village(), "visit " + id);
        return visit;
    }

    /**
     * A page of a resident's visits, newest first (then by id, descending); the cursor is the
     * visit's time and id. 403/404 as for the resident.
     */
    public Page<VisitView> of(StaffUser user, String residentId, PageRequest page) {
        residents.get(user, residentId);
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE v.resident_id = ?");
        List<Object> parameters = new ArrayList<>(List.of(residentId));
        Keyset.descending("v.visited_at", "v.id").page(sql, parameters, page, Visits::position);
        return Page.of(database.read(connection -> withDetails(connection, Sql.query(connection, sql.toString(),
                Visits::row, parameters.toArray()))), page, visit -> Cursor.of(visit.at().toEpochMilli(), visit.id()));
    }

    /**
     * A page of the visits of {@code month} that {@code user} may see, oldest first (then by id);
     * the cursor is the visit's time and id.
     */
    public Page<VisitView> inMonth(StaffUser user, YearMonth month, Optional<String> village, PageRequest page) {
        Optional<String> allowed = VillageScope.listVillage(user, village);
        Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE v.visited_at >= ? AND v.visited_at < ?");
        List<Object> parameters = new ArrayList<>(List.of(from, to));
        allowed.ifPresent(one -> {
            sql.append(" AND v.village = ?");
            parameters.add(one);
        });
        Keyset.ascending("v.visited_at", "v.id").page(sql, parameters, page, Visits::position);
        return Page.of(database.read(connection -> withDetails(connection, Sql.query(connection, sql.toString(),
                Visits::row, parameters.toArray()))), page, visit -> Cursor.of(visit.at().toEpochMilli(), visit.id()));
    }

    /** A visit list's cursor values: the visit's time (milliseconds) and id. */
    private static List<?> position(Cursor cursor) {
        return List.of(cursor.number(0), cursor.text(1));
    }

    /** A resident without a visit in the month, with their latest visit ever (null if none). */
    public record Unvisited(String residentId, String name, ResidentType type, Instant lastVisitAt) {
    }

    /**
     * One village's visit coverage in a month (月月有联系); {@code notVisited} is null when the
     * caller asked for numbers only.
     */
    public record Coverage(String village, YearMonth month, int residents, int visited, List<Unvisited> notVisited) {
    }

    /**
     * {@link #coverage} in numbers only (no names), for a hub too large to list everyone: one row
     * per village with active residents, in the villages' pinyin order. Reads one row per village of
     * the counters village_counts and visit_month_counts, whatever the number of residents
     * (docs/checkins.md "Counts kept per village").
     */
    public List<Coverage> coverageCounts(StaffUser user, YearMonth month) {
        String allowed = VillageScope.listVillage(user, Optional.empty()).orElse(null);
        return database.read(connection -> Sql.query(connection, COVERAGE_COUNTS, row -> new Coverage(
                row.getString("village"), month, row.getInt("residents"), row.getInt("visited"), null),
                month.toString(), allowed, allowed));
    }

    /**
     * For each village {@code user} may see: how many active residents had a visit in
     * {@code month}, and who had none. With one village (asked, or a cadre's own) that village
     * alone, on one page; otherwise a page of villages ({@link Residents#villages}: {@code page}'s
     * limit counts villages), each reading only its own residents and their visits of the month
     * ({@link #VILLAGE_VISITED}), so no request reads the whole ledger.
     */
    public Page<Coverage> coverage(StaffUser user, YearMonth month, Optional<String> village, PageRequest page) {
        Optional<String> allowed = VillageScope.listVillage(user, village);
        Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        return database.read(connection -> {
            if (allowed.isPresent()) {
                return new Page<>(villageCoverage(connection, allowed.get(), month, from, to).stream().toList(),
                        Optional.empty());
            }
            Page<String> villages = Residents.villages(connection, page);
            List<Coverage> out = new ArrayList<>();
            for (String name : villages.items()) {
                villageCoverage(connection, name, month, from, to).ifPresent(out::add);
            }
            return new Page<>(out, villages.next());
        });
    }

    /**
     * The active residents of a village (parameter) with a visit in a time range (two more): by the
     * village's residents (index residents_village_order), then each one's visits of the range
     * (index visits_resident), wherever the visit was recorded.
     */
    public static final String VILLAGE_VISITED = "SELECT DISTINCT r.id FROM residents r"
            + " JOIN visits v ON v.resident_id = r.id WHERE r.village = ? AND r.active"
            + " AND v.visited_at >= ? AND v.visited_at < ?";

    /** One village's coverage in the month; empty if it has no active resident. */
    private Optional<Coverage> villageCoverage(Connection connection, String village, YearMonth month, Instant from,
            Instant to) throws SQLException {
        List<ResidentView> list = residents.all(connection, ResidentFilter.village(village));
        if (list.isEmpty()) {
            return Optional.empty();
        }
        Set<String> visited = new HashSet<>(Sql.query(connection, VILLAGE_VISITED, row -> row.getString(1), village,
                from, to));
        List<Unvisited> missing = list.stream().filter(person -> !visited.contains(person.id()))
                .map(person -> new Unvisited(person.id(), person.name(), person.type(), person.lastVisitAt()))
                .toList();
        return Optional.of(new Coverage(village, month, list.size(), list.size() - missing.size(), missing));
    }

    /** The local date of {@code at} in the hub's time zone. */
    private LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, zone);
    }

    // Rows.

    private record Cadre(String id, String name, String village) {
    }

    private record ResidentRow(String id, String village, boolean active) {
    }

    /** The cadre a visit is for: the one linked to a CADRE login, or the one staff name. */
    private static Cadre cadre(Connection connection, StaffUser user, VisitInput input) throws SQLException {
        if (user.role() == Role.CADRE) {
            Cadre linked = Sql.one(connection, "SELECT id, name, village FROM cadres WHERE username = ? AND active",
                    Visits::cadreRow, user.username()).orElseThrow(() -> Refusals.forbidden("login '" + user.username()
                            + "' is not linked to an active cadre; ask township staff to link it on the 村干部 page"));
            if (input.cadreId() != null && !input.cadreId().equals(linked.id)) {
                throw Refusals.forbidden("a cadre records their own visits; cadreId " + input.cadreId()
                        + " is not " + user.username() + "'s");
            }
            return linked;
        }
        if (input.cadreId() == null) {
            throw Refusals.invalid("cadreId", "missing required field 'cadreId': staff name the cadre who visited");
        }
        return Sql.one(connection, "SELECT id, name, village FROM cadres WHERE id = ? AND active", Visits::cadreRow,
                input.cadreId()).orElseThrow(() -> Refusals.invalid("cadreId", "field 'cadreId' names '"
                        + input.cadreId() + "', who is not an active cadre"));
    }

    private static Cadre cadreRow(ResultSet row) throws SQLException {
        return new Cadre(row.getString("id"), row.getString("name"), row.getString("village"));
    }

    private static ResidentRow resident(Connection connection, StaffUser user, String residentId) throws SQLException {
        ResidentRow resident = Sql.one(connection, "SELECT id, village, active FROM residents WHERE id = ?",
                row -> new ResidentRow(row.getString("id"), row.getString("village"), row.getBoolean("active")),
                residentId).orElseThrow(() -> Refusals.invalid("residentId", "field 'residentId' names '" + residentId
                        + "', who is not in the ledger"));
        VillageScope.village(user, resident.village, "resident " + residentId);
        if (!resident.active) {
            throw Refusals.invalid("residentId", "field 'residentId': resident " + residentId
                    + " is no longer active in the ledger");
        }
        return resident;
    }

    /** A stored visit's content, to tell a resend from a different visit with the same id. */
    private record Existing(String id, String residentId, String cadreId, String note, Instant occurredAt) {

        boolean sameAs(Connection connection, VisitInput input, String cadre) throws SQLException {
            Map<String, List<String>> items = items(connection, List.of(id));
            Map<String, List<VisitInput.Problem>> problems = problems(connection, List.of(id));
            return residentId.equals(input.residentId()) && Objects.equals(cadreId, cadre)
                    && Objects.equals(note, input.note())
                    && occurredAt.equals(input.at().truncatedTo(ChronoUnit.MILLIS))
                    && items.getOrDefault(id, List.of()).equals(input.items())
                    && problems.getOrDefault(id, List.of()).equals(input.problems());
        }
    }

    private static Existing existing(ResultSet row) throws SQLException {
        return new Existing(row.getString("id"), row.getString("resident_id"), row.getString("cadre_id"),
                row.getString("note"), Sql.instant(row, "occurred_at"));
    }

    private static Optional<VisitView> find(Connection connection, String id, List<String> tasksDone)
            throws SQLException {
        Optional<VisitView> bare = Sql.one(connection, SELECT + " WHERE v.id = ?", Visits::row, id);
        if (bare.isEmpty()) {
            return bare;
        }
        List<String> done = tasksDone.isEmpty()
                ? Sql.query(connection, "SELECT id FROM care_tasks WHERE visit_id = ? ORDER BY id", r -> r.getString(1), id)
                : tasksDone;
        VisitView visit = withDetails(connection, List.of(bare.get())).get(0);
        return Optional.of(new VisitView(visit.residentId(), visit.kioskId(), visit.at(), visit.residentName(),
                visit.village(), visit.cadre(), visit.note(), visit.eventId(), visit.id(), visit.source(),
                visit.cadreId(), visit.items(), visit.problems(), visit.photo(), visit.recordedBy(),
                visit.receivedAt(), done));
    }

    /** The visits with their items and problems filled in (two queries for the whole list). */
    private static List<VisitView> withDetails(Connection connection, List<VisitView> visits) throws SQLException {
        if (visits.isEmpty()) {
            return visits;
        }
        List<String> ids = visits.stream().map(VisitView::id).toList();
        Map<String, List<String>> items = items(connection, ids);
        Map<String, List<VisitInput.Problem>> problems = problems(connection, ids);
        return visits.stream().map(v -> new VisitView(v.residentId(), v.kioskId(), v.at(), v.residentName(),
                v.village(), v.cadre(), v.note(), v.eventId(), v.id(), v.source(), v.cadreId(),
                items.getOrDefault(v.id(), List.of()), problems.getOrDefault(v.id(), List.of()), v.photo(),
                v.recordedBy(), v.receivedAt(), v.tasksDone())).toList();
    }

    private static Map<String, List<String>> items(Connection connection, List<String> ids) throws SQLException {
        Map<String, List<String>> out = new HashMap<>();
        Sql.query(connection, "SELECT visit_id, item FROM visit_items WHERE visit_id IN (" + Rows.placeholders(ids)
                + ") ORDER BY visit_id, position", row -> out.computeIfAbsent(row.getString(1), k -> new ArrayList<>())
                        .add(row.getString(2)), ids.toArray());
        return out;
    }

    private static Map<String, List<VisitInput.Problem>> problems(Connection connection, List<String> ids)
            throws SQLException {
        Map<String, List<VisitInput.Problem>> out = new HashMap<>();
        Sql.query(connection, "SELECT visit_id, text, solved FROM visit_problems WHERE visit_id IN ("
                + Rows.placeholders(ids) + ") ORDER BY visit_id, position", row -> out.computeIfAbsent(row.getString(1),
                        k -> new ArrayList<>()).add(new VisitInput.Problem(row.getString(2), row.getBoolean(3))),
                ids.toArray());
        return out;
    }

    private static VisitView row(ResultSet row) throws SQLException {
        VisitSource source = VisitSource.valueOf(row.getString("source"));
        String photo = row.getString("photo_sha256");
        return new VisitView(row.getString("resident_id"), row.getString("kiosk_id"), Sql.instant(row, "visited_at"),
                row.getString("resident_name"), row.getString("village"), row.getString("cadre"), row.getString("note"),
                source == VisitSource.KIOSK ? row.getString("id") : null, row.getString("id"), source,
                row.getString("cadre_id"), List.of(), List.of(),
                photo == null ? null : new VisitView.Photo(photo, row.getInt("photo_bytes")),
                row.getString("recorded_by"), Sql.instant(row, "received_at"), List.of());
    }
}
