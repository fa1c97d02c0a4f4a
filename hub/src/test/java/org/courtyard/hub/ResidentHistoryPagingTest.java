package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The visit and check-in histories paged (docs/api.md "Paging"; they used to stop silently at their
 * limit): {@code GET /api/v1/residents/{id}/check-ins} and {@code /visits} newest first,
 * {@code GET /api/v1/visits} a month oldest first, each walked to its end by the {@code Link} header
 * with its filters kept, ties in time ordered by id; {@code limit} and {@code cursor} out of range are 400.
 */
class ResidentHistoryPagingTest {

    @TempDir
    Path dir;

    TestHub hub;
    TestHub.Kiosk kiosk;
    String zhang;

    @BeforeEach
    void start() {
        hub = new TestHub(dir);
        kiosk = hub.kiosk("和平村小院", "和平村");
        zhang = hub.resident("张桂英", "和平村", "ELDER");
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void a_residents_check_ins_come_newest_first_to_the_last_one() {
        List<String> sent = new ArrayList<>();
        for (int i = 5; i >= 1; i--) {
            sent.add(send(TestHub.checkedIn(zhang, TestHub.START.minus(Duration.ofHours(i)), true)));
        }
        // Two more at one moment: only their ids order them.
        sent.add(send(TestHub.checkedIn(zhang, TestHub.START, true)));
        sent.add(send(TestHub.checkedIn(zhang, TestHub.START, true)));

        List<JsonNode> seen = walk("/api/v1/residents/" + zhang + "/check-ins?limit=2", 4);

        assertThat(seen).extracting(c -> c.get("eventId").asText()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(sent);
        assertThat(seen.subList(2, 7)).extracting(c -> Instant.parse(c.get("at").asText())).isSortedAccordingTo(
                java.util.Comparator.reverseOrder());
        assertThat(seen.get(6).get("eventId").asText()).isEqualTo(sent.get(0));
    }

    @Test
    void a_residents_visits_come_newest_first_and_a_months_oldest_first_to_the_last_one() {
        List<String> notes = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            notes.add("第" + i + "次");
            send(visit(TestHub.START.minus(Duration.ofHours(10 - i)), "第" + i + "次"));
        }
        String wang = hub.resident("王德福", "和平村", "ELDER");
        send(visit(wang, TestHub.START, "别人"));

        List<JsonNode> newestFirst = walk("/api/v1/residents/" + zhang + "/visits?limit=2", 3);
        List<JsonNode> month = walk("/api/v1/visits?month=2026-11&village=%E5%92%8C%E5%B9%B3%E6%9D%91&limit=2", 3);

        assertThat(newestFirst).extracting(v -> v.get("note").asText())
                .containsExactly("第5次", "第4次", "第3次", "第2次", "第1次");
        List<String> all = new ArrayList<>(notes);
        all.add("别人");
        assertThat(month).extracting(v -> v.get("note").asText()).containsExactlyElementsOf(all);
    }

    @Test
    void limit_and_cursor_out_of_range_are_400_naming_the_parameter() {
        hub.assertPagingBounds("/api/v1/residents/" + zhang + "/check-ins", hub.adminToken, 1000);
        hub.assertPagingBounds("/api/v1/residents/" + zhang + "/visits", hub.adminToken, 1000);
        hub.assertPagingBounds("/api/v1/visits?month=2026-11", hub.adminToken, 1000);
    }

    /** Every item of a paged list from {@code path}, asserting the number of pages and that each link keeps the query. */
    private List<JsonNode> walk(String path, int pages) {
        String query = path.substring(0, path.indexOf("limit="));
        List<JsonNode> seen = new ArrayList<>();
        int count = 0;
        for (String at = path; at != null; count++) {
            TestHub.Answer page = hub.get(at, hub.adminToken);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            assertThat(page.json().isArray()).isTrue();
            page.json().forEach(seen::add);
            at = page.next().orElse(null);
            assertThat(at == null || at.startsWith(query)).as(at).isTrue();
        }
        assertThat(count).as("pages").isEqualTo(pages);
        return seen;
    }

    private String send(JsonNode event) {
        assertThat(hub.sync(kiosk, null, event).json().get("accepted")).hasSize(1);
        return event.get("id").asText();
    }

    private JsonNode visit(Instant at, String note) {
        return visit(zhang, at, note);
    }

    private static JsonNode visit(String residentId, Instant at, String note) {
        Map<String, Object> payload = new HashMap<>();
        payload.put("cadre", "李书记");
        payload.put("residentId", residentId);
        payload.put("note", note);
        return TestHub.event(UUID.randomUUID(), "VISIT_CHECKED_IN", at, true, payload);
    }
}
