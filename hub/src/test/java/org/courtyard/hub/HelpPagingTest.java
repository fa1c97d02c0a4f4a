package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/help-requests} paged (docs/api.md "Paging"): every open request is reachable
 * by following the {@code Link} header however many there are (the list used to stop silently at
 * its limit), newest first; requests arriving mid-walk neither repeat nor push others off; the
 * filters stay in the {@code Link}; {@code limit} and {@code cursor} out of range are 400.
 */
class HelpPagingTest {

    private static final Pattern NEXT = Pattern.compile("<([^>]*)>; rel=\"next\"");

    @TempDir
    Path dir;

    TestHub hub;
    TestHub.Kiosk kiosk;
    String staff;

    @BeforeEach
    void start() {
        hub = new TestHub(dir);
        kiosk = hub.kiosk("村委会活动室", "大村");
        staff = hub.user("wang", "STAFF", null);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void every_open_request_is_reachable_past_the_default_page_even_when_they_arrived_at_once() {
        // 450 requests in one batch: one arrival time for all, so only the id orders them.
        List<String> sent = press(450);

        TestHub.Answer first = hub.get("/api/v1/help-requests?open=true", staff);
        assertThat(first.json().size()).as("the default page").isEqualTo(200);
        List<String> seen = walk("/api/v1/help-requests?open=true");

        assertThat(seen).hasSize(450).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void pages_come_newest_first_with_a_link_to_the_next_and_none_on_the_last() {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.addAll(press(1));
            hub.clock.advance(Duration.ofMinutes(1));
        }

        List<String> seen = new ArrayList<>();
        String path = "/api/v1/help-requests?limit=2";
        int pages = 0;
        while (path != null) {
            TestHub.Answer page = hub.get(path, staff);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.json().isArray()).as("the body stays a JSON array").isTrue();
            seen.addAll(ids(page.json()));
            path = next(page).orElse(null);
            pages++;
        }

        Collections.reverse(sent);
        assertThat(seen).as("newest first").containsExactlyElementsOf(sent);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void requests_arriving_mid_walk_neither_repeat_nor_push_others_off() {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sent.addAll(press(1));
            hub.clock.advance(Duration.ofMinutes(1));
        }
        TestHub.Answer first = hub.get("/api/v1/help-requests?open=true&limit=2", staff);
        assertThat(ids(first.json())).containsExactly(sent.get(3), sent.get(2));

        // Newer than everything already read: the staff page hears of them live.
        press(3);
        TestHub.Answer second = hub.get(next(first).orElseThrow(), staff);

        assertThat(ids(second.json())).containsExactly(sent.get(1), sent.get(0));
        assertThat(next(second)).isEmpty();
    }

    @Test
    void the_link_keeps_the_filters_as_sent() {
        for (int i = 0; i < 3; i++) {
            press(1);
            hub.clock.advance(Duration.ofMinutes(1));
        }
        UUID cancelled = UUID.randomUUID();
        hub.sync(kiosk, null, TestHub.helpRequested(cancelled, hub.clock.instant()),
                TestHub.helpCancelled(cancelled));
        String query = "/api/v1/help-requests?status=NEW,ACKNOWLEDGED,ASSIGNED&cancelledWithin=10&limit=3";

        TestHub.Answer first = hub.get(query, staff);

        String link = next(first).orElseThrow();
        assertThat(link).startsWith(query + "&cursor=");
        assertThat(first.json().get(0).get("id").asText()).as("recently cancelled, newest").isEqualTo(
                cancelled.toString());
        TestHub.Answer second = hub.get(link, staff);
        assertThat(second.json().size()).isEqualTo(1);
        assertThat(next(second)).isEmpty();
    }

    @Test
    void limit_and_cursor_out_of_range_are_400_naming_the_parameter() {
        for (String bad : List.of("0", "1001", "ten", "-1")) {
            TestHub.Answer answer = hub.get("/api/v1/help-requests?limit=" + bad, staff);
            assertThat(answer.status()).as("limit=" + bad).isEqualTo(400);
            assertThat(answer.json().get("error").get("code").asText()).isEqualTo("invalid_field");
            assertThat(answer.errorMessage()).contains("'limit'", "1 to 1000");
        }
        for (String bad : List.of("nonsense", "MTox", "%E2%9C%93", "MTp4MTp5")) {
            TestHub.Answer answer = hub.get("/api/v1/help-requests?cursor=" + bad, staff);
            assertThat(answer.status()).as("cursor=" + bad).isEqualTo(400);
            assertThat(answer.errorMessage()).contains("'cursor'", "Link header");
        }
        assertThat(hub.get("/api/v1/help-requests?limit=1000", staff).status()).isEqualTo(200);
    }

    /** {@code count} presses of the kiosk's button, in one sync; their ids in order. */
    private List<String> press(int count) {
        List<String> ids = new ArrayList<>();
        ObjectNode[] events = new ObjectNode[count];
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id.toString());
            events[i] = TestHub.helpRequested(id, hub.clock.instant());
        }
        assertThat(hub.sync(kiosk, null, events).json().get("accepted")).hasSize(count);
        return ids;
    }

    private List<String> walk(String path) {
        List<String> seen = new ArrayList<>();
        String at = path;
        while (at != null) {
            TestHub.Answer page = hub.get(at, staff);
            assertThat(page.status()).isEqualTo(200);
            seen.addAll(ids(page.json()));
            at = next(page).orElse(null);
        }
        return seen;
    }

    private static Optional<String> next(TestHub.Answer answer) {
        return answer.headers().firstValue("Link").map(NEXT::matcher).filter(Matcher::find).map(m -> m.group(1));
    }

    private static List<String> ids(JsonNode list) {
        return StreamSupport.stream(list.spliterator(), false).map(item -> item.get("id").asText()).toList();
    }
}
