package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/kiosks} paged (docs/api.md "Paging"): by village, name and id, walked by the
 * {@code Link} header; kiosks registered mid-walk neither repeat nor push others off; a cadre's
 * walk stays in their village; {@code limit} and {@code cursor} out of range are 400.
 */
class KioskPagingTest {

    private static final Pattern NEXT = Pattern.compile("<([^>]*)>; rel=\"next\"");

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
    void kiosks_come_a_page_at_a_time_by_village_and_name() {
        hub.kiosk("b活动室", "b村");
        hub.kiosk("a活动室", "b村");
        hub.kiosk("c活动室", "a村");
        hub.kiosk("a小学", "c村");
        hub.kiosk("b小学", "c村");

        List<String> seen = new ArrayList<>();
        String path = "/api/v1/kiosks?limit=2";
        int pages = 0;
        while (path != null) {
            TestHub.Answer page = hub.get(path, hub.adminToken);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.json().isArray()).as("the body stays a JSON array").isTrue();
            seen.addAll(names(page.json()));
            path = next(page).orElse(null);
            pages++;
        }

        assertThat(seen).containsExactly("c活动室", "a活动室", "b活动室", "a小学", "b小学");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void kiosks_registered_mid_walk_neither_repeat_nor_push_others_off() {
        hub.kiosk("1号", "b村");
        hub.kiosk("2号", "b村");
        hub.kiosk("3号", "c村");
        hub.kiosk("4号", "c村");
        TestHub.Answer first = hub.get("/api/v1/kiosks?limit=2", hub.adminToken);
        assertThat(names(first.json())).containsExactly("1号", "2号");

        // One before the page already read, one inside the rest, one at the end.
        hub.kiosk("0号", "a村");
        hub.kiosk("5号", "b村");
        hub.kiosk("9号", "d村");
        TestHub.Answer second = hub.get(next(first).orElseThrow(), hub.adminToken);
        TestHub.Answer third = hub.get(next(second).orElseThrow(), hub.adminToken);

        assertThat(names(second.json())).containsExactly("5号", "3号");
        assertThat(names(third.json())).containsExactly("4号", "9号");
        assertThat(next(third)).isEmpty();
    }

    @Test
    void a_cadres_walk_stays_in_their_village_and_the_link_keeps_the_filter() {
        for (int i = 1; i <= 3; i++) {
            hub.kiosk(i + "号", "大村");
            hub.kiosk(i + "号", "和平村");
        }
        String cadre = hub.user("li", "CADRE", "大村");
        String village = URLEncoder.encode("大村", StandardCharsets.UTF_8);

        TestHub.Answer first = hub.get("/api/v1/kiosks?village=" + village + "&limit=2", cadre);
        String link = next(first).orElseThrow();
        assertThat(link).startsWith("/api/v1/kiosks?village=" + village + "&limit=2&cursor=");
        TestHub.Answer second = hub.get(link, cadre);

        assertThat(villages(first.json())).containsOnly("大村");
        assertThat(villages(second.json())).containsExactly("大村");
        assertThat(next(second)).isEmpty();
        TestHub.Answer all = hub.get("/api/v1/kiosks?limit=2", cadre);
        assertThat(villages(all.json())).containsOnly("大村");
    }

    @Test
    void limit_and_cursor_out_of_range_are_400_naming_the_parameter() {
        for (String bad : List.of("0", "1001", "ten", "-1")) {
            TestHub.Answer answer = hub.get("/api/v1/kiosks?limit=" + bad, hub.adminToken);
            assertThat(answer.status()).as("limit=" + bad).isEqualTo(400);
            assertThat(answer.json().get("error").get("code").asText()).isEqualTo("invalid_field");
            assertThat(answer.errorMessage()).contains("'limit'", "1 to 1000");
        }
        for (String bad : List.of("nonsense", "MTox", "%E2%9C%93")) {
            TestHub.Answer answer = hub.get("/api/v1/kiosks?cursor=" + bad, hub.adminToken);
            assertThat(answer.status()).as("cursor=" + bad).isEqualTo(400);
            assertThat(answer.errorMessage()).contains("'cursor'", "Link header");
        }
        assertThat(hub.get("/api/v1/kiosks?limit=1000", hub.adminToken).status()).isEqualTo(200);
    }

    private static Optional<String> next(TestHub.Answer answer) {
        return answer.headers().firstValue("Link").map(NEXT::matcher).filter(Matcher::find).map(m -> m.group(1));
    }

    private static List<String> names(JsonNode list) {
        return StreamSupport.stream(list.spliterator(), false).map(item -> item.get("name").asText()).toList();
    }

    private static List<String> villages(JsonNode list) {
        return StreamSupport.stream(list.spliterator(), false).map(item -> item.get("village").asText()).toList();
    }
}
