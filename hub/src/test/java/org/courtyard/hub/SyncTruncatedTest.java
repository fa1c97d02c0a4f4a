package org.courtyard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.courtyard.hub.announce.AnnouncementsPart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sync answer carries at most {@link AnnouncementsPart#MAX_ANNOUNCEMENTS_PER_ANSWER} announcements
 * (docs/api.md "POST /api/v1/sync"): when it holds some back it says so with
 * {@code "truncated":["announcements"]}, and the next sync from its cursor brings the rest, the
 * answer then without the marker; an answer that holds everything has no marker.
 */
class SyncTruncatedTest {

    @TempDir
    Path dir;

    @Test
    void an_answer_cut_at_its_most_announcements_says_so_and_the_next_brings_the_rest() {
        try (TestHub hub = new TestHub(dir)) {
            TestHub.Kiosk kiosk = hub.kiosk("村委会活动室", "大村");
            int count = AnnouncementsPart.MAX_ANNOUNCEMENTS_PER_ANSWER + 3;
            List<String> made = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                made.add(hub.post("/api/v1/announcements", hub.adminToken, Announce.draft("通知" + i, "{\"all\":true}"))
                        .json().get("id").asText());
            }

            JsonNode first = hub.sync(kiosk, null).json();
            JsonNode second = hub.sync(kiosk, first.get("cursor").asText()).json();

            assertThat(first.get("announcements")).hasSize(AnnouncementsPart.MAX_ANNOUNCEMENTS_PER_ANSWER);
            assertThat(first.get("truncated")).as("the cut answer says which list is cut")
                    .extracting(JsonNode::asText).containsExactly("announcements");
            assertThat(second.get("announcements")).hasSize(3);
            assertThat(second.has("truncated")).as("the rest came whole").isFalse();
            List<String> received = new ArrayList<>();
            first.get("announcements").forEach(a -> received.add(a.get("id").asText()));
            second.get("announcements").forEach(a -> received.add(a.get("id").asText()));
            assertThat(received).containsExactlyInAnyOrderElementsOf(made);
        }
    }

    @Test
    void an_answer_that_holds_everything_has_no_marker() {
        try (TestHub hub = new TestHub(dir)) {
            TestHub.Kiosk kiosk = hub.kiosk("村委会活动室", "大村");
            hub.post("/api/v1/announcements", hub.adminToken, Announce.draft("停水通知", "{\"all\":true}"));

            JsonNode answer = hub.sync(kiosk, null).json();

            assertThat(answer.get("announcements")).hasSize(1);
            assertThat(answer.has("truncated")).isFalse();
        }
    }
}
