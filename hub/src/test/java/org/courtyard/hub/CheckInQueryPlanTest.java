package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.courtyard.hub.care.Visits;
import org.courtyard.hub.checkin.CheckIns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One village's 今日报平安 reads only that village: SQLite's plan for the query of one village's day
 * searches the index check_ins_village and never scans check_ins (issue 19: at 100,000 residents a
 * full scan took one village's page from 27 to 181 ms), and the answer holds that village alone.
 * Every village's day and month in numbers read the per-village counters, one row a village, and
 * neither residents nor check-ins nor visits (at 200,000 residents they scanned every resident).
 */
class CheckInQueryPlanTest {

    @TempDir
    Path dir;

    @Test
    void one_villages_day_searches_the_village_index_and_scans_no_check_ins() throws Exception {
        try (TestHub hub = new TestHub(dir)) {
            TestHub.Kiosk peace = hub.kiosk("和平村小院", "和平村");
            TestHub.Kiosk big = hub.kiosk("大村小院", "大村");
            String zhang = hub.resident("张桂英", "和平村", "ELDER");
            String wang = hub.resident("王德福", "大村", "ELDER");
            hub.sync(peace, null, TestHub.checkedIn(zhang, TestHub.START, true));
            hub.sync(big, null, TestHub.checkedIn(wang, TestHub.START, true));

            List<String> plan = TestHub.queryPlan(dir, CheckIns.VILLAGE_DAY);

            assertThat(plan).anyMatch(step -> step.matches("SEARCH c USING (COVERING )?INDEX check_ins_village .*"));
            assertThat(plan).noneMatch(step -> step.startsWith("SCAN c"));
            assertThat(plan).as("no sort of the day: the index gives the order (only ties by event id are sorted)")
                    .doesNotContain("USE TEMP B-TREE FOR ORDER BY");

            String village = URLEncoder.encode("和平村", StandardCharsets.UTF_8);
            var days = hub.get("/api/v1/check-ins/by-village?date=2026-11-29&village=" + village, hub.adminToken).json();
            assertThat(days).hasSize(1);
            assertThat(days.get(0).get("checkedIn")).extracting(p -> p.get("name").asText()).containsExactly("张桂英");
        }
    }

    @Test
    void the_day_and_the_month_in_numbers_read_one_counter_row_per_village_and_no_resident() throws Exception {
        try (TestHub hub = new TestHub(dir)) {
            TestHub.Kiosk peace = hub.kiosk("和平村小院", "和平村");
            String zhang = hub.resident("张桂英", "和平村", "ELDER");
            hub.sync(peace, null, TestHub.checkedIn(zhang, TestHub.START, true));

            for (String sql : List.of(CheckIns.VILLAGE_COUNTS, Visits.COVERAGE_COUNTS)) {
                List<String> plan = TestHub.queryPlan(dir, sql);

                assertThat(plan).as(sql).anyMatch(step -> step.startsWith("SCAN v USING INDEX village_counts_order"));
                assertThat(plan).as(sql).anyMatch(step -> step.matches("SEARCH [dm] USING INDEX sqlite_autoindex_"
                        + "(check_in_day|visit_month)_counts_1 \\(village=\\? AND period=\\?\\).*"));
                assertThat(plan).as(sql).noneMatch(step -> step.contains("residents ") || step.contains("check_ins")
                        || step.contains("visits"));
                assertThat(plan).as(sql).doesNotContain("USE TEMP B-TREE FOR ORDER BY");
            }
            assertThat(hub.get("/api/v1/check-ins/village-counts?date=2026-11-29", hub.adminToken).json().get(0)
                    .get("checkedIn").asInt()).isOne();
        }
    }
}
