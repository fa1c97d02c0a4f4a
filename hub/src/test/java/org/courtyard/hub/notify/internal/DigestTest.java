package org.courtyard.hub.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.courtyard.hub.notify.WebhookEvent;
import org.junit.jupiter.api.Test;

/** What a robot's digest says when the budget folds the device and visit messages of a minute together. */
class DigestTest {

    @Test
    void returning_home_units_are_folded_after_returning_kiosks_and_before_the_visit_digest() {
        List<Digest.Folded> folded = List.of(
                fold(WebhookEvent.CARE_DIGEST, "和平村（3天内2人，超期1人）"),
                fold(WebhookEvent.HOME_BACK, "和平村 张桂英"),
                fold(WebhookEvent.BACK, "大村 村口"),
                fold(WebhookEvent.HOME_BACK, "小村 陈秀兰"));

        StoredNotice digest = Digest.of(folded, Set.of(WebhookEvent.BACK.wireName()));

        assertThat(Digest.text(digest)).isEqualTo(String.join("\n",
                "【设备恢复】另有 1 台设备恢复联系：大村 村口",
                "【居家呼叫器恢复】共有 2 台居家呼叫器恢复联系：和平村 张桂英、小村 陈秀兰",
                "【走访提醒】共有 1 个村有要走访的人，请结对干部及时走访：和平村（3天内2人，超期1人）"));
    }

    private static Digest.Folded fold(WebhookEvent event, String line) {
        return new Digest.Folded(event.wireName(), new StoredNotice("alone: " + line, List.of(), "kiosks", line, null));
    }
}
