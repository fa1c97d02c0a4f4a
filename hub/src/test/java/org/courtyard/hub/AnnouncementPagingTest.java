package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/announcements} paged (docs/api.md "Paging"; it used to stop silently at its
 * limit): newest first, walked by the {@code Link} header; announcements made mid-walk neither
 * repeat nor push others off; the filters stay in the {@code Link}; a cadre's walk holds only what
 * reaches their village; {@code limit} and {@code cursor} out of range are 400.
 */
class AnnouncementPagingTest {

    @TempDir
    Path dir;

    TestHub hub;

    @BeforeEach
    void start() {
        hub = new TestHub(dir);
        hub.kiosk("村委会活动室", "大村");
        hub.kiosk("和平村小院", "和平村");
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void announcements_come_newest_first_a_page_at_a_time_and_the_last_page_has_no_link() {
        for (int i = 1; i <= 5; i++) {
            announce("通知" + i, "{\"all\":true}");
        }

        List<String> seen = new ArrayList<>();
        int pages = 0;
        for (String path = "/api/v1/announcements?limit=2"; path != null; pages++) {
            TestHub.Answer page = hub.get(path, hub.adminToken);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.json().isArray()).as("the body stays a JSON array").isTrue();
            seen.addAll(titles(page.json()));
            path = page.next().orElse(null);
        }

        assertThat(seen).containsExactly("通知5", "通知4", "通知3", "通知2", "通知1");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void more_than_the_default_page_are_all_reachable_even_made_at_the_same_moment() {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 205; i++) {
            made.add(hub.post("/api/v1/announcements", hub.adminToken, Announce.draft("停水" + i, "{\"all\":true}"))
                    .json().get("id").asText());
        }

        TestHub.Answer first = hub.get("/api/v1/announcements", hub.adminToken);
        assertThat(first.json()).as("the default page").hasSize(200);
        assertThat(first.next()).isPresent();
        List<String> seen = new ArrayList<>(ids(first.json()));
        seen.addAll(ids(hub.get(first.next().orElseThrow(), hub.adminToken).json()));

        assertThat(seen).hasSize(205).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(made);
    }

    @Test
    void announcements_made_mid_walk_neither_repeat_nor_push_others_off() {
        for (int i = 1; i <= 4; i++) {
            announce("通知" + i, "{\"all\":true}");
        }
        TestHub.Answer first = hub.get("/api/v1/announcements?limit=2", hub.adminToken);
        assertThat(titles(first.json())).containsExactly("通知4", "通知3");

        announce("通知5", "{\"all\":true}");
        TestHub.Answer second = hub.get(first.next().orElseThrow(), hub.adminToken);

        assertThat(titles(second.json())).containsExactly("通知2", "通知1");
        assertThat(second.next()).isEmpty();
    }

    @Test
    void a_cadres_walk_holds_what_reaches_their_village_and_the_link_keeps_the_filter() {
        for (int i = 1; i <= 3; i++) {
            announce("大村" + i, "{\"villages\":[\"大村\"]}");
            announce("和平村" + i, "{\"villages\":[\"和平村\"]}");
        }
        String withdrawn = announce("大村已撤回", "{\"villages\":[\"大村\"]}");
        assertThat(hub.postRaw("/api/v1/announcements/" + withdrawn + "/withdraw", hub.adminToken, "application/json",
                new byte[0]).status())
                .isEqualTo(200);
        String cadre = hub.user("li", "CADRE", "大村");

        List<String> seen = new ArrayList<>();
        for (String path = "/api/v1/announcements?withdrawn=false&limit=2"; path != null; ) {
            TestHub.Answer page = hub.get(path, cadre);
            assertThat(page.status()).isEqualTo(200);
            seen.addAll(titles(page.json()));
            path = page.next().orElse(null);
            assertThat(path == null || path.startsWith("/api/v1/announcements?withdrawn=false&limit=2&cursor="))
                    .as(path).isTrue();
        }

        assertThat(seen).containsExactly("大村3", "大村2", "大村1");
    }

    @Test
    void limit_and_cursor_out_of_range_are_400_naming_the_parameter() {
        hub.assertPagingBounds("/api/v1/announcements", hub.adminToken, 1000);
    }

    /** Makes an announcement a minute after the one before, so that the order is by time. */
    private String announce(String title, String targets) {
        hub.clock.advance(Duration.ofMinutes(1));
        TestHub.Answer made = hub.post("/api/v1/announcements", hub.adminToken, Announce.draft(title, targets));
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        return made.json().get("id").asText();
    }

    private static List<String> titles(JsonNode list) {
        return StreamSupport.stream(list.spliterator(), false).map(item -> item.get("title").asText()).toList();
    }

    private static List<String> ids(JsonNode list) {
        return StreamSupport.stream(list.spliterator(), false).map(item -> item.get("id").asText()).toList();
    }
}
