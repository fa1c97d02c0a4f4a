package org.courtyard.hub.checkin;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.courtyard.hub.auth.KioskIdentity;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.core.Cursor;
import org.courtyard.hub.core.Keyset;
import org.courtyard.hub.core.Page;
import org.courtyard.hub.core.PageRequest;
import org.courtyard.hub.core.Refusal;
import org.courtyard.hub.notify.LiveEvents;
import org.courtyard.hub.residents.PeriodCounts;
import org.courtyard.hub.residents.ResidentFilter;
import org.courtyard.hub.residents.ResidentView;
import org.courtyard.hub.residents.Residents;
import org.courtyard.hub.residents.Standing;
import org.courtyard.hub.residents.VillageScope;
import org.courtyard.hub.store.Database;
import org.courtyard.hub.store.Sql;
import org.courtyard.protocol.CheckInUndone;
import org.courtyard.protocol.CheckedIn;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.ResidentType;
import org.courtyard.protocol.VisitCheckedIn;

/**
 * Check-ins (报平安) as kiosks report them, and the views staff read: the check-ins of a day, today
 * by village (who has and who has not), a person's history. Visits are the care feature's
 * ({@code org.courtyard.hub.care.Visits}).
 *
 * <p>Days and months are those of the hub's time zone. A check-in counts at the kiosk's time when
 * its clock was trusted (but never later than the hub received it), else at the hub's receive time.
 */
public final class CheckIns {

    /** The stream's event for a stored check-in. */
    public static final String CHECKED_IN_EVENT = "checked-in";
    /** The stream's event for a check-in taken back with 「不是我」 (CHECK_IN_UNDONE). */
    public static final String UNDONE_EVENT = "checkin-undone";

    /** Something to tell the stream once the sync transaction that stored it has committed. */
    public record Change(String event, String village, Object data) {
    }

    private static final String SELECT_CHECK_IN = "SELECT c.*, r.name FROM check_ins c JOIN residents r"
            + " ON r.id = c.resident_id";
    /**
     * One village's check-ins of a day, oldest first: reads the index check_ins_village
     * (village, checked_in_at) and nothing of other villages (CheckInQueryPlanTest).
     */
    public static final String VILLAGE_DAY = SELECT_CHECK_IN + " WHERE c.village = ? AND c.checked_in_at >= ?"
            + " AND c.checked_in_at < ? ORDER BY c.checked_in_at, c.event_id";

    private final Database database;
    private final Clock clock;
    private final ZoneId zone;
    private final Residents residents;
    private final Alerts alerts;
    private final LiveEvents stream;
    private final PeriodCounts days;

    /**
     * @param days the check-ins counted per village and day (table check_in_day_counts), kept here
     *     with every check-in and undo
     */
    public CheckIns(Database database, Clock clock, ZoneId zone, Residents residents, Alerts alerts,
            LiveEvents stream, PeriodCounts days) {
        this.database = database;
        this.clock = clock;
        this.zone = zone;
        this.residents = residents;
        this.alerts = alerts;
        this.stream = stream;
        this.days = days;
    }

    /** The counter table of {@code days}. */
    public static final String DAY_COUNTS = "check_in_day_counts";
    /**
     * The day in numbers (parameters: the day, then a village twice, or null twice for all): one row
     * of village_counts per village in their order (index village_counts_order) with that day's
     * row of check_in_day_counts by its key; no resident and no check-in is read
     * (CheckInQueryPlanTest).
     */
    public static final String VILLAGE_COUNTS = "SELECT v.village, v.residents, v.expected,"
            + " COALESCE(d.people, 0) AS checked_in, v.expected - COALESCE(d.expected_people, 0) AS waiting"
            + " FROM village_counts v LEFT JOIN " + DAY_COUNTS + " d ON d.village = v.village AND d.period = ?"
            + " WHERE v.residents > 0 AND (? IS NULL OR v.village = ?) ORDER BY v.village_key, v.village";

    // From kiosks, inside the sync transaction.

    /**
     * Checks that a CHECKED_IN or VISIT_CHECKED_IN names a resident of the kiosk's village, and a
     * home unit's its own resident, before anything of the event is stored.
     *
     * @return the resident as {@link #record} needs them, read once for both
     * @throws Refusal {@code other_resident}, {@code unknown_resident} or {@code other_village}
     */
    public Checked check(Connection connection, KioskIdentity kiosk, Event event) throws SQLException {
        String residentId = residentOf(event);
        if (kiosk.home() && !residentId.equals(kiosk.residentId())) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "other_resident", event.type() + " names resident "
                    + residentId + ", but home unit " + kiosk.kioskId() + " speaks only for its resident "
                    + kiosk.residentId());
        }
        Optional<Checked> found = Sql.one(connection, "SELECT village, name, active, check_in_every_days FROM residents"
                + " WHERE id = ?", row -> {
                    String village = row.getString("village");
                    Integer every = row.getObject("check_in_every_days") == null ? null
                            : row.getInt("check_in_every_days");
                    return new Checked(village, row.getString("name"), Standing.of(row.getBoolean("active"), village,
                            every));
                }, residentId);
        if (found.isEmpty()) {
            throw new Refusal(Refusal.Kind.NOT_FOUND, "unknown_resident", event.type() + " names resident "
                    + residentId + ", who is not registered on this hub");
        }
        String village = found.get().village();
        if (!village.equals(kiosk.village())) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "other_village", event.type() + " names resident "
                    + residentId + " of " + village + "; this kiosk is in " + kiosk.village());
        }
        return found.get();
    }

    /**
     * The resident a check-in names, as {@link #check} found them: their village, name and how they
     * count in the per-village counts ({@code standing} null when inactive).
     */
    public record Checked(String village, String name, Standing standing) {
    }

    /**
     * Stores a checked CHECKED_IN (already in the events table) as a check-in; one that ends a
     * resident's silence clears their alert. Returns what to publish after the commit; the
     * check-in published is made from what was stored (times to the millisecond, as kept), not
     * read back.
     *
     * @param resident the resident, as {@link #check} found them in this transaction
     */
    public List<Change> record(Connection connection, KioskIdentity kiosk, Event event, Instant receivedAt,
            Checked resident) throws SQLException {
        Instant at = event.clockTrusted() && event.occurredAt().isBefore(receivedAt) ? event.occurredAt() : receivedAt;
        List<Change> changes = new ArrayList<>();
        if (event.payload() instanceof CheckedIn checkedIn) {
            Sql.update(connection, "INSERT INTO check_ins (event_id, resident_id, kiosk_id, village, checked_in_at,"
                    + " occurred_at, received_at, clock_trusted) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", event.id().toString(),
                    checkedIn.residentId(), kiosk.kioskId(), kiosk.village(), at, event.occurredAt(), receivedAt,
                    event.clockTrusted());
            days.added(connection, checkedIn.residentId(), resident.standing(), at);
            CheckInRecord record = new CheckInRecord(checkedIn.residentId(), kiosk.kioskId(), asStored(at),
                    resident.name(), kiosk.village(), event.id().toString(), asStored(event.occurredAt()),
                    asStored(receivedAt), event.clockTrusted());
            changes.add(new Change(CHECKED_IN_EVENT, kiosk.village(), record));
            Optional<AlertView> cleared = alerts.clearOnCheckIn(connection, checkedIn.residentId(),
                    "报平安 " + kiosk.name(), receivedAt);
            if (cleared.isPresent()) {
                // Kept with the check-in, so that taking it back (「不是我」) can open the alert again.
                Sql.update(connection, "UPDATE check_ins SET cleared_alert_id = ? WHERE event_id = ?",
                        cleared.get().id(), event.id().toString());
                changes.add(new Change(Alerts.CLEARED_EVENT, kiosk.village(), cleared.get()));
            }
        } else {
            throw new IllegalArgumentException("event " + event.id() + " is a " + event.type() + ", not a check-in");
        }
        return changes;
    }

    /**
     * Takes back the check-in a CHECK_IN_UNDONE names, inside the sync transaction: the check-in is
     * deleted as if it had never been made, and the missed-check-in alert it cleared, if any, is
     * open again. An undo of a check-in this hub does not have from {@code kiosk} (never received,
     * refused, or already taken back) changes nothing. Returns what to publish after the commit.
     */
    public List<Change> undo(Connection connection, KioskIdentity kiosk, CheckInUndone undone) throws SQLException {
        Optional<CheckInRecord> record = Sql.one(connection, SELECT_CHECK_IN + " WHERE c.event_id = ? AND c.kiosk_id = ?",
                CheckIns::checkIn, undone.checkInId().toString(), kiosk.kioskId());
        if (record.isEmpty()) {
            return List.of();
        }
        Optional<Long> clearedAlert = Sql.one(connection, "SELECT cleared_alert_id FROM check_ins WHERE event_id = ?",
                row -> {
                    long id = row.getLong(1);
                    return row.wasNull() ? null : id;
                }, undone.checkInId().toString());
        Sql.update(connection, "DELETE FROM check_ins WHERE event_id = ?", undone.checkInId().toString());
        days.removed(connection, record.get().residentId(), record.get().at());
        List<Change> changes = new ArrayList<>();
        changes.add(new Change(UNDONE_EVENT, kiosk.village(), record.get()));
        if (clearedAlert.isPresent()) {
            alerts.reopen(connection, clearedAlert.get())
                    .ifPresent(alert -> changes.add(new Change(Alerts.RAISED_EVENT, alert.village(), alert)));
        }
        return changes;
    }

    /** Tells the live stream of committed check-ins and the alerts they cleared or opened again. */
    public void publish(List<Change> changes) {
        for (Change change : changes) {
            stream.publish(change.event(), Optional.of(change.village()), change.data());
        }
    }

    /** An instant as a {@code BIGINT} column keeps it: to the millisecond. */
    private static Instant asStored(Instant instant) {
        return Instant.ofEpochMilli(instant.toEpochMilli());
    }

    private static String residentOf(Event event) {
        if (event.payload() instanceof CheckedIn checkedIn) {
            return checkedIn.residentId();
        }
        if (event.payload() instanceof VisitCheckedIn visit) {
            return visit.residentId();
        }
        throw new IllegalArgumentException("event " + event.id() + " is a " + event.type()
                + ", not a check-in or a visit");
    }

    // Views.

    /** Today in the hub's time zone. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    /** A page of the check-ins of {@code date} that {@code user} may see, oldest first. */
    public Page<CheckInRecord> onDate(StaffUser user, LocalDate date, Optional<String> village, PageRequest page) {
        Optional<String> allowed = VillageScope.listVillage(user, village);
        Instant from = date.atStartOfDay(zone).toInstant();
        Instant to = date.plusDays(1).atStartOfDay(zone).toInstant();
        StringBuilder sql = new StringBuilder(SELECT_CHECK_IN).append(" WHERE c.checked_in_at >= ? AND c.checked_in_at < ?");
        List<Object> parameters = new ArrayList<>(List.of(from, to));
        allowed.ifPresent(v -> {
            sql.append(" AND c.village = ?");
            parameters.add(v);
        });
        Keyset.ascending("c.checked_in_at", "c.event_id").page(sql, parameters, page, CheckIns::position);
        return database.read(connection -> Page.of(Sql.query(connection, sql.toString(), CheckIns::checkIn,
                parameters.toArray()), page, record -> Cursor.of(record.at().toEpochMilli(), record.eventId())));
    }

    /** Someone who checked in on the day, with their first check-in of it. */
    public record Present(String residentId, String name, ResidentType type, Instant at, String kioskId) {
    }

    /** Someone who did not (yet) check in on the day. */
    public record Absent(String residentId, String name, ResidentType type, Integer checkInEveryDays,
            Instant lastCheckInAt, boolean alert, LocalDate pausedUntil) {
    }

    /**
     * One village on one day: {@code expected} counts the residents with a check-in expectation;
     * {@code checkedIn} and {@code notCheckedIn} together are every active resident.
     */
    public record VillageDay(String village, LocalDate date, int residents, int expected, List<Present> checkedIn,
            List<Absent> notCheckedIn) {
    }

    /**
     * One village on one day in numbers: active residents, those with an expectation, those who
     * checked in, those with an expectation who did not (yet).
     */
    public record VillageCount(String village, LocalDate date, int residents, int expected, int checkedIn,
            int waiting) {
    }

    /**
     * {@link #byVillage} in numbers only, for a township too large to list every name: one row per
     * village with active residents, in the villages' pinyin order. Reads one row per village of
     * the counters village_counts and check_in_day_counts, whatever the number of residents
     * (docs/checkins.md "Counts kept per village"); VillageCountsTest holds them equal to a count
     * from scratch.
     */
    public List<VillageCount> countsByVillage(StaffUser user, LocalDate date) {
        String allowed = VillageScope.listVillage(user, Optional.empty()).orElse(null);
        return database.read(connection -> Sql.query(connection, VILLAGE_COUNTS, row -> new VillageCount(
                row.getString("village"), date, row.getInt("residents"), row.getInt("expected"),
                row.getInt("checked_in"), row.getInt("waiting")), date.toString(), allowed, allowed));
    }

    /**
     * Who has and who has not checked in on {@code date}, village by village. With one village
     * (asked, or a cadre's own) that village alone, on one page; otherwise a page of villages
     * ({@link Residents#villages}: {@code page}'s limit counts villages), each reading only its
     * own residents and check-ins (indexes residents_village_order and check_ins_village), so no
     * request reads the whole ledger.
     */
    public Page<VillageDay> byVillage(StaffUser user, LocalDate date, Optional<String> village, PageRequest page) {
        Optional<String> allowed = VillageScope.listVillage(user, village);
        Instant from = date.atStartOfDay(zone).toInstant();
        Instant to = date.plusDays(1).atStartOfDay(zone).toInstant();
        return database.read(connection -> {
            if (allowed.isPresent()) {
                return new Page<>(villageDay(connection, allowed.get(), date, from, to).stream().toList(),
                        Optional.empty());
            }
            Page<String> villages = Residents.villages(connection, page);
            List<VillageDay> out = new ArrayList<>();
            for (String name : villages.items()) {
                villageDay(connection, name, date, from, to).ifPresent(out::add);
            }
            return new Page<>(out, villages.next());
        });
    }

    /** One village's day; empty if it has no active resident. */
    private Optional<VillageDay> villageDay(Connection connection, String village, LocalDate date, Instant from,
            Instant to) throws SQLException {
        List<ResidentView> list = residents.all(connection, ResidentFilter.village(village));
        if (list.isEmpty()) {
            return Optional.empty();
        }
        Map<String, CheckInRecord> first = new LinkedHashMap<>();
        for (CheckInRecord record : Sql.query(connection, VILLAGE_DAY, CheckIns::checkIn, village, from, to)) {
            first.putIfAbsent(record.residentId(), record);
        }
        List<Present> present = new ArrayList<>();
        List<Absent> absent = new ArrayList<>();
        for (ResidentView person : list) {
            CheckInRecord record = first.get(person.id());
            if (record != null) {
                present.add(new Present(person.id(), person.name(), person.type(), record.at(), record.kioskId()));
            } else {
                absent.add(new Absent(person.id(), person.name(), person.type(), person.checkInEveryDays(),
                        person.lastCheckInAt(), person.alert(), person.pausedUntil()));
            }
        }
        present.sort(java.util.Comparator.comparing(Present::at));
        int expected = (int) list.stream().filter(person -> person.checkInEveryDays() != null).count();
        return Optional.of(new VillageDay(village, date, list.size(), expected, present, absent));
    }

    /**
     * A page of a resident's check-ins, newest first (then by event id, descending); the cursor is
     * the check-in's time and event id. 403/404 as for the resident.
     */
    public Page<CheckInRecord> history(StaffUser user, String residentId, PageRequest page) {
        residents.get(user, residentId);
        StringBuilder sql = new StringBuilder(SELECT_CHECK_IN).append(" WHERE c.resident_id = ?");
        List<Object> parameters = new ArrayList<>(List.of(residentId));
        Keyset.descending("c.checked_in_at", "c.event_id").page(sql, parameters, page, CheckIns::position);
        return Page.of(database.read(connection -> Sql.query(connection, sql.toString(), CheckIns::checkIn,
                parameters.toArray())), page, record -> Cursor.of(record.at().toEpochMilli(), record.eventId()));
    }

    /** A check-in list's cursor values: the check-in's time (milliseconds) and event id. */
    private static List<?> position(Cursor cursor) {
        return List.of(cursor.number(0), cursor.text(1));
    }

    private static CheckInRecord checkIn(ResultSet row) throws SQLException {
        return new CheckInRecord(row.getString("resident_id"), row.getString("kiosk_id"),
                Sql.instant(row, "checked_in_at"), row.getString("name"), row.getString("village"),
                row.getString("event_id"), Sql.instant(row, "occurred_at"), Sql.instant(row, "received_at"),
                row.getBoolean("clock_trusted"));
    }
}
