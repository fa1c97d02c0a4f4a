package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.courtyard.hub.api.checkin.CheckInFeature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger's lists paged, filtered and searched on the hub (docs/api.md "Paging"): {@code limit}
 * bounds, the opaque cursor, the {@code Link: rel="next"} header keeping the other parameters,
 * pages that neither repeat nor skip while people are added, search by name and pinyin, and the
 * open alerts paged past what one page holds.
 */
class LedgerPagingTest {

    @TempDir
    Path dir;

    TestHub hub;

    @BeforeEach
    void start() {
        // Sessions outlive the days the alert test lets pass.
        hub = new TestHub(dir, config -> config.sessionLifetime(Duration.ofDays(60)));
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void residents_come_a_page_at_a_time_in_pinyin_order_with_a_link_to_the_next() {
        for (String name : List.of("张桂英", "王德福", "李小明", "陈秀兰", "赵大山")) {
            hub.resident(name, "和平村", "ELDER");
        }

        List<String> seen = new ArrayList<>();
        String path = "/api/v1/residents?limit=2";
        int pages = 0;
        while (path != null) {
            TestHub.Answer page = hub.get(path, hub.adminToken);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.json().isArray()).as("the body stays a JSON array").isTrue();
            assertThat(page.json().size()).isLessThanOrEqualTo(2);
            seen.addAll(names(page.json()));
            path = page.next().orElse(null);
            pages++;
        }

        assertThat(seen).containsExactly("陈秀兰", "李小明", "王德福", "张桂英", "赵大山");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void the_link_keeps_the_other_query_parameters_as_sent() {
        hub.resident("张桂英", "和平村", "ELDER");
        hub.resident("王德福", "和平村", "ELDER");
        hub.resident("李小明", "和平村", "CHILD");
        String village = URLEncoder.encode("和平村", StandardCharsets.UTF_8);

        TestHub.Answer first = hub.get("/api/v1/residents?village=" + village + "&type=ELDER&limit=1",
                hub.adminToken);

        String link = first.next().orElseThrow();
        assertThat(link).startsWith("/api/v1/residents?village=" + village + "&type=ELDER&limit=1&cursor=");
        TestHub.Answer second = hub.get(link, hub.adminToken);
        assertThat(names(second.json())).containsExactly("张桂英");
        assertThat(second.next()).as("the last page has no Link").isEmpty();
        assertThat(names(first.json())).containsExactly("王德福");
    }

    @Test
    void people_added_between_pages_neither_repeat_nor_push_others_off() {
        for (String name : List.of("陈秀兰", "李小明", "王德福", "张桂英")) {
            hub.resident(name, "和平村", "ELDER");
        }
        TestHub.Answer first = hub.get("/api/v1/residents?limit=2", hub.adminToken);
        assertThat(names(first.json())).containsExactly("陈秀兰", "李小明");

        // One sorts before the page already read, one inside the rest, one at the end.
        hub.resident("艾玉珍", "和平村", "ELDER");
        hub.resident("马国强", "和平村", "ELDER");
        hub.resident("周兰芬", "和平村", "ELDER");
        TestHub.Answer second = hub.get(first.next().orElseThrow(), hub.adminToken);
        TestHub.Answer third = hub.get(second.next().orElseThrow(), hub.adminToken);

        assertThat(names(second.json())).containsExactly("马国强", "王德福");
        assertThat(names(third.json())).containsExactly("张桂英", "周兰芬");
        assertThat(third.next()).isEmpty();
    }

    @Test
    void limit_and_cursor_out_of_range_are_400_naming_the_parameter() {
        hub.assertPagingBounds("/api/v1/residents", hub.adminToken, 500);
        assertThat(hub.get("/api/v1/check-in-alerts?limit=1001", hub.adminToken).errorMessage()).contains("'limit'");
        assertThat(hub.get("/api/v1/check-in-alerts?cursor=MTox", hub.adminToken).errorMessage()).contains("'cursor'");
    }

    @Test
    void search_finds_people_by_part_of_the_name_and_by_pinyin_whole_or_initials() {
        hub.resident("张桂英", "和平村", "ELDER");
        hub.resident("张三丰", "大村", "ELDER");
        hub.resident("单雄信", "大村", "ELDER");
        hub.resident("李小明", "和平村", "CHILD");

        assertThat(search("zgy")).containsExactly("张桂英");
        assertThat(search("ZGY")).containsExactly("张桂英");
        assertThat(search("zhang")).containsExactly("张三丰", "张桂英");
        assertThat(search("zhang gui")).containsExactly("张桂英");
        assertThat(search("桂")).containsExactly("张桂英");
        assertThat(search("张")).containsExactly("张三丰", "张桂英");
        assertThat(search("sxx")).as("单 read as a surname, shan").containsExactly("单雄信");
        assertThat(search("王")).isEmpty();
    }

    @Test
    void the_village_filter_and_search_together_read_one_village() {
        hub.resident("张桂英", "和平村", "ELDER");
        hub.resident("张三丰", "大村", "ELDER");
        hub.resident("李小明", "和平村", "CHILD");
        String peace = URLEncoder.encode("和平村", StandardCharsets.UTF_8);

        assertThat(names(hub.get("/api/v1/residents?village=" + peace, hub.adminToken).json()))
                .containsExactly("李小明", "张桂英");
        assertThat(names(hub.get("/api/v1/residents?village=" + peace + "&q=zhang", hub.adminToken).json()))
                .containsExactly("张桂英");
        String cadre = hub.user("cadre-he", "CADRE", "和平村");
        assertThat(names(hub.get("/api/v1/residents?q=zhang", cadre).json())).as("a cadre sees their own village")
                .containsExactly("张桂英");
    }

    @Test
    void a_renamed_resident_is_found_by_the_new_name_only() {
        String id = hub.resident("张桂英", "和平村", "ELDER");

        hub.send("PATCH", "/api/v1/residents/" + id, hub.adminToken, Map.of("name", "王桂英"));

        assertThat(search("wgy")).containsExactly("王桂英");
        assertThat(search("zgy")).isEmpty();
    }

    @Test
    void open_alerts_are_all_reachable_page_by_page_newest_first() {
        for (String name : List.of("张桂英", "王德福", "李小明", "陈秀兰", "赵大山")) {
            hub.post("/api/v1/residents", hub.adminToken, Map.of("name", name, "village", "和平村", "type", "ELDER",
                    "checkInEveryDays", 1));
        }
        hub.clock.advance(Duration.ofDays(4));
        assertThat(hub.hub.runCheck(CheckInFeature.MISSED_CHECK)).isEqualTo(5);

        List<String> seen = new ArrayList<>();
        String path = "/api/v1/check-in-alerts?limit=2";
        while (path != null) {
            TestHub.Answer page = hub.get(path, hub.adminToken);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            assertThat(page.json().size()).isLessThanOrEqualTo(2);
            seen.addAll(names(page.json()));
            path = page.next().orElse(null);
        }

        assertThat(seen).hasSize(5).doesNotHaveDuplicates()
                .containsExactlyInAnyOrder("张桂英", "王德福", "李小明", "陈秀兰", "赵大山");
    }

    @Test
    void the_day_in_numbers_counts_each_village_without_names() {
        TestHub.Kiosk kiosk = hub.kiosk("小院", "和平村");
        String zhang = hub.post("/api/v1/residents", hub.adminToken, Map.of("name", "张桂英", "village", "和平村",
                "type", "ELDER", "checkInEveryDays", 1)).json().get("id").asText();
        hub.post("/api/v1/residents", hub.adminToken, Map.of("name", "王德福", "village", "和平村", "type", "ELDER",
                "checkInEveryDays", 1));
        hub.resident("李小明", "和平村", "CHILD");
        hub.post("/api/v1/residents", hub.adminToken, Map.of("name", "张三丰", "village", "大村", "type", "ELDER",
                "checkInEveryDays", 2));
        hub.sync(kiosk, null, TestHub.checkedIn(zhang, TestHub.START, true));

        JsonNode counts = hub.get("/api/v1/check-ins/village-counts?date=2026-11-29", hub.adminToken).json();

        assertThat(counts).extracting(c -> c.get("village").asText() + " " + c.get("residents").asInt() + " "
                + c.get("expected").asInt() + " " + c.get("checkedIn").asInt() + " " + c.get("waiting").asInt())
                .as("hub.resident gives everyone a daily expectation").containsExactly("大村 1 1 0 1", "和平村 3 3 1 2");
        assertThat(counts.get(0).has("notCheckedIn")).as("no names").isFalse();
        JsonNode coverage = hub.get("/api/v1/visits/coverage?month=2026-11&names=false", hub.adminToken).json();
        assertThat(coverage).extracting(c -> c.get("village").asText() + " " + c.get("residents").asInt() + " "
                + c.get("visited").asInt() + " " + c.get("notVisited").isNull())
                .containsExactly("大村 1 0 true", "和平村 3 0 true");
        assertThat(hub.get("/api/v1/visits/coverage?names=maybe", hub.adminToken).errorMessage()).contains("'names'");
        String cadre = hub.user("cadre-da", "CADRE", "大村");
        assertThat(hub.get("/api/v1/check-ins/village-counts", cadre).json()).extracting(c -> c.get("village").asText())
                .containsExactly("大村");
    }

    private List<String> search(String typed) {
        return names(hub.get("/api/v1/residents?q=" + URLEncoder.encode(typed, StandardCharsets.UTF_8),
                hub.adminToken).json());
    }

    private static List<String> names(JsonNode list) {
        return StreamSupport.stream(list.spliterator(), false).map(item -> item.get("name").asText()).toList();
    }
}
