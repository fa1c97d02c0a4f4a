package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The day and the month in numbers ({@code GET /api/v1/check-ins/village-counts} and
 * {@code GET /api/v1/visits/coverage?names=false}) are read from counters kept per village
 * (docs/checkins.md "Counts kept per village"). Through every kind of write that moves them, a
 * restart, a lost build and a change of the hub's time zone, they stay equal to the same numbers
 * counted from scratch over the residents and their check-ins and visits, as the routes counted
 * before the counters.
 */
class VillageCountsTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final List<LocalDate> DAYS = List.of(LocalDate.parse("2026-11-28"), LocalDate.parse("2026-11-29"),
            LocalDate.parse("2026-11-30"), LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-02"));
    private static final List<YearMonth> MONTHS = List.of(YearMonth.parse("2026-11"), YearMonth.parse("2026-12"));
    private static final UnaryOperator<HubConfig.Builder> LONG_SESSIONS =
            config -> config.sessionLifetime(Duration.ofDays(60));

    @TempDir
    Path dir;

    TestHub hub;

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void the_counts_equal_a_count_from_scratch_through_check_ins_undos_visits_and_ledger_changes() {
        hub = new TestHub(dir, LONG_SESSIONS);
        TestHub.Kiosk heping = hub.kiosk("和平村小院", "和平村");
        TestHub.Kiosk da = hub.kiosk("大村小院", "大村");
        String zhang = hub.resident("张桂英", "和平村", "ELDER");
        String wang = hub.resident("王德福", "和平村", "ELDER");
        String li = hub.post("/api/v1/residents", hub.adminToken, Map.of("name", "李小军", "village", "和平村",
                "type", "CHILD")).json().get("id").asText();
        String zhao = hub.resident("赵大爷", "大村", "ELDER");
        assertCounted(SHANGHAI);
        assertThat(day("2026-11-29")).containsExactly("大村 1 1 0 1", "和平村 3 2 0 2");

        // 18:00 in Shanghai on Nov 29: a check-in, a second one the same day, one without an expectation.
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        hub.sync(heping, null, checkIn(first, zhang, TestHub.START.minusSeconds(3600)));
        assertCounted(SHANGHAI);
        hub.sync(heping, null, checkIn(second, zhang, TestHub.START.minusSeconds(60)));
        hub.sync(heping, null, checkIn(UUID.randomUUID(), li, TestHub.START));
        assertCounted(SHANGHAI);
        assertThat(day("2026-11-29")).containsExactly("大村 1 1 0 1", "和平村 3 2 2 1");

        // 「不是我」 takes back one of two check-ins of the day, then the other.
        hub.sync(heping, null, undo(second));
        assertThat(day("2026-11-29")).containsExactly("大村 1 1 0 1", "和平村 3 2 2 1");
        assertCounted(SHANGHAI);
        hub.sync(heping, null, undo(first));
        assertThat(day("2026-11-29")).containsExactly("大村 1 1 0 1", "和平村 3 2 1 2");
        assertCounted(SHANGHAI);
        // Three check-ins of one person in one batch count once; taking back two of them leaves them counted.
        UUID third = UUID.randomUUID();
        UUID fourth = UUID.randomUUID();
        hub.sync(heping, null, checkIn(third, zhang, TestHub.START.minusSeconds(30)),
                checkIn(fourth, zhang, TestHub.START.minusSeconds(20)), checkIn(UUID.randomUUID(), zhang, TestHub.START));
        assertThat(day("2026-11-29")).containsExactly("大村 1 1 0 1", "和平村 3 2 2 1");
        hub.sync(heping, null, undo(third), undo(fourth));
        assertThat(day("2026-11-29")).containsExactly("大村 1 1 0 1", "和平村 3 2 2 1");
        assertCounted(SHANGHAI);

        // Visits: two of one person in a month count once.
        hub.sync(heping, null, visit(wang, TestHub.START));
        hub.sync(heping, null, visit(wang, TestHub.START.plusSeconds(60)));
        hub.sync(da, null, visit(zhao, TestHub.START));
        assertCounted(SHANGHAI);
        assertThat(coverage("2026-11")).containsExactly("大村 1 1", "和平村 3 1");

        // An expectation set; a resident set inactive; one moved with their check-ins and visits.
        patch(li, "checkInEveryDays", 2);
        assertCounted(SHANGHAI);
        hub.sync(heping, null, checkIn(UUID.randomUUID(), wang, TestHub.START));
        patch(zhang, "active", false);
        assertCounted(SHANGHAI);
        assertThat(day("2026-11-29")).containsExactly("大村 1 1 0 1", "和平村 2 2 2 0");
        patch(wang, "village", "大村");
        assertCounted(SHANGHAI);
        assertThat(day("2026-11-29")).containsExactly("大村 2 2 1 1", "和平村 1 1 1 0");
        assertThat(coverage("2026-11")).containsExactly("大村 2 2", "和平村 1 0");

        // An inactive resident's check-in (a kiosk that had not heard yet) counts once they return.
        hub.sync(heping, null, checkIn(UUID.randomUUID(), zhang, TestHub.START.plusSeconds(120)));
        assertCounted(SHANGHAI);
        patch(zhang, "active", true);
        patch(li, "checkInEveryDays", null);
        assertCounted(SHANGHAI);
        assertThat(day("2026-11-29")).containsExactly("大村 2 2 1 1", "和平村 2 1 2 0");

        // A new day of the hub's zone: 23:59 and 00:01 in Shanghai, both on Nov 30 in UTC.
        hub.clock.moveTo(Instant.parse("2026-11-30T16:30:00Z"));
        hub.sync(da, null, checkIn(UUID.randomUUID(), zhao, Instant.parse("2026-11-30T15:59:00Z")));
        hub.sync(da, null, checkIn(UUID.randomUUID(), wang, Instant.parse("2026-11-30T16:01:00Z")));
        hub.sync(da, null, visit(zhao, Instant.parse("2026-11-30T16:01:00Z")));
        assertCounted(SHANGHAI);
        assertThat(day("2026-11-30")).containsExactly("大村 2 2 1 1", "和平村 2 1 0 1");
        assertThat(day("2026-12-01")).containsExactly("大村 2 2 1 1", "和平村 2 1 0 1");
        assertThat(hub.get("/api/v1/check-ins/village-counts", hub.adminToken).json().get(0).get("date").asText())
                .isEqualTo("2026-12-01");
        assertThat(coverage("2026-12")).containsExactly("大村 2 1", "和平村 2 0");

        // A CSV import of the ledger moves them too: 李小军 to 大村 with a daily expectation.
        String csv = "id,name,village,type,checkInEveryDays\n" + li + ",李小军,大村,CHILD,1\n";
        TestHub.Answer imported = hub.postRaw("/api/v1/residents.csv", hub.adminToken, "text/csv",
                csv.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertCounted(SHANGHAI);
        assertThat(day("2026-11-29")).containsExactly("大村 3 3 2 1", "和平村 1 1 1 0");
    }

    @Test
    void the_counts_survive_a_restart_and_are_built_again_when_lost_or_in_another_time_zone() {
        MutableClock clock = new MutableClock(TestHub.START);
        hub = new TestHub(dir, clock, LONG_SESSIONS);
        TestHub.Kiosk kiosk = hub.kiosk("和平村小院", "和平村");
        String zhang = hub.resident("张桂英", "和平村", "ELDER");
        String wang = hub.resident("王德福", "和平村", "ELDER");
        hub.resident("赵大爷", "大村", "ELDER");
        // 07:30 in Shanghai on Nov 30 is 23:30 on Nov 29 in UTC.
        clock.moveTo(Instant.parse("2026-11-30T00:00:00Z"));
        hub.sync(kiosk, null, checkIn(UUID.randomUUID(), zhang, Instant.parse("2026-11-29T23:30:00Z")));
        hub.sync(kiosk, null, checkIn(UUID.randomUUID(), wang, TestHub.START));
        hub.sync(kiosk, null, visit(wang, Instant.parse("2026-11-29T23:30:00Z")));
        List<String> before = day("2026-11-30");
        assertCounted(SHANGHAI);
        hub.close();

        hub = new TestHub(dir, clock, LONG_SESSIONS);
        assertThat(day("2026-11-30")).isEqualTo(before).containsExactly("大村 1 1 0 1", "和平村 2 2 1 1");
        assertCounted(SHANGHAI);
        hub.close();

        // Counters lost (or written around, as the ledger benchmark's seed does): built again at start.
        execute("DELETE FROM check_in_day_counts");
        execute("DELETE FROM visit_month_counts");
        execute("DELETE FROM counts_built");
        hub = new TestHub(dir, clock, LONG_SESSIONS);
        assertThat(day("2026-11-30")).isEqualTo(before);
        assertCounted(SHANGHAI);
        hub.close();

        // Another hub.time-zone: days are UTC days now, and the counts follow.
        ZoneId utc = ZoneId.of("UTC");
        hub = new TestHub(dir, clock, config -> LONG_SESSIONS.apply(config).zone(utc));
        assertCounted(utc);
        assertThat(day("2026-11-29")).containsExactly("大村 1 1 0 1", "和平村 2 2 2 0");
        assertThat(day("2026-11-30")).containsExactly("大村 1 1 0 1", "和平村 2 2 0 2");
    }

    // Helpers.

    private void patch(String id, String field, Object value) {
        Map<String, Object> body = new HashMap<>();
        body.put(field, value);
        TestHub.Answer answer = hub.send("PATCH", "/api/v1/residents/" + id, hub.adminToken, body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    private static JsonNode checkIn(UUID id, String residentId, Instant at) {
        return TestHub.event(id, "CHECKED_IN", at, true, Map.of("residentId", residentId));
    }

    private static JsonNode undo(UUID checkIn) {
        return TestHub.event(UUID.randomUUID(), "CHECK_IN_UNDONE", TestHub.START, true,
                Map.of("checkInId", checkIn.toString()));
    }

    private static JsonNode visit(String residentId, Instant at) {
        return TestHub.event(UUID.randomUUID(), "VISIT_CHECKED_IN", at, true,
                Map.of("cadre", "李建华", "residentId", residentId, "note", "身体良好"));
    }

    /** The day in numbers as the route answers: "village residents expected checkedIn waiting". */
    private List<String> day(String date) {
        TestHub.Answer answer = hub.get("/api/v1/check-ins/village-counts?date=" + date, hub.adminToken);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        for (JsonNode row : answer.json()) {
            assertThat(row.get("date").asText()).isEqualTo(date);
            out.add(row.get("village").asText() + " " + row.get("residents").asInt() + " "
                    + row.get("expected").asInt() + " " + row.get("checkedIn").asInt() + " " + row.get("waiting").asInt());
        }
        return out;
    }

    /** The month's coverage in numbers as the route answers: "village residents visited". */
    private List<String> coverage(String month) {
        TestHub.Answer answer = hub.get("/api/v1/visits/coverage?names=false&month=" + month, hub.adminToken);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        for (JsonNode row : answer.json()) {
            assertThat(row.get("month").asText()).isEqualTo(month);
            assertThat(row.get("notVisited").isNull()).isTrue();
            out.add(row.get("village").asText() + " " + row.get("residents").asInt() + " " + row.get("visited").asInt());
        }
        return out;
    }

    /** Every day of {@link #DAYS} and month of {@link #MONTHS}: the routes answer what a count from scratch says. */
    private void assertCounted(ZoneId zone) {
        for (LocalDate date : DAYS) {
            Instant from = date.atStartOfDay(zone).toInstant();
            Instant to = date.plusDays(1).atStartOfDay(zone).toInstant();
            String checkedIn = "EXISTS (SELECT 1 FROM check_ins c WHERE c.resident_id = r.id AND c.checked_in_at >= "
                    + from.toEpochMilli() + " AND c.checked_in_at < " + to.toEpochMilli() + ")";
            assertThat(day(date.toString())).as("the day %s", date).isEqualTo(rows("SELECT r.village, COUNT(*),"
                    + " COUNT(r.check_in_every_days), SUM(CASE WHEN " + checkedIn + " THEN 1 ELSE 0 END),"
                    + " SUM(CASE WHEN r.check_in_every_days IS NOT NULL AND NOT " + checkedIn + " THEN 1 ELSE 0 END)"
                    + " FROM residents r WHERE r.active GROUP BY r.village, r.village_key ORDER BY r.village_key"));
        }
        for (YearMonth month : MONTHS) {
            Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
            Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
            assertThat(coverage(month.toString())).as("the month %s", month).isEqualTo(rows("SELECT r.village,"
                    + " COUNT(*), SUM(CASE WHEN EXISTS (SELECT 1 FROM visits v WHERE v.resident_id = r.id AND"
                    + " v.visited_at >= " + from.toEpochMilli() + " AND v.visited_at < " + to.toEpochMilli() + ")"
                    + " THEN 1 ELSE 0 END) FROM residents r WHERE r.active GROUP BY r.village, r.village_key"
                    + " ORDER BY r.village_key"));
        }
    }

    /** Each row of {@code sql} on the hub's database, its columns joined by spaces. */
    private List<String> rows(String sql) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(Hub.DATABASE_FILE));
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            List<String> out = new ArrayList<>();
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                StringBuilder row = new StringBuilder(rows.getString(1));
                for (int i = 2; i <= columns; i++) {
                    row.append(' ').append(rows.getString(i));
                }
                out.add(row.toString());
            }
            return out;
        } catch (SQLException e) {
            throw new AssertionError("query failed: " + sql, e);
        }
    }

    /** Runs {@code sql} on the database of the stopped hub. */
    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(Hub.DATABASE_FILE))) {
            connection.createStatement().executeUpdate(sql);
        } catch (SQLException e) {
            throw new AssertionError("failed: " + sql, e);
        }
    }
}
