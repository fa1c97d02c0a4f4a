package org.courtyard.kiosk.help;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.courtyard.hardware.LampRole;
import org.courtyard.hardware.LampState;
import org.courtyard.kiosk.Kiosk;
import org.courtyard.kiosk.MutableClock;
import org.courtyard.kiosk.TestKiosks;
import org.courtyard.kiosk.core.HelpView;
import org.courtyard.kiosk.core.LocalHelpStatus;
import org.courtyard.kiosk.core.Screen;
import org.courtyard.kiosk.store.KioskStore;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.EventType;
import org.courtyard.protocol.HelpCancelled;
import org.courtyard.protocol.HelpRequested;
import org.courtyard.protocol.HelpSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The help flow on a real kiosk with simulated hardware and an unreachable hub: everything an
 * elder sees, hears and causes without a network.
 */
class HelpFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T08:00:00Z"));
    private final List<String> actions = new CopyOnWriteArrayList<>();
    private Kiosk kiosk;

    private Kiosk kiosk(String... extra) throws Exception {
        kiosk = Kiosk.create(TestKiosks.config(dir, "http://127.0.0.1:9", extra), clock);
        kiosk.hardware().addActionListener(action -> actions.add(action.line()));
        return kiosk;
    }

    @AfterEach
    void close() {
        if (kiosk != null) {
            kiosk.close();
        }
    }

    @Test
    void one_press_of_the_physical_button_saves_a_request_and_shows_it_at_once() throws Exception {
        kiosk("help.alert-courtyard=true");
        kiosk.start();

        kiosk.hardware().simulator().orElseThrow().pressButton();

        await().atMost(WAIT).until(() -> kiosk.model().state().help() != null);
        HelpView help = kiosk.model().state().help();
        assertThat(help.status()).isEqualTo(LocalHelpStatus.SAVED);
        assertThat(kiosk.model().state().screen()).isEqualTo(Screen.HELP);
        assertThat(kiosk.hardware().simulator().orElseThrow().lampState(LampRole.SENDING)).isEqualTo(LampState.BLINK);
        // The courtyard alarm: the loudspeaker relay switches on, then off again.
        await().atMost(WAIT).until(() -> actions.contains("relay off"));
        assertThat(actions).containsSubsequence("button press", "relay on", "relay off");

        kiosk.close();
        try (KioskStore store = KioskStore.open(dir.resolve("data"))) {
            List<Event> outbox = store.pending(10);
            assertThat(outbox).singleElement().satisfies(event -> {
                assertThat(event.id()).isEqualTo(help.id());
                assertThat(event.type()).isEqualTo(EventType.HELP_REQUESTED);
                assertThat(event.occurredAt()).isEqualTo(clock.instant());
                assertThat(((HelpRequested) event.payload()).source()).isEqualTo(HelpSource.BUTTON);
            });
        }
    }

    @Test
    void pressing_again_while_a_request_is_open_repeats_it_instead_of_making_another() throws Exception {
        kiosk("help.alert-courtyard=false");

        kiosk.help().requestHelp(HelpSource.SCREEN, null);
        kiosk.model().awaitIdle(WAIT);
        HelpView first = kiosk.model().state().help();
        clock.advance(Duration.ofMinutes(5));
        kiosk.help().requestHelp(HelpSource.SCREEN, null);
        kiosk.model().awaitIdle(WAIT);

        assertThat(kiosk.model().state().help().id()).isEqualTo(first.id());
        kiosk.close();
        try (KioskStore store = KioskStore.open(dir.resolve("data"))) {
            assertThat(store.pending(10)).hasSize(1);
        }
    }

    @Test
    void the_wrong_press_button_cancels_within_the_window() throws Exception {
        kiosk("help.alert-courtyard=false", "help.cancel-window-seconds=60");
        kiosk.help().requestHelp(HelpSource.SCREEN, null);
        kiosk.model().awaitIdle(WAIT);
        HelpView help = kiosk.model().state().help();
        assertThat(help.cancellable(clock.instant())).isTrue();

        clock.advance(Duration.ofSeconds(30));
        kiosk.help().cancel();
        kiosk.model().awaitIdle(WAIT);

        assertThat(kiosk.model().state().help().status()).isEqualTo(LocalHelpStatus.CANCELLED);
        assertThat(kiosk.model().state().lastPrompt()).isEqualTo("help.cancelled");
        kiosk.close();
        try (KioskStore store = KioskStore.open(dir.resolve("data"))) {
            assertThat(store.pending(10)).extracting(Event::type)
                    .containsExactly(EventType.HELP_REQUESTED, EventType.HELP_CANCELLED);
            assertThat(store.pending(10).get(1).payload()).isEqualTo(new HelpCancelled(help.id()));
        }
    }

    @Test
    void the_kind_of_help_chosen_after_sending_goes_out_as_help_details() throws Exception {
        kiosk("help.alert-courtyard=false");
        kiosk.help().requestHelp(HelpSource.SCREEN, null);
        kiosk.model().awaitIdle(WAIT);
        HelpView help = kiosk.model().state().help();
        assertThat(help.category()).isNull();
        assertThat(kiosk.model().state().lastPrompt()).isEqualTo("help.saved.offline");

        kiosk.help().chooseCategory(org.courtyard.protocol.HelpCategory.DAILY);
        kiosk.model().awaitIdle(WAIT);

        assertThat(kiosk.model().state().help().category()).isEqualTo(org.courtyard.protocol.HelpCategory.DAILY);
        kiosk.close();
        try (KioskStore store = KioskStore.open(dir.resolve("data"))) {
            assertThat(store.pending(10)).extracting(Event::type)
                    .containsExactly(EventType.HELP_REQUESTED, EventType.HELP_DETAILS);
            assertThat(store.pending(10).get(1).payload()).isEqualTo(
                    org.courtyard.protocol.HelpDetails.category(help.id(), org.courtyard.protocol.HelpCategory.DAILY));
        }
    }

    @Test
    void after_the_window_the_request_can_no_longer_be_taken_back() throws Exception {
        kiosk("help.alert-courtyard=false", "help.cancel-window-seconds=60");
        kiosk.help().requestHelp(HelpSource.SCREEN, null);
        kiosk.model().awaitIdle(WAIT);

        clock.advance(Duration.ofSeconds(61));
        kiosk.help().cancel();
        kiosk.model().awaitIdle(WAIT);

        assertThat(kiosk.model().state().help().status()).isEqualTo(LocalHelpStatus.SAVED);
        assertThat(kiosk.model().state().lastPrompt()).isEqualTo("help.cancel.too-late");
    }

    @Test
    void a_saved_request_is_shown_again_after_a_restart() throws Exception {
        kiosk("help.alert-courtyard=false");
        kiosk.help().requestHelp(HelpSource.SCREEN, null);
        kiosk.model().awaitIdle(WAIT);
        var id = kiosk.model().state().help().id();
        kiosk.close();

        kiosk("help.alert-courtyard=false");
        kiosk.model().awaitIdle(WAIT);

        assertThat(kiosk.model().state().help().id()).isEqualTo(id);
        assertThat(kiosk.model().state().help().status()).isEqualTo(LocalHelpStatus.SAVED);
        assertThat(kiosk.hardware().simulator().orElseThrow().lampState(LampRole.SENDING)).isEqualTo(LampState.BLINK);
    }

    @Test
    void saying_help_raises_a_request_at_once_and_other_words_are_read_back_first() throws Exception {
        kiosk("help.alert-courtyard=false");

        kiosk.voice().hear("报平安");
        kiosk.model().awaitIdle(WAIT);
        assertThat(kiosk.model().state().lastPrompt()).isEqualTo("voice.confirm.check_in");
        assertThat(kiosk.model().state().screen()).isEqualTo(Screen.HOME);
        kiosk.voice().hear("是");
        kiosk.model().awaitIdle(WAIT);
        assertThat(kiosk.model().state().screen()).isEqualTo(Screen.CHECK_IN);

        kiosk.voice().hear("救命");
        kiosk.model().awaitIdle(WAIT);
        assertThat(kiosk.model().state().help()).isNotNull();
        assertThat(kiosk.model().state().screen()).isEqualTo(Screen.HELP);
    }
}
