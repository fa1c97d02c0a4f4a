package org.courtyard.kiosk.checkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.courtyard.kiosk.Kiosk;
import org.courtyard.kiosk.MutableClock;
import org.courtyard.kiosk.TestKiosks;
import org.courtyard.kiosk.TestRoster;
import org.courtyard.kiosk.core.ResidentTile;
import org.courtyard.kiosk.core.Screen;
import org.courtyard.kiosk.store.KioskStore;
import org.courtyard.protocol.CheckedIn;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.EventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 报平安 on a real kiosk (simulated hardware, no hub): the tiles, a tap, the event, the thanks. */
class CheckInFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T08:00:00Z"));
    private final List<String> actions = new CopyOnWriteArrayList<>();
    private Kiosk kiosk;

    /** A kiosk whose database already holds the roster the hub sent earlier. */
    private Kiosk kiosk() throws Exception {
        TestRoster.seed(dir.resolve("data"));
        kiosk = Kiosk.create(TestKiosks.config(dir, "http://127.0.0.1:9"), clock);
        kiosk.hardware().addActionListener(action -> actions.add(action.line()));
        kiosk.model().awaitIdle(WAIT);
        return kiosk;
    }

    @AfterEach
    void close() {
        if (kiosk != null) {
            kiosk.close();
        }
    }

    @Test
    void the_tiles_show_every_resident_in_pinyin_order_before_anyone_checked_in() throws Exception {
        kiosk();

        assertThat(kiosk.model().state().checkIn().residents()).extracting(ResidentTile::name)
                .containsExactly("陈秀兰", "李小军", "欧阳秀英", "孙大妈", "王德福", "张桂英", "赵小雨");
        assertThat(kiosk.model().state().checkIn().residents()).allSatisfy(tile -> {
            assertThat(tile.photo()).isNull();
            assertThat(tile.checkedInToday()).isFalse();
        });
    }

    @Test
    void a_tap_saves_the_event_then_thanks_and_speaks_and_the_event_waits_in_the_outbox() throws Exception {
        kiosk();
        kiosk.screens().open(Screen.CHECK_IN);

        kiosk.checkIn().checkIn("r-zhangguiy");
        kiosk.model().awaitIdle(WAIT);

        assertThat(kiosk.model().state().screen()).isEqualTo(Screen.CHECK_IN);
        assertThat(kiosk.model().state().checkIn().thanked().name()).isEqualTo("张桂英");
        assertThat(kiosk.model().state().lastPrompt()).isEqualTo("checkin.thanks");
        await().atMost(WAIT).until(() -> actions.stream().anyMatch(line -> line.contains("prompt-checkin.thanks")));
        kiosk.close();
        try (KioskStore store = KioskStore.open(dir.resolve("data"))) {
            List<Event> outbox = store.pending(10);
            assertThat(outbox).singleElement().satisfies(event -> {
                assertThat(event.type()).isEqualTo(EventType.CHECKED_IN);
                assertThat(((CheckedIn) event.payload()).residentId()).isEqualTo("r-zhangguiy");
                assertThat(event.occurredAt()).isEqualTo(clock.instant());
            });
        }
    }

    @Test
    void who_checks_in_here_most_comes_first_and_stays_first_after_a_restart() throws Exception {
        kiosk();
        kiosk.checkIn().checkIn("r-zhaoxiaoy");
        kiosk.checkIn().checkIn("r-zhaoxiaoy");
        kiosk.checkIn().checkIn("r-wangdefuu");
        kiosk.model().awaitIdle(WAIT);

        assertThat(kiosk.model().state().checkIn().residents()).extracting(ResidentTile::name)
                .startsWith("赵小雨", "王德福", "陈秀兰");
        kiosk.close();
        kiosk = Kiosk.create(TestKiosks.config(dir, "http://127.0.0.1:9"), clock);
        kiosk.model().awaitIdle(WAIT);
        assertThat(kiosk.model().state().checkIn().residents()).extracting(ResidentTile::name)
                .startsWith("赵小雨", "王德福");
    }

    @Test
    void next_person_shows_the_tiles_again_and_reopening_the_screen_forgets_the_thanks() throws Exception {
        kiosk();
        kiosk.checkIn().checkIn("r-lixiaojun");
        kiosk.checkIn().next();
        kiosk.model().awaitIdle(WAIT);
        assertThat(kiosk.model().state().checkIn().thanked()).isNull();

        kiosk.checkIn().checkIn("r-lixiaojun");
        kiosk.screens().open(Screen.HOME);
        kiosk.screens().open(Screen.CHECK_IN);
        kiosk.model().awaitIdle(WAIT);
        assertThat(kiosk.model().state().checkIn().thanked()).isNull();
    }

    @Test
    void saying_bao_ping_an_opens_the_tiles_and_asks_who_you_are() throws Exception {
        kiosk();

        kiosk.voice().hear("报平安");
        kiosk.voice().hear("是");
        kiosk.model().awaitIdle(WAIT);

        assertThat(kiosk.model().state().screen()).isEqualTo(Screen.CHECK_IN);
        assertThat(kiosk.model().state().lastPrompt()).isEqualTo("checkin.prompt");
        assertThat(kiosk.prompts().text("checkin.prompt")).startsWith("您是哪一位？");
    }

    @Test
    void a_resident_not_in_the_roster_is_not_checked_in() throws Exception {
        kiosk();

        kiosk.checkIn().checkIn("r-stranger");
        kiosk.model().awaitIdle(WAIT);
        kiosk.close();

        try (KioskStore store = KioskStore.open(dir.resolve("data"))) {
            assertThat(store.pending(10)).isEmpty();
        }
    }
}
