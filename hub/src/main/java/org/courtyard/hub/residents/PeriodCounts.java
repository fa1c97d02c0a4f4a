package org.courtyard.hub.residents;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.courtyard.hub.store.Database;
import org.courtyard.hub.store.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many of a village's active residents have at least one row of a dated table in a period
 * (check-ins a day, visits a month), kept as counters so that "every village in numbers" reads
 * one row per village instead of every resident (issue 19; docs/checkins.md "Counts kept per
 * village").
 *
 * <p>The counter table has the columns {@code village}, {@code period} (the period's ISO text in
 * the hub's time zone: {@code 2026-12-07} for a day, {@code 2026-12} for a month), {@code people}
 * (active residents now of the village with a row in the period) and {@code expected_people}
 * (those of them with a check-in expectation), primary key (village, period). It counts residents
 * by what they are now, as the count from scratch does: a resident moved to another village takes
 * their periods with them, one set inactive leaves every period, one set active again comes back.
 *
 * <p>Kept in the transaction of every write that changes it: {@link #added} and {@link #removed}
 * by the feature that writes the dated rows, {@link #changed} as a {@link Standing.Hook} of the
 * ledger. {@link #buildIfNeeded} builds it from scratch when the hub starts if it was never built
 * or was built in another time zone.
 */
public final class PeriodCounts implements Standing.Hook {

    private record VillagePeriod(String village, String period) {
    }

    /** A day or a month of the hub's time zone. */
    public enum Period {
        DAY, MONTH
    }

    private static final Logger LOG = LoggerFactory.getLogger(PeriodCounts.class);

    private final Database database;
    private final ZoneId zone;
    private final String table;
    private final String source;
    private final String timeColumn;
    private final Period period;

    /**
     * @param table the counter table (see above)
     * @param source the dated table, with a {@code resident_id} column and an index on
     *     (resident_id, {@code timeColumn})
     * @param timeColumn its time, in epoch milliseconds
     */
    public PeriodCounts(Database database, ZoneId zone, String table, String source, String timeColumn,
            Period period) {
        this.database = database;
        this.zone = zone;
        this.table = table;
        this.source = source;
        this.timeColumn = timeColumn;
        this.period = period;
    }

    /** The period {@code at} falls in, as the counter table names it. */
    public String periodOf(Instant at) {
        LocalDate day = LocalDate.ofInstant(at, zone);
        return period == Period.DAY ? day.toString() : YearMonth.from(day).toString();
    }

    /** A row of {@code source} was stored for {@code residentId} at {@code at}: counts them if it is their first of the period. */
    public void added(Connection connection, String residentId, Instant at) throws SQLException {
        moved(connection, residentId, standing(connection, residentId), at, 1);
    }

    /**
     * As {@link #added(Connection, String, Instant)}, with the resident's standing already read in
     * this transaction (null: inactive), which saves reading it again for every check-in.
     */
    public void added(Connection connection, String residentId, Standing standing, Instant at) throws SQLException {
        moved(connection, residentId, Optional.ofNullable(standing), at, 1);
    }

    /** A row of {@code source} at {@code at} was deleted: uncounts the resident if it was their last of the period. */
    public void removed(Connection connection, String residentId, Instant at) throws SQLException {
        moved(connection, residentId, standing(connection, residentId), at, 0);
    }

    /** The resident's standing now; empty when inactive or unknown. */
    private static Optional<Standing> standing(Connection connection, String residentId) throws SQLException {
        return Sql.one(connection, "SELECT village, check_in_every_days IS NOT NULL AS expected FROM residents"
                + " WHERE id = ? AND active", row -> new Standing(row.getString("village"), row.getBoolean("expected")),
                residentId);
    }

    private void moved(Connection connection, String residentId, Optional<Standing> standing, Instant at,
            int remaining) throws SQLException {
        if (standing.isEmpty()) {
            return;
        }
        LocalDate day = LocalDate.ofInstant(at, zone);
        LocalDate first = period == Period.DAY ? day : day.withDayOfMonth(1);
        LocalDate next = period == Period.DAY ? first.plusDays(1) : first.plusMonths(1);
        // Only whether the resident has 0, 1 or more rows in the period matters: the count stops at
        // two rows, so a resident who checks in often costs no more than one who checks in once.
        int rows = Sql.one(connection, "SELECT COUNT(*) FROM (SELECT 1 FROM " + source + " WHERE resident_id = ? AND "
                + timeColumn + " >= ? AND " + timeColumn + " < ? LIMIT 2)", row -> row.getInt(1), residentId,
                first.atStartOfDay(zone).toInstant(), next.atStartOfDay(zone).toInstant()).orElseThrow();
        if (rows == remaining) {
            bump(connection, standing.get(), periodOf(at), remaining == 1 ? 1 : -1);
        }
    }

    /** Moves every period of the resident from {@code before} to {@code after}. */
    @Override
    public void changed(Connection connection, String residentId, Standing before, Standing after)
            throws SQLException {
        Set<String> periods = new HashSet<>();
        Sql.each(connection, "SELECT " + timeColumn + " FROM " + source + " WHERE resident_id = ?",
                row -> periods.add(periodOf(Instant.ofEpochMilli(row.getLong(1)))), residentId);
        for (String key : periods) {
            if (before != null) {
                bump(connection, before, key, -1);
            }
            if (after != null) {
                bump(connection, after, key, 1);
            }
        }
    }

    private void bump(Connection connection, Standing standing, String key, int by) throws SQLException {
        Sql.update(connection, "INSERT INTO " + table + " (village, period, people, expected_people) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (village, period) DO UPDATE SET people = " + table + ".people + excluded.people,"
                + " expected_people = " + table + ".expected_people + excluded.expected_people", standing.village(),
                key, by, standing.expected() ? by : 0);
    }

    /**
     * Builds the counter table from scratch, in one transaction, unless it was built in this time
     * zone already (counts_built); run when the hub starts, before it serves anyone. One pass over
     * the active residents and their dated rows. Returns whether it built.
     */
    public boolean buildIfNeeded() {
        long start = System.nanoTime();
        int[] read = {0};
        Integer periods = database.write(connection -> {
            Optional<String> builtIn = Sql.one(connection, "SELECT zone FROM counts_built WHERE counter = ?",
                    row -> row.getString(1), table);
            if (builtIn.isPresent() && builtIn.get().equals(zone.getId())) {
                return null;
            }
            Map<VillagePeriod, int[]> counts = new HashMap<>();
            Set<String> seen = new HashSet<>();
            String[] current = {null};
            Sql.each(connection, "SELECT r.id, r.village, r.check_in_every_days IS NOT NULL AS expected, s."
                    + timeColumn + " FROM residents r JOIN " + source + " s ON s.resident_id = r.id WHERE r.active"
                    + " ORDER BY r.id", row -> {
                        read[0]++;
                        String id = row.getString(1);
                        if (!id.equals(current[0])) {
                            current[0] = id;
                            seen.clear();
                        }
                        String key = periodOf(Instant.ofEpochMilli(row.getLong(4)));
                        if (seen.add(key)) {
                            int[] count = counts.computeIfAbsent(new VillagePeriod(row.getString(2), key),
                                    k -> new int[2]);
                            count[0]++;
                            count[1] += row.getBoolean(3) ? 1 : 0;
                        }
                    });
            Sql.update(connection, "DELETE FROM " + table);
            for (Map.Entry<VillagePeriod, int[]> entry : counts.entrySet()) {
                Sql.update(connection, "INSERT INTO " + table + " (village, period, people, expected_people)"
                        + " VALUES (?, ?, ?, ?)", entry.getKey().village(), entry.getKey().period(),
                        entry.getValue()[0], entry.getValue()[1]);
            }
            Sql.update(connection, "DELETE FROM counts_built WHERE counter = ?", table);
            Sql.update(connection, "INSERT INTO counts_built (counter, zone, built_at) VALUES (?, ?, ?)", table,
                    zone.getId(), Instant.now());
            return counts.size();
        });
        if (periods == null) {
            return false;
        }
        LOG.info("built {} from {} rows of {}: {} village periods in {} ms ({})", table, read[0], source, periods,
                (System.nanoTime() - start) / 1_000_000, zone.getId());
        return true;
    }
}
