package org.courtyard.hub.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.courtyard.hub.announce.Announcements;
import org.courtyard.hub.auth.KioskKind;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.store.Database;
import org.courtyard.hub.store.DatabaseException;
import org.courtyard.hub.store.Sql;
import org.courtyard.protocol.HelpCategory;
import org.courtyard.protocol.HelpSource;
import org.courtyard.protocol.HelpStatus;
import org.courtyard.protocol.Priority;
import org.courtyard.protocol.ProtocolJson;
import org.courtyard.protocol.Targets;

/**
 * Computes a {@link Report} from the stored records, in one read transaction so every part sees
 * the same moment. Each figure follows its definition in docs/reports.md; every aggregate runs in
 * SQL or streams its rows, so nothing holds a whole table. Staff report on any village or the
 * whole township; a cadre on their own village only.
 */
public final class Reports {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    /** Who is cared for over [start, end): in the ledger before the end, and not gone before the start. */
    private static final String CARED_FOR = " r.created_at < ? AND (r.active OR r.left_at >= ?)";
    /** A help request's time: the kiosk's when its clock was trusted and earlier than the receipt. */
    private static final String HELP_AT = "(CASE WHEN h.clock_trusted AND h.occurred_at < h.received_at"
            + " THEN h.occurred_at ELSE h.received_at END)";

    private final Database database;
    private final Clock clock;
    private final ZoneId zone;
    private final ReportSettings settings;
    private final String fiveGuaranteeTag;
    private final ReportText text = ReportText.load();

    /** @param fiveGuaranteeTag the ledger tag of 五保户, as the survey's criteria know it */
    public Reports(Database database, Clock clock, ZoneId zone, ReportSettings settings, String fiveGuaranteeTag) {
        this.database = database;
        this.clock = clock;
        this.zone = zone;
        this.settings = settings;
        this.fiveGuaranteeTag = fiveGuaranteeTag;
    }

    /** The report of {@code period}, for one village or (staff only) the whole township. */
    public Report report(StaffUser user, org.courtyard.hub.reports.Period period, Optional<String> village) {
        Optional<String> allowed = villageOf(user, village);
        Instant start = period.from().atStartOfDay(zone).toInstant();
        Instant end = period.to().plusDays(1).atStartOfDay(zone).toInstant();
        return database.read(connection -> new Report(
                text.title(settings.township(), allowed.orElse(null), period.from(), period.to()),
                settings.township(), period.from(), period.to(), allowed.orElse(null), clock.instant(),
                people(connection, period, start, end, allowed),
                pairs(connection, start, end, allowed),
                visits(connection, period, start, end, allowed),
                help(connection, start, end, allowed),
                checkIns(connection, period, start, end, allowed),
                announcements(connection, start, end, allowed),
                problems(connection, start, end, allowed),
                items(connection, start, end, allowed)));
    }

    // The parts.

    private Report.People people(Connection connection, org.courtyard.hub.reports.Period period, Instant start,
            Instant end, Optional<String> village) throws SQLException {
        // total, elders, children, 五保户, 空巢, 患病, 高龄, 留守儿童, joined, left
        int[] n = new int[10];
        Map<String, Integer> tags = new TreeMap<>();
        Set<String> illness = Set.copyOf(settings.illnessTags());
        Sql.each(connection, "SELECT r.type, r.tags, r.birth_date, r.created_at, r.left_at FROM residents r WHERE"
                + CARED_FOR + inVillage("r.village", village), row -> {
                    boolean elder = row.getString("type").equals("ELDER");
                    List<String> own = tags(row);
                    String born = row.getString("birth_date");
                    n[0]++;
                    n[elder ? 1 : 2]++;
                    if (own.contains(fiveGuaranteeTag)) {
                        n[3]++;
                    }
                    n[elder ? 4 : 7]++;
                    if (own.stream().anyMatch(illness::contains)) {
                        n[5]++;
                    }
                    if (elder && (born == null ? own.contains("高龄") || own.contains(settings.oldAge() + "岁以上")
                            : Period.between(LocalDate.parse(born), period.to()).getYears() >= settings.oldAge())) {
                        n[6]++;
                    }
                    own.forEach(tag -> tags.merge(tag, 1, Integer::sum));
                    if (!Sql.instant(row, "created_at").isBefore(start)) {
                        n[8]++;
                    }
                    Instant left = Sql.instant(row, "left_at");
                    if (left != null && left.isBefore(end)) {
                        n[9]++;
                    }
                }, parameters(end, start, village));
        Map<String, Integer> byCount = new LinkedHashMap<>();
        tags.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(entry -> byCount.put(entry.getKey(), entry.getValue()));
        return new Report.People(n[0], n[1], n[2], new Report.Groups(n[3], n[4], n[5], n[6], n[7]), byCount, n[8],
                n[9]);
    }

    private Report.Pairs pairs(Connection connection, Instant start, Instant end, Optional<String> village)
            throws SQLException {
        int residents = count(connection, "SELECT COUNT(*) FROM residents r WHERE" + CARED_FOR
                + inVillage("r.village", village), parameters(end, start, village));
        return Sql.one(connection, "SELECT COUNT(*) AS pairs, COUNT(DISTINCT p.resident_id) AS paired,"
                + " COUNT(DISTINCT p.cadre_id) AS cadres FROM pairings p JOIN residents r ON r.id = p.resident_id"
                + " WHERE" + CARED_FOR + inVillage("r.village", village), row -> new Report.Pairs(row.getInt("pairs"),
                        row.getInt("paired"), ratio(row.getInt("paired"), residents), row.getInt("cadres")),
                parameters(end, start, village)).orElseThrow();
    }

    private Report.Visits visits(Connection connection, org.courtyard.hub.reports.Period period, Instant start,
            Instant end, Optional<String> village) throws SQLException {
        Object[] inPeriod = parameters(start, end, village);
        int personTimes = count(connection, "SELECT COUNT(*) FROM visits v WHERE v.visited_at >= ? AND v.visited_at < ?"
                + inVillage("v.village", village), inPeriod);
        int visited = count(connection, "SELECT COUNT(DISTINCT v.resident_id) FROM visits v WHERE v.visited_at >= ?"
                + " AND v.visited_at < ?" + inVillage("v.village", village), inPeriod);
        List<Report.Month> months = new ArrayList<>();
        for (YearMonth month = YearMonth.from(period.from()); !month.isAfter(YearMonth.from(period.to()));
                month = month.plusMonths(1)) {
            LocalDate first = max(month.atDay(1), period.from());
            LocalDate last = min(month.atEndOfMonth(), period.to());
            Instant from = first.atStartOfDay(zone).toInstant();
            Instant to = last.plusDays(1).atStartOfDay(zone).toInstant();
            int residents = count(connection, "SELECT COUNT(*) FROM residents r WHERE" + CARED_FOR
                    + inVillage("r.village", village), parameters(to, from, village));
            int covered = count(connection, "SELECT COUNT(DISTINCT v.resident_id) FROM visits v JOIN residents r"
                    + " ON r.id = v.resident_id WHERE v.visited_at >= ? AND v.visited_at < ? AND" + CARED_FOR
                    + inVillage("r.village", village), parameters(from, to, to, from, village));
            int times = count(connection, "SELECT COUNT(*) FROM visits v WHERE v.visited_at >= ? AND v.visited_at < ?"
                    + inVillage("v.village", village), parameters(from, to, village));
            months.add(new Report.Month(month, first, last, residents, covered, ratio(covered, residents), times));
        }
        return new Report.Visits(personTimes, visited, months);
    }

    private Report.HelpRequests help(Connection connection, Instant start, Instant end, Optional<String> village)
            throws SQLException {
        Map<String, Integer> byCategory = zeros(HelpCategory.values(), "NONE");
        Map<String, Integer> bySource = zeros(HelpSource.values(), null);
        int[] n = new int[5];
        List<Long> acknowledged = new ArrayList<>();
        Sql.each(connection, "SELECT h.status, h.category, h.source, h.overdue_at, h.received_at,"
                + " (SELECT MIN(x.changed_at) FROM help_history x WHERE x.request_id = h.id"
                + " AND x.status = 'ACKNOWLEDGED') AS acknowledged_at"
                + " FROM help_requests h WHERE " + HELP_AT + " >= ? AND " + HELP_AT + " < ?"
                + inVillage("h.village", village), row -> {
                    n[0]++;
                    String category = row.getString("category");
                    byCategory.merge(category == null ? "NONE" : category, 1, Integer::sum);
                    bySource.merge(row.getString("source"), 1, Integer::sum);
                    HelpStatus status = HelpStatus.valueOf(row.getString("status"));
                    if (status == HelpStatus.RESOLVED) {
                        n[1]++;
                    } else if (status == HelpStatus.CANCELLED) {
                        n[2]++;
                    } else {
                        n[3]++;
                    }
                    row.getLong("overdue_at");
                    if (!row.wasNull()) {
                        n[4]++;
                    }
                    Instant at = Sql.instant(row, "acknowledged_at");
                    if (at != null) {
                        acknowledged.add(Math.max(0, ChronoUnit.SECONDS.between(Sql.instant(row, "received_at"), at)));
                    }
                }, parameters(start, end, village));
        Collections.sort(acknowledged);
        return new Report.HelpRequests(n[0], byCategory, bySource, n[1], n[2], n[3], n[4], new Report.Durations(
                acknowledged.size(), percentile(acknowledged, 50), percentile(acknowledged, 90)));
    }

    private Report.CheckIns checkIns(Connection connection, org.courtyard.hub.reports.Period period, Instant start,
            Instant end, Optional<String> village) throws SQLException {
        int checkIns = count(connection, "SELECT COUNT(*) FROM check_ins c WHERE c.checked_in_at >= ?"
                + " AND c.checked_in_at < ?" + inVillage("c.village", village), parameters(start, end, village));
        // A day counts once it is over: the report of the current month is the month so far.
        LocalDate yesterday = LocalDate.ofInstant(clock.instant(), zone).minusDays(1);
        LocalDate last = min(period.to(), yesterday);
        Expected totals = new Expected();
        if (!last.isBefore(period.from())) {
            Instant windowEnd = last.plusDays(1).atStartOfDay(zone).toInstant();
            Sql.each(connection, "SELECT r.id, r.check_in_every_days, r.expect_since, r.left_at, c.checked_in_at"
                    + " FROM residents r LEFT JOIN check_ins c ON c.resident_id = r.id AND c.checked_in_at >= ?"
                    + " AND c.checked_in_at < ? WHERE r.check_in_every_days IS NOT NULL AND" + CARED_FOR
                    + inVillage("r.village", village) + " ORDER BY r.id, c.checked_in_at",
                    row -> totals.row(row, period.from(), last), parameters(start, windowEnd, windowEnd, start,
                            village));
            totals.finish();
        }
        return new Report.CheckIns(checkIns, totals.residents, totals.expected, totals.made,
                totals.expected == 0 ? null : (double) totals.made / totals.expected);
    }

    /** Sums each person's expected check-ins and the days they checked in, one resident's rows at a time. */
    private final class Expected {
        int residents;
        long expected;
        long made;
        private String current;
        private long ownExpected;
        private final Set<LocalDate> days = new HashSet<>();
        private LocalDate first;
        private LocalDate last;

        void row(ResultSet row, LocalDate from, LocalDate to) throws SQLException {
            String id = row.getString("id");
            if (!id.equals(current)) {
                finish();
                current = id;
                LocalDate since = LocalDate.ofInstant(Sql.instant(row, "expect_since"), zone);
                Instant left = Sql.instant(row, "left_at");
                first = max(from, since);
                last = left == null ? to : min(to, LocalDate.ofInstant(left, zone).minusDays(1));
                long length = first.isAfter(last) ? 0 : ChronoUnit.DAYS.between(first, last) + 1;
                ownExpected = length / row.getInt("check_in_every_days");
            }
            Instant at = Sql.instant(row, "checked_in_at");
            if (at != null) {
                LocalDate day = LocalDate.ofInstant(at, zone);
                if (!day.isBefore(first) && !day.isAfter(last)) {
                    days.add(day);
                }
            }
        }

        void finish() {
            if (current != null && ownExpected > 0) {
                residents++;
                expected += ownExpected;
                made += Math.min(days.size(), ownExpected);
            }
            current = null;
            days.clear();
        }
    }

    /** A kiosk as the announcement figures need it. */
    private record KioskRow(String village, KioskKind kind, JsonNode lastHeartbeat) {
    }

    /** One kiosk's delivery of an announcement: plays it reported, and whether one ran to the end. */
    private record DeliveryRow(int plays, boolean played) {
    }

    private Report.Announcements announcements(Connection connection, Instant start, Instant end,
            Optional<String> village) throws SQLException {
        Map<String, KioskRow> kiosks = new LinkedHashMap<>();
        Sql.each(connection, "SELECT id, village, kind, last_heartbeat FROM kiosks", row -> kiosks.put(row.getString("id"),
                new KioskRow(row.getString("village"), KioskKind.valueOf(row.getString("kind")), heartbeat(row))));
        int[] n = new int[6];
        Sql.each(connection, "SELECT id, targets, priority, withdrawn_at FROM announcements WHERE created_at >= ?"
                + " AND created_at < ? ORDER BY created_at", row -> {
                    Targets targets = ProtocolJson.read(row.getString("targets"), Targets.class);
                    Set<String> reached = new HashSet<>();
                    kiosks.forEach((id, kiosk) -> {
                        if (Announcements.targets(targets, id, kiosk.village())
                                && (village.isEmpty() || village.get().equals(kiosk.village()))) {
                            reached.add(id);
                        }
                    });
                    boolean forVillage = village.isEmpty() || targets.isEveryone()
                            || targets.villages().contains(village.get()) || !reached.isEmpty();
                    if (!forVillage) {
                        return;
                    }
                    Priority priority = Priority.valueOf(row.getString("priority"));
                    n[0]++;
                    if (priority == Priority.EMERGENCY) {
                        n[1]++;
                    }
                    row.getLong("withdrawn_at");
                    if (!row.wasNull()) {
                        n[2]++;
                    }
                    Map<String, DeliveryRow> deliveries = new HashMap<>();
                    Sql.each(connection, "SELECT kiosk_id, plays, played_at IS NOT NULL AS played"
                            + " FROM announcement_deliveries WHERE announcement_id = ?", delivery -> deliveries.put(
                                    delivery.getString("kiosk_id"),
                                    new DeliveryRow(delivery.getInt("plays"), delivery.getInt("played") == 1)),
                            row.getString("id"));
                    for (String id : reached) {
                        KioskRow kiosk = kiosks.get(id);
                        DeliveryRow delivery = deliveries.getOrDefault(id, new DeliveryRow(0, false));
                        // As the delivery board counts: a unit that holds it but does not play NORMAL ones is apart.
                        if (Announcements.notPlayedBySetting(priority, kiosk.kind(), kiosk.lastHeartbeat(),
                                delivery.plays())) {
                            n[5]++;
                            continue;
                        }
                        n[3]++;
                        if (delivery.played()) {
                            n[4]++;
                        }
                    }
                }, start, end);
        return new Report.Announcements(n[0], n[1], n[2], n[3], n[4], n[5]);
    }

    private static JsonNode heartbeat(ResultSet row) throws SQLException {
        String heartbeat = row.getString("last_heartbeat");
        if (heartbeat == null) {
            return null;
        }
        try {
            return ProtocolJson.mapper().readTree(heartbeat);
        } catch (JsonProcessingException e) {
            throw new DatabaseException("stored heartbeat of kiosk " + row.getString("id") + " is not JSON", e);
        }
    }

    private Report.Problems problems(Connection connection, Instant start, Instant end, Optional<String> village)
            throws SQLException {
        return Sql.one(connection, "SELECT COUNT(*) AS found, COALESCE(SUM(CASE WHEN p.solved THEN 1 ELSE 0 END), 0)"
                + " AS solved, COUNT(DISTINCT v.id) AS visits, COUNT(DISTINCT v.resident_id) AS residents"
                + " FROM visit_problems p JOIN visits v ON v.id = p.visit_id WHERE v.visited_at >= ?"
                + " AND v.visited_at < ?" + inVillage("v.village", village), row -> new Report.Problems(
                        row.getInt("found"), row.getInt("solved"), row.getInt("found") - row.getInt("solved"),
                        row.getInt("visits"), row.getInt("residents")), parameters(start, end, village))
                .orElseThrow();
    }

    private Report.Items items(Connection connection, Instant start, Instant end, Optional<String> village)
            throws SQLException {
        Map<String, Integer> byItem = new LinkedHashMap<>();
        Sql.each(connection, "SELECT i.item, COUNT(*) AS given FROM visit_items i JOIN visits v ON v.id = i.visit_id"
                + " WHERE v.visited_at >= ? AND v.visited_at < ?" + inVillage("v.village", village)
                + " GROUP BY i.item ORDER BY given DESC, i.item", row -> byItem.put(row.getString("item"),
                        row.getInt("given")), parameters(start, end, village));
        int visits = count(connection, "SELECT COUNT(DISTINCT v.id) FROM visit_items i JOIN visits v"
                + " ON v.id = i.visit_id WHERE v.visited_at >= ? AND v.visited_at < ?" + inVillage("v.village", village),
                parameters(start, end, village));
        return new Report.Items(byItem.values().stream().mapToInt(Integer::intValue).sum(), visits, byItem);
    }

    // Helpers.

    private static String inVillage(String column, Optional<String> village) {
        return village.isPresent() ? " AND " + column + " = ?" : "";
    }

    private static Object[] parameters(Object first, Object second, Optional<String> village) {
        return village.isPresent() ? new Object[] {first, second, village.get()} : new Object[] {first, second};
    }

    private static Object[] parameters(Object a, Object b, Object c, Object d, Optional<String> village) {
        return village.isPresent() ? new Object[] {a, b, c, d, village.get()} : new Object[] {a, b, c, d};
    }

    private static int count(Connection connection, String sql, Object... parameters) throws SQLException {
        return Sql.one(connection, sql, row -> row.getInt(1), parameters).orElse(0);
    }

    private static Double ratio(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    /** The nearest-rank percentile of sorted values: the smallest value with at least p% at or below it. */
    static Long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static <E extends Enum<E>> Map<String, Integer> zeros(E[] values, String extra) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (E value : values) {
            out.put(value.name(), 0);
        }
        if (extra != null) {
            out.put(extra, 0);
        }
        return out;
    }

    private static List<String> tags(ResultSet row) throws SQLException {
        try {
            return ProtocolJson.mapper().readValue(row.getString("tags"), STRINGS);
        } catch (JsonProcessingException e) {
            throw new DatabaseException("stored tags of a resident are not JSON", e);
        }
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    /** A cadre's own village (403 for another); staff: what was asked, empty for the whole township. */
    private static Optional<String> villageOf(StaffUser user, Optional<String> asked) {
        return user.listVillage(asked, "the report");
    }
}
