package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.courtyard.hub.core.Cursor;
import org.courtyard.hub.core.PageRequest;
import org.courtyard.hub.help.HelpFilter;
import org.courtyard.hub.help.HelpRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The help list's order is an index (issue 19): SQLite reads a page of all requests, or of one
 * village's, along help_requests_listed / help_requests_village_listed instead of sorting every
 * request ever made in a temporary B-tree; and the list the index orders is the one the API answers.
 */
class HelpQueryPlanTest {

    @TempDir
    Path dir;

    @Test
    void a_page_of_all_requests_or_one_villages_is_read_in_index_order_without_a_sort() throws Exception {
        try (TestHub hub = new TestHub(dir)) {
            TestHub.Kiosk big = hub.kiosk("村委会活动室", "大村");
            TestHub.Kiosk peace = hub.kiosk("和平村小院", "和平村");
            hub.sync(big, null, TestHub.helpRequested(java.util.UUID.randomUUID(), TestHub.START));
            // The list is ordered by the hub's receive time: the second request arrives a minute later.
            hub.clock.advance(java.time.Duration.ofMinutes(1));
            hub.sync(peace, null, TestHub.helpRequested(java.util.UUID.randomUUID(), TestHub.START.plusSeconds(60)));

            PageRequest first = PageRequest.first(200);
            PageRequest after = new PageRequest(200, Optional.of(Cursor.of(TestHub.START.toEpochMilli(), "x").token()));
            HelpFilter all = new HelpFilter(Set.of(), Optional.empty(), Optional.empty());
            HelpFilter village = new HelpFilter(Set.of(), Optional.of("大村"), Optional.empty());
            for (String sql : List.of(HelpRequests.listQuery(all, first, Instant.now()).sql(),
                    HelpRequests.listQuery(all, after, Instant.now()).sql(),
                    HelpRequests.listQuery(village, after, Instant.now()).sql())) {
                List<String> plan = TestHub.queryPlan(dir, sql);
                assertThat(plan).as(sql).anyMatch(step -> step.matches("(SCAN|SEARCH) h USING INDEX help_requests_(village_)?listed.*"))
                        .doesNotContain("USE TEMP B-TREE FOR ORDER BY");
            }

            String staff = hub.user("wang", "STAFF", null);
            var everyone = hub.get("/api/v1/help-requests", staff).json();
            assertThat(everyone).extracting(h -> h.get("village").asText()).containsExactly("和平村", "大村");
            var one = hub.get("/api/v1/help-requests?village=" + URLEncoder.encode("大村", StandardCharsets.UTF_8),
                    staff).json();
            assertThat(one).extracting(h -> h.get("village").asText()).containsExactly("大村");
        }
    }
}
