package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.courtyard.hub.residents.Villages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The staff page's village list reads one index entry per village of the residents, never every
 * resident: SQLite's plan for the villages named anywhere finds the residents' villages by a loose
 * scan of residents_village, one search for the village after the last (issue 19: at 200,000
 * residents the list read all 200,000 index entries, 130-230 ms on the hub's first load, 4-6 ms
 * as 1,000 searches), and the list still holds every village a resident names.
 */
class VillageQueryPlanTest {

    @TempDir
    Path dir;

    @Test
    void the_residents_villages_are_found_one_index_search_each_and_no_resident_is_scanned() throws Exception {
        try (TestHub hub = new TestHub(dir)) {
            hub.resident("张桂英", "和平村", "ELDER");
            hub.resident("王德福", "和平村", "ELDER");
            hub.resident("李秀兰", "大村", "ELDER");
            hub.resident("刘小明", "新村", "CHILD");
            hub.kiosk("村委会活动室", "小村");
            String staff = hub.user("wangfang", "STAFF", null);

            List<String> plan = TestHub.queryPlan(dir, "SELECT name FROM (" + Villages.KNOWN + ")");

            assertThat(plan).anyMatch(step -> step.matches("SEARCH r USING COVERING INDEX residents_village"
                    + " \\(village>\\?\\)"));
            assertThat(plan).noneMatch(step -> step.startsWith("SCAN residents") || step.startsWith("SCAN r "));
            assertThat(hub.get("/api/v1/villages", staff).json()).extracting(v -> v.get("name").asText())
                    .containsExactly("大村", "和平村", "小村", "新村");
        }
    }
}
