package org.courtyard.kiosk.help;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.courtyard.kiosk.Kiosk;
import org.courtyard.kiosk.MutableClock;
import org.courtyard.kiosk.TestKiosks;
import org.courtyard.kiosk.checkin.CheckInStore;
import org.courtyard.kiosk.core.HelpView;
import org.courtyard.kiosk.core.LocalHelpStatus;
import org.courtyard.kiosk.core.Screen;
import org.courtyard.kiosk.store.KioskStore;
import org.courtyard.kiosk.store.StorageFullException;
import org.courtyard.protocol.CheckedIn;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.HelpSource;
import org.courtyard.protocol.testing.SmallDisk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kiosk whose SD card is full (a small real filesystem, filled up): a help request is still
 * saved, in the space held back for it, before the elder hears "sent"; when even that is gone the
 * elder hears and reads the truth, and the courtyard alarm still sounds.
 */
class FullCardTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T08:00:00Z"));
    private final List<String> actions = new CopyOnWriteArrayList<>();
    private SmallDisk card;
    private Kiosk kiosk;

    @BeforeEach
    void mount() throws Exception {
        card = SmallDisk.mount(Files.createDirectory(dir.resolve("data")), 16);
    }

    @AfterEach
    void close() {
        if (kiosk != null) {
            kiosk.close();
        }
        if (card != null) {
            card.close();
        }
    }

    @Test
    void on_a_full_card_a_help_request_is_saved_in_its_reserve_before_the_elder_hears_sent() throws Exception {
        kiosk = kiosk();
        card.fill();

        kiosk.help().requestHelp(HelpSource.SCREEN, null);
        kiosk.model().awaitIdle(WAIT);

        HelpView help = kiosk.model().state().help();
        assertThat(help).isNotNull();
        assertThat(help.status()).isEqualTo(LocalHelpStatus.SAVED);
        assertThat(kiosk.model().state().lastPrompt()).isEqualTo("help.saved.offline");
        kiosk.close();
        try (KioskStore store = KioskStore.open(card.path())) {
            assertThat(store.pending(10)).extracting(Event::id).containsExactly(help.id());
            assertThat(store.reserveHeld()).as("used up, and no room to make it again").isFalse();
        }
    }

    @Test
    void with_the_reserve_used_up_the_elder_is_told_it_was_not_saved_and_the_alarm_still_sounds() throws Exception {
        kiosk = kiosk("help.alert-courtyard=true");
        card.fill();
        kiosk.help().requestHelp(HelpSource.SCREEN, null);
        kiosk.model().awaitIdle(WAIT);
        assertThat(kiosk.model().state().help().status()).isEqualTo(LocalHelpStatus.SAVED);
        await().atMost(Duration.ofSeconds(30)).until(() -> ended("help.category.question"));
        // Hours later (the first request no longer counts as open); what the reserve freed has been
        // taken meanwhile by something else, a log or a download.
        clock.advance(Duration.ofHours(3));
        card.fill();
        actions.clear();

        kiosk.help().requestHelp(HelpSource.BUTTON, null);
        kiosk.model().awaitIdle(WAIT);

        assertThat(kiosk.model().state().screen()).isEqualTo(Screen.HELP);
        assertThat(kiosk.model().state().help()).as("no request to show: none was saved").isNull();
        assertThat(kiosk.model().state().lastPrompt()).isEqualTo(HelpController.NOT_SAVED);
        await().atMost(Duration.ofSeconds(30)).until(() -> ended(HelpController.NOT_SAVED));
        assertThat(actions).filteredOn(line -> line.startsWith("audio start"))
                .satisfiesExactly(alarm -> assertThat(alarm).contains("alarm"),
                        truth -> assertThat(truth).contains("prompt-" + HelpController.NOT_SAVED));
        assertThat(actions).containsSubsequence("relay on", "relay off");
    }

    private boolean ended(String prompt) {
        return actions.stream().anyMatch(line -> line.startsWith("audio end prompt-" + prompt + " "));
    }

    @Test
    void other_writes_fail_whole_on_a_full_card_and_the_reserve_comes_back_when_there_is_room() throws Exception {
        try (KioskStore store = KioskStore.open(card.path())) {
            CheckInStore checkIns = new CheckInStore(store);
            assertThat(store.reserveHeld()).isTrue();
            card.fill();

            Event checkIn = Event.of(new CheckedIn("r-1"), clock.instant(), true);
            assertThatThrownBy(() -> checkIns.saveCheckIn(checkIn)).isInstanceOf(StorageFullException.class);
            assertThat(store.pending(10)).isEmpty();
            assertThat(checkIns.counts()).isEmpty();
            assertThat(store.reserveHeld()).as("kept for help requests").isTrue();

            card.free();
            checkIns.saveCheckIn(checkIn);
            assertThat(store.pending(10)).extracting(Event::id).containsExactly(checkIn.id());
        }
    }

    @Test
    void a_used_reserve_is_made_again_once_space_is_freed() throws Exception {
        try (KioskStore store = KioskStore.open(card.path())) {
            HelpStore requests = new HelpStore(store);
            card.fill();
            requests.saveRequest(Event.of(new org.courtyard.protocol.HelpRequested(HelpSource.BUTTON, null, null,
                    null), clock.instant(), true));
            assertThat(store.reserveHeld()).isFalse();
            store.keepReserve();
            assertThat(store.reserveHeld()).as("no room yet").isFalse();

            card.free();
            store.keepReserve();

            assertThat(store.reserveHeld()).isTrue();
            assertThat(requests.latest()).isPresent();
        }
    }

    private Kiosk kiosk(String... extra) throws Exception {
        Kiosk created = Kiosk.create(TestKiosks.config(dir, "http://127.0.0.1:9", extra), clock);
        created.hardware().addActionListener(action -> actions.add(action.line()));
        return created;
    }

}
