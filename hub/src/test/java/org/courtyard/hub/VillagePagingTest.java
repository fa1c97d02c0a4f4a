package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.courtyard.hub.care.Visits;
import org.courtyard.hub.core.Cursor;
import org.courtyard.hub.core.PageRequest;
import org.courtyard.hub.residents.Residents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-village name lists ({@code GET /api/v1/check-ins/by-village} and
 * {@code GET /api/v1/visits/coverage} with names) page by village when no single village is asked
 * (issue 19: no list loads a whole table): {@code limit} counts villages, the {@code Link} header
 * leads to the rest, each village comes once with the same entries as when asked alone, and each
 * page reads only its villages by index.
 */
class VillagePagingTest {

    private static final int VILLAGES = 25;
    private static final String DATE = "2026-11-29";
    private static final String MONTH = "2026-11";

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

    /** 25 villages of two residents; in every third village the first checked in and had a visit. */
    private List<String> seed() {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= VILLAGES; i++) {
            String village = String.format("村%02d", i);
            names.add(village);
            TestHub.Kiosk kiosk = hub.kiosk("小院" + i, village);
            String first = hub.resident("张" + i, village, "ELDER");
            hub.resident("李" + i, village, "ELDER");
            if (i % 3 == 0) {
                hub.sync(kiosk, null, TestHub.checkedIn(first, TestHub.START, true),
                        TestHub.visited("李建华", first, "身体良好"));
            }
        }
        return names;
    }

    @Test
    void check_ins_by_village_come_ten_villages_a_page_each_once_as_when_asked_alone() {
        List<String> villages = seed();

        List<JsonNode> all = walk("/api/v1/check-ins/by-village?date=" + DATE + "&limit=10", List.of(10, 10, 5));

        assertThat(all).extracting(day -> day.get("village").asText())
                .containsExactlyElementsOf(order("/api/v1/check-ins/village-counts?date=" + DATE))
                .containsExactlyInAnyOrderElementsOf(villages);
        for (JsonNode day : all) {
            String village = day.get("village").asText();
            JsonNode alone = hub.get("/api/v1/check-ins/by-village?date=" + DATE + "&village=" + encode(village),
                    hub.adminToken).json();
            assertThat(alone).hasSize(1);
            assertThat(day).as(village).isEqualTo(alone.get(0));
            int number = Integer.parseInt(village.substring(1));
            assertThat(day.get("residents").asInt()).isEqualTo(2);
            assertThat(day.get("checkedIn")).as(village).extracting(p -> p.get("name").asText())
                    .containsExactlyElementsOf(number % 3 == 0 ? List.of("张" + number) : List.of());
            assertThat(day.get("notCheckedIn")).as(village).hasSize(number % 3 == 0 ? 1 : 2);
        }
    }

    @Test
    void coverage_with_names_comes_ten_villages_a_page_each_once_as_when_asked_alone() {
        List<String> villages = seed();

        List<JsonNode> all = walk("/api/v1/visits/coverage?month=" + MONTH + "&limit=10", List.of(10, 10, 5));

        assertThat(all).extracting(coverage -> coverage.get("village").asText())
                .containsExactlyElementsOf(order("/api/v1/visits/coverage?names=false&month=" + MONTH))
                .containsExactlyInAnyOrderElementsOf(villages);
        for (JsonNode coverage : all) {
            String village = coverage.get("village").asText();
            JsonNode alone = hub.get("/api/v1/visits/coverage?month=" + MONTH + "&village=" + encode(village),
                    hub.adminToken).json();
            assertThat(alone).hasSize(1);
            assertThat(coverage).as(village).isEqualTo(alone.get(0));
            int number = Integer.parseInt(village.substring(1));
            assertThat(coverage.get("visited").asInt()).as(village).isEqualTo(number % 3 == 0 ? 1 : 0);
            assertThat(coverage.get("notVisited")).as(village).extracting(p -> p.get("name").asText())
                    .contains("李" + number).hasSize(number % 3 == 0 ? 1 : 2);
        }
    }

    @Test
    void by_default_twenty_villages_a_page_and_limit_and_cursor_are_checked() {
        seed();
        for (String path : List.of("/api/v1/check-ins/by-village?date=" + DATE,
                "/api/v1/visits/coverage?month=" + MONTH)) {
            TestHub.Answer first = hub.get(path, hub.adminToken);
            assertThat(first.json()).as(path).hasSize(20);
            assertThat(hub.get(first.next().orElseThrow(), hub.adminToken).json()).as(path).hasSize(5);

            hub.assertPagingBounds(path, hub.adminToken, 100);
            TestHub.Answer foreign = hub.get(path + "&cursor=" + Cursor.of(1).token(), hub.adminToken);
            assertThat(foreign.status()).isEqualTo(400);
            assertThat(foreign.json().get("error").get("code").asText()).isEqualTo("invalid_field");
            assertThat(foreign.errorMessage()).contains("'cursor'");
        }
    }

    @Test
    void a_cadre_pages_through_their_own_village_only() {
        seed();
        String cadre = hub.user("lixia", "CADRE", "村03");

        for (String path : List.of("/api/v1/check-ins/by-village?date=" + DATE + "&limit=1",
                "/api/v1/visits/coverage?month=" + MONTH + "&limit=1")) {
            TestHub.Answer answer = hub.get(path, cadre);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json()).as(path).extracting(v -> v.get("village").asText()).containsExactly("村03");
            assertThat(answer.next()).as(path).isEmpty();
            assertThat(hub.get(path + "&village=" + encode("村04"), cadre).status()).isEqualTo(403);
        }
    }

    @Test
    void a_page_reads_its_villages_residents_and_visits_by_index() {
        seed();
        StringBuilder sql = new StringBuilder(Residents.VILLAGE_PAGE);
        List<Object> parameters = new ArrayList<>();
        Residents.VILLAGE_ORDER.page(sql, parameters, new PageRequest(10, Optional.of(Cursor.of("a", "b").token())),
                cursor -> List.of(cursor.text(0), cursor.text(1)));

        List<String> villages = TestHub.queryPlan(dir, sql.toString());
        assertThat(villages).anyMatch(step -> step.matches("SEARCH village_counts USING INDEX village_counts_order .*"));
        assertThat(villages).doesNotContain("USE TEMP B-TREE FOR ORDER BY");

        List<String> visited = TestHub.queryPlan(dir, Visits.VILLAGE_VISITED);
        assertThat(visited).anyMatch(step -> step.matches(
                "SEARCH r USING (COVERING )?INDEX residents_village\\w* \\(village=\\?.*"));
        assertThat(visited).anyMatch(step -> step.matches(
                "SEARCH v USING (COVERING )?INDEX visits_resident \\(resident_id=\\? AND visited_at>\\? AND visited_at<\\?\\)"));
        assertThat(visited).noneMatch(step -> step.startsWith("SCAN"));
    }

    /** Follows the Link headers from {@code path}, checking each page's size; every item in order. */
    private List<JsonNode> walk(String path, List<Integer> sizes) {
        List<JsonNode> items = new ArrayList<>();
        List<Integer> seen = new ArrayList<>();
        for (String at = path; at != null;) {
            TestHub.Answer page = hub.get(at, hub.adminToken);
            assertThat(page.status()).as(at).isEqualTo(200);
            assertThat(page.json().isArray()).as("the body stays a JSON array").isTrue();
            page.json().forEach(items::add);
            seen.add(page.json().size());
            at = page.next().orElse(null);
        }
        assertThat(seen).isEqualTo(sizes);
        return items;
    }

    /** The villages of a list in numbers, in its order. */
    private List<String> order(String path) {
        List<String> out = new ArrayList<>();
        hub.get(path, hub.adminToken).json().forEach(row -> out.add(row.get("village").asText()));
        return out;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
