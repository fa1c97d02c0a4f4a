package org.courtyard.hub.care;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.residents.VillageScope;
import org.courtyard.hub.store.Database;
import org.courtyard.hub.store.Sql;

/**
 * What the staff page's 走访 section shows: a month's visit coverage per village and per paired
 * cadre (月月有联系), the festival campaigns around today with their progress (春节走访 52 / 56),
 * and how many tasks are overdue. Counted in SQL, one row per village or cadre, never by loading
 * the ledger.
 */
public final class CareBoard {

    /** How far back overdue tasks are counted and listed: older ones are history, not work. */
    public static final int OVERDUE_DAYS = 30;
    /** A campaign shows from this many days before it opens ... */
    public static final int CAMPAIGN_AHEAD_DAYS = 60;
    /** ... to this many days after its festival. */
    public static final int CAMPAIGN_AFTER_DAYS = 15;

    /**
     * One village in the month. {@code openTasks} are open today; {@code overdueTasks} were due in
     * the {@link #OVERDUE_DAYS} days before today and are still open.
     */
    public record Village(String village, int residents, int visited, int openTasks, int overdueTasks) {
    }

    /** One paired cadre in the month: how many of their people had a visit (by anyone), and visits they made. */
    public record Cadre(String id, String name, String village, int residents, int visited, int visits) {
    }

    /** One village's part of a campaign. */
    public record CampaignVillage(String village, int total, int done, int skipped) {
    }

    /**
     * A festival's visits: {@code total} tasks (stored, or foreseen before it opens), of them
     * {@code done} and {@code skipped}; {@code overdue} after its day.
     */
    public record Campaign(String key, Festival festival, String title, LocalDate festivalOn, LocalDate opensOn,
            LocalDate dueOn, Audience audience, int total, int done, int skipped, int overdue,
            List<CampaignVillage> villages) {
    }

    /** The whole board. */
    public record Board(YearMonth month, LocalDate today, List<Village> villages, List<Cadre> cadres,
            List<Campaign> campaigns, int overdue) {
    }

    private final Database database;
    private final Clock clock;
    private final ZoneId zone;
    private final CareTasks tasks;

    public CareBoard(Database database, Clock clock, ZoneId zone, CareTasks tasks) {
        this.database = database;
        this.clock = clock;
        this.zone = zone;
        this.tasks = tasks;
    }

    /** The board of {@code month} for what {@code user} may see (a cadre: their village). */
    public Board board(StaffUser user, YearMonth month, Optional<String> asked) {
        Optional<String> village = VillageScope.listVillage(user, asked);
        tasks.ensurePlanned();
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        return database.read(connection -> {
            List<Village> villages = villages(connection, village, from, to, today);
            int overdue = villages.stream().mapToInt(Village::overdueTasks).sum();
            return new Board(month, today, villages, cadres(connection, village, from, to),
                    campaigns(connection, village, today), overdue);
        });
    }

    private static List<Village> villages(Connection connection, Optional<String> village, Instant from, Instant to,
            LocalDate today) throws SQLException {
        String where = village.isPresent() ? " AND r.village = ?" : "";
        Object[] only = village.isPresent() ? new Object[] {village.get()} : new Object[0];
        Map<String, int[]> counts = new TreeMap<>();
        Sql.query(connection, "SELECT r.village, COUNT(*) AS n FROM residents r WHERE r.active" + where
                + " GROUP BY r.village", row -> counts.computeIfAbsent(row.getString(1), v -> new int[4])[0] =
                        row.getInt(2), only);
        Sql.query(connection, "SELECT r.village, COUNT(*) AS n FROM residents r WHERE r.active" + where
                + " AND EXISTS (SELECT 1 FROM visits v WHERE v.resident_id = r.id AND v.visited_at >= ?"
                + " AND v.visited_at < ?) GROUP BY r.village", row -> counts.computeIfAbsent(row.getString(1),
                        v -> new int[4])[1] = row.getInt(2), append(only, from, to));
        Sql.query(connection, "SELECT t.village, SUM(CASE WHEN t.due_on >= ? AND t.opens_on <= ? THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN t.due_on < ? AND t.due_on >= ? THEN 1 ELSE 0 END) FROM care_tasks t JOIN residents r"
                + " ON r.id = t.resident_id WHERE t.status = 'OPEN' AND r.active" + where + " GROUP BY t.village",
                row -> {
                    int[] count = counts.computeIfAbsent(row.getString(1), v -> new int[4]);
                    count[2] = row.getInt(2);
                    count[3] = row.getInt(3);
                    return null;
                }, prepend(only, today.toString(), today.toString(), today.toString(),
                        today.minusDays(OVERDUE_DAYS).toString()));
        List<Village> out = new ArrayList<>();
        counts.forEach((name, count) -> out.add(new Village(name, count[0], count[1], count[2], count[3])));
        return out;
    }

    private static List<Cadre> cadres(Connection connection, Optional<String> village, Instant from, Instant to)
            throws SQLException {
        String paired = "SELECT COUNT(*) FROM pairings p JOIN residents r ON r.id = p.resident_id"
                + " WHERE p.cadre_id = c.id AND r.active";
        return Sql.query(connection, "SELECT c.id, c.name, c.village, (" + paired + ") AS residents, (" + paired
                + " AND EXISTS (SELECT 1 FROM visits v WHERE v.resident_id = r.id AND v.visited_at >= ?"
                + " AND v.visited_at < ?)) AS visited, (SELECT COUNT(*) FROM visits v WHERE v.cadre_id = c.id"
                + " AND v.visited_at >= ? AND v.visited_at < ?) AS visits FROM cadres c WHERE c.active"
                + (village.isPresent() ? " AND c.village = ?" : "") + " ORDER BY c.village, c.name, c.id",
                row -> new Cadre(row.getString("id"), row.getString("name"), row.getString("village"),
                        row.getInt("residents"), row.getInt("visited"), row.getInt("visits")),
                village.isPresent() ? new Object[] {from, to, from, to, village.get()}
                        : new Object[] {from, to, from, to});
    }

    private List<Campaign> campaigns(Connection connection, Optional<String> village, LocalDate today)
            throws SQLException {
        List<Campaign> out = new ArrayList<>();
        for (Occasion occasion : tasks.plan().occasions(today.minusDays(CAMPAIGN_AFTER_DAYS),
                today.plusDays(CAMPAIGN_AHEAD_DAYS), List.of())) {
            if (occasion.kind() != TaskKind.FESTIVAL) {
                continue;
            }
            String where = village.isPresent() ? " AND t.village = ?" : "";
            Map<String, int[]> byVillage = new LinkedHashMap<>();
            Object[] parameters = village.isPresent() ? new Object[] {occasion.key(), village.get()}
                    : new Object[] {occasion.key()};
            Sql.query(connection, "SELECT t.village, COUNT(*), SUM(CASE WHEN t.status = 'DONE' THEN 1 ELSE 0 END),"
                    + " SUM(CASE WHEN t.status = 'SKIPPED' THEN 1 ELSE 0 END) FROM care_tasks t"
                    + " WHERE t.kind = 'FESTIVAL' AND t.occasion = ?" + where + " GROUP BY t.village ORDER BY t.village",
                    row -> byVillage.put(row.getString(1), new int[] {row.getInt(2), row.getInt(3), row.getInt(4)}),
                    parameters);
            if (occasion.opensOn().isAfter(today)) {
                // Foreseen: everyone it is for who has no task stored (skipped ahead) will get one.
                StringBuilder sql = new StringBuilder("SELECT r.village, COUNT(*) FROM residents r WHERE r.active");
                List<Object> foreseen = new ArrayList<>();
                if (occasion.audience() == Audience.ELDER || occasion.audience() == Audience.CHILD) {
                    sql.append(" AND r.type = ?");
                    foreseen.add(occasion.audience().name());
                }
                village.ifPresent(name -> {
                    sql.append(" AND r.village = ?");
                    foreseen.add(name);
                });
                sql.append(" AND NOT EXISTS (SELECT 1 FROM care_tasks t WHERE t.kind = 'FESTIVAL' AND t.occasion = ?"
                        + " AND t.resident_id = r.id) GROUP BY r.village");
                foreseen.add(occasion.key());
                Sql.query(connection, sql.toString(), row -> byVillage.computeIfAbsent(row.getString(1),
                        v -> new int[3])[0] += row.getInt(2), foreseen.toArray());
            }
            List<CampaignVillage> villages = new ArrayList<>();
            int total = 0;
            int done = 0;
            int skipped = 0;
            for (Map.Entry<String, int[]> entry : new TreeMap<>(byVillage).entrySet()) {
                int[] count = entry.getValue();
                villages.add(new CampaignVillage(entry.getKey(), count[0], count[1], count[2]));
                total += count[0];
                done += count[1];
                skipped += count[2];
            }
            int overdue = occasion.dueOn().isBefore(today) ? total - done - skipped : 0;
            out.add(new Campaign(occasion.key(), occasion.festival(), occasion.title(), occasion.festivalOn(),
                    occasion.opensOn(), occasion.dueOn(), occasion.audience(), total, done, skipped, overdue,
                    villages));
        }
        return out;
    }

    private static Object[] append(Object[] head, Object... tail) {
        Object[] out = new Object[head.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }

    private static Object[] prepend(Object[] tail, Object... head) {
        return append(head, tail);
    }
}
