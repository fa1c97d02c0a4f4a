package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.courtyard.hub.announce.Announcements;
import org.courtyard.hub.core.Cursor;
import org.courtyard.hub.core.PageRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The announcements list filters in SQL along its index (issue 19): a page of all announcements,
 * of the withdrawn or not, of those reaching a village or a cadre's, is read newest first along
 * announcements_listed without sorting the table; and what the SQL filter keeps is what reaches
 * the village: everyone's, the village's, and those for one of its kiosks.
 */
class AnnouncementQueryPlanTest {

    @TempDir
    Path dir;

    @Test
    void a_page_of_any_filter_is_read_in_index_order_without_a_sort() throws Exception {
        try (TestHub hub = new TestHub(dir)) {
            hub.kiosk("村委会活动室", "大村");
            PageRequest first = PageRequest.first(200);
            PageRequest later = new PageRequest(200, Optional.of(Cursor.of(TestHub.START.toEpochMilli(), "a-x").token()));
            List<Announcements.ListQuery> queries = List.of(
                    Announcements.listQuery(Optional.empty(), Optional.empty(), Optional.empty(), first),
                    Announcements.listQuery(Optional.empty(), Optional.empty(), Optional.empty(), later),
                    Announcements.listQuery(Optional.of(false), Optional.of("大村"), Optional.empty(), later),
                    Announcements.listQuery(Optional.of(true), Optional.of("大村"), Optional.of("大村"), first));
            for (Announcements.ListQuery query : queries) {
                List<String> plan = TestHub.queryPlan(dir, query.sql());
                assertThat(plan).as(query.sql()).anyMatch(step -> step.matches("(SCAN|SEARCH) a USING (COVERING )?INDEX announcements_listed.*"))
                        .doesNotContain("USE TEMP B-TREE FOR ORDER BY");
            }
        }
    }

    @Test
    void a_villages_page_holds_everyones_the_villages_and_its_kiosks_announcements_and_pages_with_the_filter() {
        try (TestHub hub = new TestHub(dir)) {
            TestHub.Kiosk big = hub.kiosk("村委会活动室", "大村");
            TestHub.Kiosk peace = hub.kiosk("和平村小院", "和平村");
            announce(hub, "全镇", "{\"all\":true}");
            announce(hub, "大村", "{\"villages\":[\"大村\"]}");
            announce(hub, "和平村", "{\"villages\":[\"和平村\"]}");
            announce(hub, "大村活动室", "{\"kiosks\":[\"" + big.id() + "\"]}");
            announce(hub, "和平村小院", "{\"kiosks\":[\"" + peace.id() + "\"]}");
            announce(hub, "两村", "{\"villages\":[\"和平村\",\"大村\"]}");

            List<String> seen = new ArrayList<>();
            String path = "/api/v1/announcements?village=" + URLEncoder.encode("大村", StandardCharsets.UTF_8) + "&limit=1";
            while (path != null) {
                TestHub.Answer page = hub.get(path, hub.adminToken);
                assertThat(page.status()).isEqualTo(200);
                assertThat(page.json()).hasSize(1);
                seen.add(page.json().get(0).get("title").asText());
                path = page.next().orElse(null);
            }

            assertThat(seen).containsExactly("两村", "大村活动室", "大村", "全镇");
        }
    }

    private static void announce(TestHub hub, String title, String targets) {
        hub.clock.advance(Duration.ofMinutes(1));
        TestHub.Answer made = hub.post("/api/v1/announcements", hub.adminToken, Announce.draft(title, targets));
        assertThat(made.status()).as(made.body()).isEqualTo(201);
    }
}
