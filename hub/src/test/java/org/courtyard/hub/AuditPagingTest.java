package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/audit} paged (docs/api.md "Paging"): newest first, walked by the {@code Link}
 * header with the filters kept; rows written mid-walk do not appear in it; {@code before} still
 * starts below a seq; {@code limit} and {@code cursor} out of range are 400.
 */
class AuditPagingTest {

    @TempDir
    Path dir;

    TestHub hub;

    @BeforeEach
    void start() {
        hub = new TestHub(dir);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void the_log_comes_newest_first_a_page_at_a_time_with_the_filter_kept() {
        for (int i = 1; i <= 5; i++) {
            hub.user("user" + i, "STAFF", null);
            hub.kiosk(i + "号", "大村");
        }

        List<String> seen = new ArrayList<>();
        String path = "/api/v1/audit?action=user.create&limit=2";
        int pages = 0;
        while (path != null) {
            TestHub.Answer page = hub.get(path, hub.adminToken);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.json().isArray()).isTrue();
            seen.addAll(targets(page.json()));
            path = page.next().orElse(null);
            assertThat(path == null || path.startsWith("/api/v1/audit?action=user.create&limit=2&cursor="))
                    .as(path).isTrue();
            if (pages++ == 0) {
                hub.user("late", "STAFF", null);
            }
        }

        assertThat(seen).containsExactly("user5", "user4", "user3", "user2", "user1");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void before_still_lists_the_rows_older_than_a_seq() {
        for (int i = 1; i <= 3; i++) {
            hub.user("user" + i, "STAFF", null);
        }
        JsonNode all = hub.get("/api/v1/audit?action=user.create", hub.adminToken).json();
        long newest = all.get(0).get("seq").asLong();

        JsonNode older = hub.get("/api/v1/audit?action=user.create&before=" + newest, hub.adminToken).json();

        assertThat(targets(older)).containsExactly("user2", "user1");
    }

    @Test
    void limit_and_cursor_out_of_range_are_400_naming_the_parameter() {
        hub.assertPagingBounds("/api/v1/audit", hub.adminToken, 1000);
    }

    private static List<String> targets(JsonNode list) {
        return StreamSupport.stream(list.spliterator(), false).map(item -> item.get("target").asText()).toList();
    }
}
