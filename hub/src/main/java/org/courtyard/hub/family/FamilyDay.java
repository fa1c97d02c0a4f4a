package org.courtyard.hub.family;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.courtyard.hub.auth.FamilyMember;
import org.courtyard.hub.store.Database;
import org.courtyard.hub.store.Sql;

/**
 * 今天平安吗: what the family page shows of its resident, and nothing more (docs/family.md):
 * today's check-ins (time and which courtyard), which of the last {@value #DAYS} days had one, the
 * last visit of a cadre (date and who, never the note), and the open help requests (their state
 * only). Days are the township's.
 *
 * <p>It reads the tables of the check-in and help features directly, read-only: the family page
 * needs a few columns of them for one resident, and no staff view of theirs fits a family member.
 */
public final class FamilyDay {

    /** How many days the calendar shows, today included. */
    public static final int DAYS = 30;

    /** One check-in today: when, and at which courtyard. */
    public record CheckIn(Instant at, String where) {
    }

    /** The last visit: when and by whom. */
    public record Visit(Instant at, String cadre) {
    }

    /** An open help request: its state and since when. */
    public record OpenHelp(String status, Instant since) {
    }

    /**
     * The page's first part.
     *
     * @param checkedInDays the days of the calendar (oldest first, today last) with a check-in
     */
    public record Today(LocalDate date, List<CheckIn> today, List<LocalDate> checkedInDays, Visit lastVisit,
            List<OpenHelp> openHelp) {
    }

    private final Database database;
    private final Clock clock;
    private final ZoneId zone;

    public FamilyDay(Database database, Clock clock, ZoneId zone) {
        this.database = database;
        this.clock = clock;
        this.zone = zone;
    }

    public Today of(FamilyMember member) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        LocalDate first = today.minusDays(DAYS - 1);
        Instant from = first.atStartOfDay(zone).toInstant();
        Instant startOfToday = today.atStartOfDay(zone).toInstant();
        Instant end = today.plusDays(1).atStartOfDay(zone).toInstant();
        String resident = member.residentId();
        return database.read(connection -> {
            List<CheckIn> checkIns = new ArrayList<>();
            Set<LocalDate> days = new TreeSet<>();
            Sql.query(connection, "SELECT c.checked_in_at, k.name FROM check_ins c JOIN kiosks k ON k.id = c.kiosk_id"
                    + " WHERE c.resident_id = ? AND c.checked_in_at >= ? AND c.checked_in_at < ?"
                    + " ORDER BY c.checked_in_at", row -> {
                        Instant at = Sql.instant(row, "checked_in_at");
                        days.add(LocalDate.ofInstant(at, zone));
                        if (!at.isBefore(startOfToday)) {
                            checkIns.add(new CheckIn(at, row.getString("name")));
                        }
                        return null;
                    }, resident, from, end);
            Visit visit = Sql.one(connection, "SELECT visited_at, cadre FROM visits WHERE resident_id = ?"
                    + " ORDER BY visited_at DESC LIMIT 1", row -> new Visit(Sql.instant(row, "visited_at"),
                            row.getString("cadre")), resident).orElse(null);
            List<OpenHelp> help = Sql.query(connection, "SELECT status, received_at FROM help_requests"
                    + " WHERE resident_id = ? AND status NOT IN ('RESOLVED', 'CANCELLED') ORDER BY received_at",
                    row -> new OpenHelp(row.getString("status"), Sql.instant(row, "received_at")), resident);
            return new Today(today, checkIns, List.copyOf(days), visit, help);
        });
    }
}
