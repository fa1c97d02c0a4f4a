package org.courtyard.kiosk.cadre;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.courtyard.kiosk.Kiosk;
import org.courtyard.kiosk.MutableClock;
import org.courtyard.kiosk.TestKiosks;
import org.courtyard.kiosk.TestRoster;
import org.courtyard.kiosk.checkin.CheckInStore;
import org.courtyard.kiosk.core.CadreView.PinAnswer;
import org.courtyard.kiosk.core.CadreView.VisitStep;
import org.courtyard.kiosk.core.CadreView;
import org.courtyard.kiosk.core.Screen;
import org.courtyard.kiosk.store.KioskStore;
import org.courtyard.protocol.EventType;
import org.courtyard.protocol.VisitCheckedIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cadre mode on a real kiosk: the PIN checked offline, the persisted lockout, the visit record. */
class CadreFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T08:00:00Z"));
    private Kiosk kiosk;

    private Kiosk kiosk(String... extra) throws Exception {
        try (KioskStore store = KioskStore.open(dir.resolve("data"))) {
            if (new CadreStore(store).cadres().isEmpty()) {
                new CheckInStore(store).replaceResidents(TestRoster.residents());
                new CadreStore(store).replaceCadres(TestRoster.cadres());
            }
        }
        kiosk = Kiosk.create(TestKiosks.config(dir, "http://127.0.0.1:9", extra), clock);
        kiosk.model().awaitIdle(WAIT);
        return kiosk;
    }

    @AfterEach
    void close() {
        if (kiosk != null) {
            kiosk.close();
        }
    }

    private void type(String pin) throws Exception {
        for (char digit : pin.toCharArray()) {
            kiosk.cadre().digit(digit - '0');
        }
        kiosk.cadre().confirm();
        // Idle once: the digits and 确定 are handled (the check runs on its own thread); then the
        // answer of the check, which comes back through the model's queue.
        kiosk.model().awaitIdle(WAIT);
        await().atMost(WAIT).until(() -> !kiosk.model().state().cadre().checking());
        kiosk.model().awaitIdle(WAIT);
    }

    private CadreView cadre() {
        return kiosk.model().state().cadre();
    }

    @Test
    void the_right_pin_signs_the_cadre_in_and_a_wrong_one_says_so() throws Exception {
        kiosk();
        kiosk.cadre().enter();

        type("9999");
        assertThat(cadre().answer()).isEqualTo(PinAnswer.WRONG);
        assertThat(kiosk.model().state().lastPrompt()).isEqualTo("cadre.pin.wrong");
        assertThat(kiosk.model().state().screen()).isEqualTo(Screen.CADRE_PIN);

        type(TestRoster.CADRE_PIN);
        assertThat(kiosk.model().state().screen()).isEqualTo(Screen.CADRE);
        assertThat(cadre().cadreName()).isEqualTo("李建华");
        assertThat(kiosk.model().state().lastPrompt()).isEqualTo("cadre.prompt");
    }

    @Test
    void too_short_a_pin_is_not_counted_as_wrong() throws Exception {
        kiosk();
        kiosk.cadre().enter();

        for (int i = 0; i < 6; i++) {
            kiosk.cadre().digit(1);
            kiosk.cadre().confirm();
            kiosk.model().awaitIdle(WAIT);
            kiosk.cadre().erase();
        }

        assertThat(cadre().answer()).isEqualTo(PinAnswer.TOO_SHORT);
        type(TestRoster.CADRE_PIN);
        assertThat(kiosk.model().state().screen()).isEqualTo(Screen.CADRE);
    }

    @Test
    void five_wrong_pins_lock_the_pad_for_five_minutes_even_across_a_restart() throws Exception {
        kiosk();
        kiosk.cadre().enter();
        for (int i = 0; i < 4; i++) {
            type("000" + i);
            assertThat(cadre().answer()).isEqualTo(PinAnswer.WRONG);
        }

        type("0004");
        assertThat(cadre().answer()).isEqualTo(PinAnswer.LOCKED);
        assertThat(cadre().lockedUntil()).isEqualTo(clock.instant().plus(CadreController.LOCKOUT));
        assertThat(kiosk.model().state().lastPrompt()).isEqualTo("cadre.pin.locked");

        kiosk.close();
        kiosk();
        kiosk.cadre().enter();
        kiosk.model().awaitIdle(WAIT);
        assertThat(cadre().answer()).isEqualTo(PinAnswer.LOCKED);
        kiosk.cadre().digit(2);
        kiosk.model().awaitIdle(WAIT);
        assertThat(cadre().digits()).as("digits are ignored while locked").isZero();

        clock.advance(CadreController.LOCKOUT);
        kiosk.cadre().enter();
        type(TestRoster.CADRE_PIN);
        assertThat(kiosk.model().state().screen()).isEqualTo(Screen.CADRE);
    }

    @Test
    void a_lock_reaching_too_far_ahead_after_the_clock_was_set_back_lasts_five_minutes_from_now() throws Exception {
        kiosk();
        kiosk.cadre().enter();
        for (int i = 0; i < CadreController.MAX_WRONG; i++) {
            type("1111");
        }
        clock.advance(Duration.ofDays(-30));

        kiosk.cadre().enter();
        kiosk.model().awaitIdle(WAIT);

        assertThat(cadre().lockedUntil()).isEqualTo(clock.instant().plus(CadreController.LOCKOUT));
    }

    @Test
    void a_visit_is_recorded_with_the_cadres_name_the_resident_and_the_chosen_note() throws Exception {
        kiosk();
        kiosk.cadre().enter();
        type(TestRoster.CADRE_PIN);

        kiosk.cadre().run(CadreController.VISIT_ACTION);
        kiosk.model().awaitIdle(WAIT);
        assertThat(kiosk.model().state().screen()).isEqualTo(Screen.CADRE_VISIT);
        assertThat(cadre().visitStep()).isEqualTo(VisitStep.PICK);
        kiosk.cadre().visit("r-wangdefuu");
        kiosk.model().awaitIdle(WAIT);
        assertThat(cadre().visitStep()).isEqualTo(VisitStep.NOTE);
        kiosk.cadre().note("cadre.note.medicine");
        kiosk.model().awaitIdle(WAIT);

        assertThat(cadre().visitStep()).isEqualTo(VisitStep.DONE);
        assertThat(kiosk.model().state().lastPrompt()).isEqualTo("cadre.visit.saved");
        kiosk.close();
        try (KioskStore store = KioskStore.open(dir.resolve("data"))) {
            assertThat(store.pending(10)).singleElement().satisfies(event -> {
                assertThat(event.type()).isEqualTo(EventType.VISIT_CHECKED_IN);
                assertThat(event.payload()).isEqualTo(new VisitCheckedIn("李建华", "r-wangdefuu", "已送药"));
            });
        }
    }

    @Test
    void without_a_signed_in_cadre_no_visit_can_be_recorded() throws Exception {
        kiosk();

        kiosk.cadre().run(CadreController.VISIT_ACTION);
        kiosk.cadre().visit("r-wangdefuu");
        kiosk.cadre().note(null);
        kiosk.model().awaitIdle(WAIT);
        kiosk.close();

        try (KioskStore store = KioskStore.open(dir.resolve("data"))) {
            assertThat(store.pending(10)).isEmpty();
        }
    }

    @Test
    void the_idle_minute_returns_home_and_ends_the_cadres_session() throws Exception {
        kiosk("ui.idle-home-seconds=60");
        kiosk.start();
        kiosk.cadre().enter();
        type(TestRoster.CADRE_PIN);
        assertThat(cadre().signedIn()).isTrue();

        clock.advance(Duration.ofSeconds(61));

        await().atMost(WAIT).until(() -> kiosk.model().state().screen() == Screen.HOME);
        assertThat(cadre().signedIn()).isFalse();
        kiosk.cadre().menu();
        kiosk.model().awaitIdle(WAIT);
        assertThat(kiosk.model().state().screen()).as("the menu needs the PIN again").isEqualTo(Screen.HOME);
    }

    @Test
    void the_menu_takes_no_fourth_button_and_its_actions_run_only_for_a_signed_in_cadre() throws Exception {
        kiosk();
        CadreAction more = new CadreAction("more", "home.announcements", "announcements-button", "announcements",
                session -> { });

        assertThatThrownBy(() -> kiosk.cadre().actions().add(more)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at most 3");
        kiosk.cadre().run(BroadcastController.PLAY_NOW_ACTION);
        kiosk.model().awaitIdle(WAIT);
        assertThat(kiosk.model().state().screen()).isEqualTo(Screen.HOME);

        kiosk.cadre().enter();
        type(TestRoster.CADRE_PIN);
        kiosk.cadre().run(BroadcastController.PLAY_NOW_ACTION);
        kiosk.model().awaitIdle(WAIT);
        assertThat(kiosk.model().state().screen()).isEqualTo(Screen.CADRE_PLAY);
        assertThat(cadre().cadreName()).as("the session goes on on the new screen").isEqualTo("李建华");
    }
}
