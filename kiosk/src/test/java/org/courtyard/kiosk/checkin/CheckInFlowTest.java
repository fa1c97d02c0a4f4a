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
import org.courtyard.kiosk.core.CheckInSection;
import org.courtyard.kiosk.core.ResidentTile;
import org.courtyard.kiosk.core.Screen;
import org.courtyard.kiosk.store.KioskStore;
import org.courtyard.protocol.CheckInUndone;
import org.courtyard.protocol.CheckedIn;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.EventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 报平安 on a real kiosk (simulated hardware, no hub): the tiles and their order, a tap, the event,
 * the thanks, 「不是我」, 「今天已报」, and the 村民小组 of a big village.
 */
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
    void who_checked_in_today_says_so_and_comes_last_and_the_next_day_who_comes_most_is_first() throws Exception {
        kiosk();
        kiosk.checkIn().checkIn("r-zhaoxiaoy");
        kiosk.checkIn().checkIn("r-zhaoxiaoy");
        kiosk.checkIn().checkIn("r-wangdefuu");
        kiosk.model().awaitIdle(WAIT);

        List<ResidentTile> today = kiosk.model().state().checkIn().residents();
        assertThat(today).extracting(ResidentTile::name)
                .containsExactly("陈秀兰", "李小军", "欧阳秀英", "孙大妈", "张桂英", "赵小雨", "王德福");
        assertThat(today).filteredOn(ResidentTile::checkedInToday).extracting(ResidentTile::name)
                .containsExactly("赵小雨", "王德福");

        // Past midnight in Beijing (16:00 UTC) and after a restart: nobody has checked in today, and
        // those who come here most come first.
        clock.advance(Duration.ofHours(9));
        kiosk.close();
        kiosk = Kiosk.create(TestKiosks.config(dir, "http://127.0.0.1:9"), clock);
        kiosk.model().awaitIdle(WAIT);
        assertThat(kiosk.model().state().checkIn().residents()).noneMatch(ResidentTile::checkedInToday)
                .extracting(ResidentTile::name).startsWith("赵小雨", "王德福", "陈秀兰");
    }

    @Test
    void opening_the_screen_after_midnight_drops_yesterdays_marks() throws Exception {
        kiosk();
        kiosk.checkIn().checkIn("r-lixiaojun");
        kiosk.model().awaitIdle(WAIT);
        assertThat(tile("r-lixiaojun").checkedInToday()).isTrue();

        clock.advance(Duration.ofHours(9));
        kiosk.screens().open(Screen.HOME);
        kiosk.screens().open(Screen.CHECK_IN);
        kiosk.model().awaitIdle(WAIT);

        assertThat(tile("r-lixiaojun").checkedInToday()).isFalse();
    }

    @Test
    void not_me_within_10_seconds_takes_the_check_in_back_and_tells_the_hub() throws Exception {
        kiosk();
        kiosk.screens().open(Screen.CHECK_IN);
        kiosk.checkIn().checkIn("r-zhangguiy");
        kiosk.model().awaitIdle(WAIT);
        assertThat(kiosk.model().state().checkIn().undoable(clock.instant())).isTrue();

        clock.advance(Duration.ofSeconds(9));
        kiosk.checkIn().undo();
        kiosk.model().awaitIdle(WAIT);

        assertThat(kiosk.model().state().checkIn().thanked()).isNull();
        assertThat(kiosk.model().state().screen()).isEqualTo(Screen.CHECK_IN);
        assertThat(kiosk.model().state().lastPrompt()).isEqualTo("checkin.undone");
        assertThat(tile("r-zhangguiy").checkedInToday()).isFalse();
        await().atMost(WAIT).until(() -> actions.stream().anyMatch(line -> line.contains("prompt-checkin.undone")));
        kiosk.close();
        try (KioskStore store = KioskStore.open(dir.resolve("data"))) {
            List<Event> outbox = store.pending(10);
            assertThat(outbox).extracting(Event::type).containsExactly(EventType.CHECKED_IN, EventType.CHECK_IN_UNDONE);
            assertThat(((CheckInUndone) outbox.get(1).payload()).checkInId()).isEqualTo(outbox.get(0).id());
            // Nor does the undone check-in count towards who comes here most.
            assertThat(new CheckInStore(store).counts()).containsEntry("r-zhangguiy", 0);
        }
    }

    @Test
    void not_me_after_10_seconds_changes_nothing() throws Exception {
        kiosk();
        kiosk.checkIn().checkIn("r-zhangguiy");
        kiosk.model().awaitIdle(WAIT);

        clock.advance(CheckInController.UNDO_WINDOW);
        kiosk.checkIn().undo();
        kiosk.model().awaitIdle(WAIT);

        assertThat(kiosk.model().state().checkIn().thanked().name()).isEqualTo("张桂英");
        assertThat(tile("r-zhangguiy").checkedInToday()).isTrue();
        kiosk.close();
        try (KioskStore store = KioskStore.open(dir.resolve("data"))) {
            assertThat(store.pending(10)).extracting(Event::type).containsExactly(EventType.CHECKED_IN);
        }
    }

    @Test
    void a_village_of_several_groups_asks_for_the_group_first_and_next_person_asks_again() throws Exception {
        TestRoster.seed(dir.resolve("data"), TestRoster.village());
        kiosk = Kiosk.create(TestKiosks.config(dir, "http://127.0.0.1:9"), clock);
        kiosk.screens().open(Screen.CHECK_IN);
        kiosk.model().awaitIdle(WAIT);

        assertThat(kiosk.model().state().checkIn().sections()).extracting(CheckInSection::group).containsExactly(
                "一组", "二组", "三组", "四组", "五组", "六组", "七组", "八组", "九组", "十组", "十一组", null);
        assertThat(kiosk.model().state().checkIn().shownTiles()).isEmpty();
        assertThat(kiosk.model().state().lastPrompt()).isEqualTo("checkin.groups.prompt");

        kiosk.checkIn().chooseSection("二组");
        kiosk.model().awaitIdle(WAIT);
        assertThat(kiosk.model().state().checkIn().shownTiles()).hasSize(9)
                .allSatisfy(tile -> assertThat(tile.group()).isEqualTo("二组"));
        assertThat(kiosk.model().state().lastPrompt()).isEqualTo("checkin.prompt");

        String someone = kiosk.model().state().checkIn().shownTiles().get(0).id();
        kiosk.checkIn().checkIn(someone);
        kiosk.checkIn().undo();
        kiosk.model().awaitIdle(WAIT);
        // 不是我: the same group's tiles again, for the right person.
        assertThat(kiosk.model().state().checkIn().section()).isEqualTo("二组");

        kiosk.checkIn().checkIn(someone);
        kiosk.checkIn().next();
        kiosk.model().awaitIdle(WAIT);
        assertThat(kiosk.model().state().checkIn().section()).isNull();
        assertThat(kiosk.model().state().lastPrompt()).isEqualTo("checkin.groups.prompt");
    }

    private ResidentTile tile(String id) {
        return kiosk.model().state().checkIn().residents().stream().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow();
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
