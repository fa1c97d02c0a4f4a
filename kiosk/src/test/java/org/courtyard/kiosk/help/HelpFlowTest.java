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
import org.courtyard.kiosk.TestRoster;
import org.courtyard.kiosk.core.HelpView;
import org.courtyard.kiosk.core.LinkState;
import org.courtyard.kiosk.core.LocalHelpStatus;
import org.courtyard.kiosk.core.Screen;
import org.courtyard.kiosk.store.KioskStore;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.EventType;
import org.courtyard.protocol.HelpCancelled;
import org.courtyard.protocol.HelpDetails;
import org.courtyard.protocol.HelpRepeated;
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
    void pressing_again_while_a_request_is_open_sends_help_repeated_at_once_instead_of_a_new_request()
            throws Exception {
        kiosk("help.alert-courtyard=false");

        kiosk.help().requestHelp(HelpSource.SCREEN, null);
        kiosk.model().awaitIdle(WAIT);
        HelpView first = kiosk.model().state().help();
        clock.advance(Duration.ofMinutes(5));
        kiosk.model().execute(() -> kiosk.model().update(state -> state.withScreen(Screen.HOME)));
        kiosk.help().requestHelp(HelpSource.BUTTON, null);
        kiosk.model().awaitIdle(WAIT);

        assertThat(kiosk.model().state().help().id()).isEqualTo(first.id());
        assertThat(kiosk.model().state().screen()).isEqualTo(Screen.HELP);
        // Not online: the kiosk says the press is kept, not that anyone was told.
        assertThat(kiosk.model().state().lastPrompt()).isEqualTo("help.repeated.offline");
        assertThat(kiosk.model().state().help().unsent()).isTrue();
        kiosk.close();
        try (KioskStore store = KioskStore.open(dir.resolve("data"))) {
            assertThat(store.pending(10)).extracting(Event::type)
                    .containsExactly(EventType.HELP_REQUESTED, EventType.HELP_REPEATED);
            assertThat(store.pending(10).get(1).payload()).isEqualTo(new HelpRepeated(first.id()));
            assertThat(store.pending(10).get(1).occurredAt()).isEqualTo(clock.instant());
        }
    }

    @Test
    void the_wrong_press_button_asks_first_and_cancels_only_on_yes_within_the_window() throws Exception {
        kiosk("help.alert-courtyard=false", "help.cancel-window-seconds=60");
        kiosk.help().requestHelp(HelpSource.SCREEN, null);
        kiosk.model().awaitIdle(WAIT);
        HelpView help = kiosk.model().state().help();
        assertThat(help.cancellable(clock.instant())).isTrue();

        clock.advance(Duration.ofSeconds(20));
        kiosk.help().cancel();
        kiosk.model().awaitIdle(WAIT);
        assertThat(kiosk.model().state().help().confirmingCancel()).isTrue();
        assertThat(kiosk.model().state().help().status()).isEqualTo(LocalHelpStatus.SAVED);
        assertThat(kiosk.model().state().lastPrompt()).isEqualTo("help.cancel.confirm");

        kiosk.help().keepRequest();
        kiosk.model().awaitIdle(WAIT);
        assertThat(kiosk.model().state().help().confirmingCancel()).isFalse();
        assertThat(kiosk.model().state().help().status()).isEqualTo(LocalHelpStatus.SAVED);
        assertThat(kiosk.model().state().lastPrompt()).isEqualTo("help.cancel.kept");

        clock.advance(Duration.ofSeconds(10));
        kiosk.help().cancel();
        kiosk.help().confirmCancel();
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
    void after_sending_the_kiosk_asks_who_it_is_and_a_tap_goes_out_as_help_details_with_the_resident()
            throws Exception {
        TestRoster.seed(dir.resolve("data"));
        kiosk("help.alert-courtyard=false");
        kiosk.model().awaitIdle(WAIT);

        kiosk.help().requestHelp(HelpSource.BUTTON, null);
        kiosk.model().awaitIdle(WAIT);
        HelpView help = kiosk.model().state().help();
        // Sent first, asked after: the request is in the outbox before anyone is asked anything.
        assertThat(help.asksWho()).isTrue();
        assertThat(help.residentId()).isNull();

        kiosk.help().chooseResident("r-zhangguiy");
        kiosk.model().awaitIdle(WAIT);

        assertThat(kiosk.model().state().help().residentId()).isEqualTo("r-zhangguiy");
        assertThat(kiosk.model().state().help().asksWho()).isFalse();
        assertThat(kiosk.model().state().lastPrompt()).isEqualTo("help.who.thanks");
        kiosk.close();
        try (KioskStore store = KioskStore.open(dir.resolve("data"))) {
            assertThat(store.pending(10)).extracting(Event::type)
                    .containsExactly(EventType.HELP_REQUESTED, EventType.HELP_DETAILS);
            assertThat(store.pending(10).get(1).payload())
                    .isEqualTo(new HelpDetails(help.id(), null, "r-zhangguiy"));
        }
        // Who asked survives a restart.
        kiosk("help.alert-courtyard=false");
        kiosk.model().awaitIdle(WAIT);
        assertThat(kiosk.model().state().help().residentId()).isEqualTo("r-zhangguiy");
    }

    @Test
    void two_minutes_offline_with_the_request_unsent_shows_and_says_the_village_duty_phone() throws Exception {
        try (KioskStore store = KioskStore.open(dir.resolve("data"))) {
            new HelpStore(store).saveDutyPhone("0871-6512 3456");
        }
        kiosk("help.alert-courtyard=false");
        kiosk.start();
        await().atMost(WAIT).until(() -> kiosk.model().state().link() == LinkState.OFFLINE);

        kiosk.help().requestHelp(HelpSource.BUTTON, null);
        kiosk.model().awaitIdle(WAIT);
        assertThat(kiosk.model().state().help().dutyPhone()).isNull();
        assertThat(kiosk.model().state().lastPrompt()).isEqualTo("help.saved.offline");

        clock.advance(Duration.ofSeconds(119));
        kiosk.help().chooseCategory(org.courtyard.protocol.HelpCategory.MEDICAL);
        kiosk.model().awaitIdle(WAIT);
        assertThat(kiosk.model().state().help().dutyPhone()).isNull();

        clock.advance(Duration.ofSeconds(1));
        // The help controller's own once-a-second check shows it, with no other event needed.
        await().atMost(WAIT).until(() -> kiosk.model().state().help().dutyPhone() != null);
        assertThat(kiosk.model().state().help().dutyPhone()).isEqualTo("0871-6512 3456");
        // Said once, then the digits (clips play in real time, so only the start is waited for).
        assertThat(kiosk.model().state().lastPrompt()).isEqualTo("help.duty-phone");
        await().atMost(WAIT).untilAsserted(() -> assertThat(actions)
                .anySatisfy(line -> assertThat(line).startsWith("audio start prompt-help.duty-phone")));
        assertThat(actions).noneSatisfy(line -> assertThat(line).contains("prompt-help.acknowledged"));
    }

    @Test
    void without_a_duty_phone_from_the_hub_nothing_is_shown_after_two_minutes() throws Exception {
        kiosk("help.alert-courtyard=false");
        kiosk.start();
        await().atMost(WAIT).until(() -> kiosk.model().state().link() == LinkState.OFFLINE);
        kiosk.help().requestHelp(HelpSource.BUTTON, null);
        kiosk.model().awaitIdle(WAIT);

        clock.advance(Duration.ofMinutes(3));
        kiosk.help().chooseCategory(org.courtyard.protocol.HelpCategory.MEDICAL);
        kiosk.model().awaitIdle(WAIT);

        assertThat(kiosk.model().state().help().dutyPhone()).isNull();
        assertThat(kiosk.model().state().help().unsent()).isTrue();
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

        kiosk.help().cancel();
        clock.advance(Duration.ofSeconds(61));
        kiosk.help().confirmCancel();
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
