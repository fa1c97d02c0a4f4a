package org.courtyard.kiosk.home;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.courtyard.hardware.LampRole;
import org.courtyard.hardware.LampState;
import org.courtyard.hardware.Simulator;
import org.courtyard.kiosk.HomeUnit;
import org.courtyard.kiosk.MutableClock;
import org.courtyard.kiosk.TestFamilyHub;
import org.courtyard.kiosk.TestKiosks;
import org.courtyard.kiosk.core.LinkState;
import org.courtyard.kiosk.help.HelpStore;
import org.courtyard.kiosk.store.KioskStore;
import org.courtyard.protocol.CheckedIn;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.EventType;
import org.courtyard.protocol.FamilyMessage;
import org.courtyard.protocol.Heartbeat;
import org.courtyard.protocol.HelpRepeated;
import org.courtyard.protocol.HelpRequested;
import org.courtyard.protocol.MessageDelivered;
import org.courtyard.protocol.MessageHeard;
import org.courtyard.protocol.ResidentCard;
import org.courtyard.protocol.ResidentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A home unit (simulated buttons and lamps, no hub reachable): the green button checks its
 * resident in once a day with thanks, the lamp glows from the morning until then, reminders are
 * spoken at their times only while it is not done, and the red button or a long green press ask for
 * help for the unit's resident without asking a category or who it is; a press again while the
 * request is open sends it again, and offline the unit says only what it knows. With the stand-in
 * hub's family messages, the unit keeps its resident's, blinks the green lamp after 报平安 while one
 * is unheard, and plays them, oldest first, on green presses.
 */
class HomeUnitTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Until a family message has played: the prompts before it play at real speed (the thanks alone is 7 s). */
    private static final Duration SPOKEN = Duration.ofSeconds(30);
    /** 06:30 in Asia/Shanghai, the unit's default zone: before the lamp's 07:00. */
    private static final Instant EARLY = Instant.parse("2026-11-28T22:30:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(EARLY);
    private final List<String> actions = new CopyOnWriteArrayList<>();
    private HomeUnit unit;

    /** A unit that already heard from the hub that it is 张桂英's. */
    private HomeUnit unit(boolean bound) throws Exception {
        return unit(bound, "http://127.0.0.1:9");
    }

    private HomeUnit unit(boolean bound, String hub, String... settings) throws Exception {
        if (bound) {
            try (KioskStore store = KioskStore.open(dir.resolve("data"))) {
                new HomeStore(store).replaceResident(new ResidentCard("r-zhangguiy", "张桂英", ResidentType.ELDER, null),
                        EARLY);
            }
        }
        List<String> all = new java.util.ArrayList<>(List.of("profile=home", "home.name-voice=none",
                "home.reminders=09:00,16:00"));
        all.addAll(List.of(settings));
        unit = HomeUnit.create(TestKiosks.config(dir, hub, all.toArray(String[]::new)), clock);
        unit.hardware().addActionListener(action -> actions.add(action.line()));
        unit.start();
        unit.model().awaitIdle(WAIT);
        return unit;
    }

    @AfterEach
    void close() {
        if (unit != null) {
            unit.close();
        }
    }

    private Simulator buttons() {
        return unit.hardware().simulator().orElseThrow();
    }

    private LampState lamp() {
        return buttons().lampState(LampRole.CHECKIN);
    }

    private void tick() throws Exception {
        unit.checkIn().tick();
        unit.model().awaitIdle(WAIT);
    }

    private List<Event> outbox() {
        unit.close();
        try (KioskStore store = KioskStore.open(dir.resolve("data"))) {
            return store.pending(10);
        }
    }

    private long reminders(String start) {
        return actions.stream().filter(line -> line.startsWith(start) && line.contains("prompt-unit.checkin.reminder"))
                .count();
    }

    @Test
    void the_lamp_glows_from_the_morning_and_a_green_press_checks_the_resident_in_once_with_thanks() throws Exception {
        unit(true);
        assertThat(unit.checkIn().status().today()).isEqualTo(HomeCheckIn.Today.WAITING);
        assertThat(lamp()).isEqualTo(LampState.OFF);

        clock.advance(Duration.ofMinutes(30));
        tick();
        assertThat(unit.checkIn().status().today()).isEqualTo(HomeCheckIn.Today.DUE);
        assertThat(lamp()).isEqualTo(LampState.ON);

        buttons().pressCheckInButton();
        await().atMost(WAIT).until(() -> unit.checkIn().status().today() == HomeCheckIn.Today.DONE);
        unit.model().awaitIdle(WAIT); // the status is set before the thanks, in the same piece of work
        assertThat(lamp()).isEqualTo(LampState.OFF);
        assertThat(unit.model().state().lastPrompt()).isEqualTo("unit.checkin.thanks");
        await().atMost(WAIT).until(() -> actions.stream().anyMatch(line -> line.contains("prompt-unit.checkin.thanks")));

        buttons().pressCheckInButton();
        await().atMost(WAIT).until(() -> "unit.checkin.already".equals(unit.model().state().lastPrompt()));
        assertThat(outbox()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(EventType.CHECKED_IN);
            assertThat(((CheckedIn) event.payload()).residentId()).isEqualTo("r-zhangguiy");
        });
    }

    /**
     * The unit tells the hub in its heartbeat whether it plays NORMAL announcements, so that the
     * hub's delivery board does not wait for plays that will not come: not by default.
     */
    @Test
    void its_heartbeat_says_it_does_not_play_normal_announcements_unless_configured_to() throws Exception {
        try (TestFamilyHub hub = new TestFamilyHub()) {
            unit(true, hub.uri().toString(), "sync.interval-seconds=1");
            await().atMost(WAIT).until(() -> heartbeat(hub) != null);
            assertThat(heartbeat(hub).playsNormal()).isFalse();
        }
    }

    @Test
    void with_home_announce_normal_its_heartbeat_says_it_plays_normal_announcements() throws Exception {
        try (TestFamilyHub hub = new TestFamilyHub()) {
            unit(true, hub.uri().toString(), "sync.interval-seconds=1", "home.announce-normal=true");
            await().atMost(WAIT).until(() -> heartbeat(hub) != null);
            assertThat(heartbeat(hub).playsNormal()).isTrue();
        }
    }

    private static Heartbeat heartbeat(TestFamilyHub hub) {
        return hub.events().stream().filter(event -> event.payload() instanceof Heartbeat)
                .map(event -> (Heartbeat) event.payload()).findFirst().orElse(null);
    }

    @Test
    void after_the_check_in_the_lamp_blinks_for_a_family_message_and_green_presses_play_them_oldest_first()
            throws Exception {
        try (TestFamilyHub hub = new TestFamilyHub()) {
            FamilyMessage later = hub.send("r-zhangguiy", "DAUGHTER", EARLY.minusSeconds(600), TestFamilyHub.tone(400));
            FamilyMessage earlier = hub.send("r-zhangguiy", "SON", EARLY.minusSeconds(3_600), TestFamilyHub.tone(400));
            unit(true, hub.uri().toString(), "sync.interval-seconds=1");
            await().atMost(WAIT).until(() -> delivered(hub, later.id()) && delivered(hub, earlier.id()));
            await().atMost(WAIT).until(() -> unit.model().state().family().unheardOf("r-zhangguiy") == 2);
            unit.model().awaitIdle(WAIT);
            assertThat(lamp()).as("before 07:00, not checked in: off").isEqualTo(LampState.OFF);

            clock.advance(Duration.ofMinutes(30));
            tick();
            assertThat(lamp()).as("the check-in's lamp wins while it is due").isEqualTo(LampState.ON);

            buttons().pressCheckInButton();
            await().atMost(WAIT).until(() -> unit.checkIn().status().today() == HomeCheckIn.Today.DONE);
            unit.model().awaitIdle(WAIT);
            assertThat(unit.model().state().lastPrompt()).as("the first press is the check-in")
                    .isEqualTo("unit.checkin.thanks");
            assertThat(lamp()).as("done, two messages unheard").isEqualTo(LampState.BLINK);

            buttons().pressCheckInButton();
            await().atMost(SPOKEN).until(() -> heard(hub, earlier.id()));
            // The hardware reports its lines on its own thread: the hub may hear of it first.
            await("announced, then played to its end").atMost(WAIT).until(() -> inOrder(
                    "audio start prompt-unit.message.SON", "audio end prompt-unit.message.SON PLAYED",
                    "audio start message-" + earlier.id(), "audio end message-" + earlier.id() + " PLAYED"));
            unit.model().awaitIdle(WAIT);
            assertThat(lamp()).as("one still unheard").isEqualTo(LampState.BLINK);

            buttons().pressCheckInButton();
            await().atMost(SPOKEN).until(() -> heard(hub, later.id()));
            await().atMost(WAIT).until(() -> inOrder("audio start prompt-unit.message.DAUGHTER",
                    "audio start message-" + later.id(), "audio end message-" + later.id() + " PLAYED"));
            await().atMost(WAIT).until(() -> lamp() == LampState.OFF);

            buttons().pressCheckInButton();
            await().atMost(WAIT).until(() -> "unit.checkin.already".equals(unit.model().state().lastPrompt()));
            // What was played before the last prompt's end has reached the list by then (the hardware's
            // thread reports in order).
            await().atMost(SPOKEN).until(() -> actions.stream()
                    .anyMatch(line -> line.startsWith("audio end prompt-unit.checkin.already ")));
            assertThat(actions).as("the unit's speaker, never the loudspeaker relay").noneMatch(
                    line -> line.startsWith("relay on"));
            assertThat(actions.stream().filter(line -> line.startsWith("audio start message-")).toList())
                    .as("each played once").hasSize(2);
        }
    }

    @Test
    void a_help_request_cuts_a_playing_message_off_and_after_it_the_green_button_plays_it_whole() throws Exception {
        try (TestFamilyHub hub = new TestFamilyHub()) {
            FamilyMessage message = hub.send("r-zhangguiy", "GRANDSON", EARLY.minusSeconds(600),
                    TestFamilyHub.tone(8_000));
            unit(true, hub.uri().toString(), "sync.interval-seconds=1");
            await().atMost(WAIT).until(() -> delivered(hub, message.id()));
            clock.advance(Duration.ofMinutes(30));
            buttons().pressCheckInButton();
            await().atMost(WAIT).until(() -> unit.checkIn().status().today() == HomeCheckIn.Today.DONE);

            buttons().pressCheckInButton();
            await().atMost(SPOKEN).until(() -> inOrder("audio start message-" + message.id()));
            buttons().pressButton();
            await().atMost(WAIT).until(() -> inOrder("audio end message-" + message.id() + " INTERRUPTED"));
            await().atMost(WAIT).until(() -> actions.stream().anyMatch(line -> line.contains("prompt-help.saved")));
            unit.model().awaitIdle(WAIT);
            assertThat(heard(hub, message.id())).as("not heard to its end").isFalse();
            assertThat(lamp()).as("still waiting").isEqualTo(LampState.BLINK);

            // The request stays open and the unit has no screen to leave: a later press still plays it whole.
            int before = actions.size();
            buttons().pressCheckInButton();
            await().atMost(SPOKEN).until(() -> heard(hub, message.id()));
            await().atMost(WAIT).untilAsserted(() -> assertThat(actions.subList(before, actions.size()))
                    .contains("audio end message-" + message.id() + " PLAYED"));
            await().atMost(WAIT).until(() -> lamp() == LampState.OFF);
        }
    }

    /** Whether lines starting so were acted, in this order (each after the one before). */
    private boolean inOrder(String... starts) {
        int at = 0;
        for (String start : starts) {
            while (at < actions.size() && !actions.get(at).startsWith(start)) {
                at++;
            }
            if (at == actions.size()) {
                return false;
            }
            at++;
        }
        return true;
    }

    private static boolean delivered(TestFamilyHub hub, String messageId) {
        return hub.events().stream().anyMatch(event -> event.payload() instanceof MessageDelivered delivered
                && delivered.messageId().equals(messageId));
    }

    private static boolean heard(TestFamilyHub hub, String messageId) {
        return hub.events().stream().anyMatch(event -> event.payload() instanceof MessageHeard heard
                && heard.messageId().equals(messageId));
    }

    @Test
    void a_reminder_is_spoken_at_its_time_once_and_not_after_the_check_in_nor_before_the_next_day() throws Exception {
        unit(true);
        clock.advance(Duration.ofMinutes(150)); // 09:00
        tick();
        await().atMost(WAIT).until(() -> reminders("audio end") == 1);
        tick();
        assertThat(reminders("audio start")).as("spoken once, though the timer ticked twice").isEqualTo(1);

        buttons().pressCheckInButton();
        await().atMost(WAIT).until(() -> unit.checkIn().status().today() == HomeCheckIn.Today.DONE);
        clock.advance(Duration.ofHours(7)); // 16:00, done already
        tick();
        await().atMost(WAIT).until(() -> actions.stream().anyMatch(line -> line.contains("prompt-unit.checkin.thanks")));
        assertThat(reminders("audio start")).isEqualTo(1);

        clock.advance(Duration.ofHours(15)); // 07:00 the next day: due again, the lamp on
        tick();
        assertThat(unit.checkIn().status().today()).isEqualTo(HomeCheckIn.Today.DUE);
        assertThat(lamp()).isEqualTo(LampState.ON);
    }

    @Test
    void the_red_button_and_a_long_green_press_ask_for_help_without_the_category_question() throws Exception {
        unit(true);
        buttons().pressButton();
        await().atMost(WAIT).until(() -> unit.model().state().help() != null);
        unit.model().awaitIdle(WAIT);
        assertThat(unit.model().state().lastPrompt()).isNotEqualTo("help.category.question");
        // Once the hardware has reported the end of what it says, everything before it (an alarm over
        // the relay, a question in the same breath would come next) has reached the list.
        await().atMost(SPOKEN).until(() -> actions.stream()
                .anyMatch(line -> line.startsWith("audio end prompt-help.saved")));
        assertThat(actions).noneMatch(line -> line.contains("help.category.question"));
        assertThat(actions).noneMatch(line -> line.startsWith("relay on"));

        List<Event> events = outbox();
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(EventType.HELP_REQUESTED);
            assertThat(((HelpRequested) event.payload()).source().name()).isEqualTo("BUTTON");
            assertThat(((HelpRequested) event.payload()).residentId()).as("named from the start")
                    .isEqualTo("r-zhangguiy");
        });
    }

    @Test
    void a_red_press_while_the_request_is_open_sends_it_again_and_offline_says_only_that_it_is_kept()
            throws Exception {
        unit(true);
        buttons().pressButton();
        await().atMost(WAIT).until(() -> actions.stream().anyMatch(line -> line.contains("prompt-help.saved.offline")));

        buttons().pressButton();
        await().atMost(WAIT).until(() -> "help.repeated.offline".equals(unit.model().state().lastPrompt()));
        // Prompts play in real time, one after the other: the first may still be speaking.
        await().atMost(SPOKEN).until(() -> actions.stream()
                .anyMatch(line -> line.startsWith("audio end prompt-help.repeated.offline ")));
        assertThat(actions).as("nothing it cannot know, no question it has no screen for")
                .noneMatch(line -> line.contains("help.acknowledged") || line.contains("help.assigned")
                        || line.contains("help.who.question") || line.contains("help.category.question"));
        assertThat(buttons().lampState(LampRole.SENDING)).as("still being sent").isEqualTo(LampState.BLINK);

        List<Event> events = outbox();
        assertThat(events).extracting(Event::type).containsExactly(EventType.HELP_REQUESTED, EventType.HELP_REPEATED);
        assertThat(((HelpRepeated) events.get(1).payload()).requestId()).isEqualTo(events.get(0).id());
    }

    @Test
    void two_minutes_offline_with_the_request_unsent_it_says_the_villages_duty_phone() throws Exception {
        try (KioskStore store = KioskStore.open(dir.resolve("data"))) {
            new HelpStore(store).saveDutyPhone("0871-6512 3456");
        }
        unit(true);
        await().atMost(WAIT).until(() -> unit.model().state().link() == LinkState.OFFLINE);
        buttons().pressButton();
        await().atMost(WAIT).until(() -> unit.model().state().help() != null);
        unit.model().awaitIdle(WAIT);
        assertThat(unit.model().state().help().dutyPhone()).isNull();

        clock.advance(Duration.ofMinutes(2));
        // Help's own once-a-second check, as at the courtyard: no press or answer needed.
        await().atMost(WAIT).until(() -> unit.model().state().help().dutyPhone() != null);
        assertThat(unit.model().state().help().dutyPhone()).isEqualTo("0871-6512 3456");
        await().atMost(WAIT).until(() -> actions.stream()
                .anyMatch(line -> line.startsWith("audio start prompt-help.duty-phone")));
    }

    @Test
    void a_long_press_of_the_green_button_is_a_help_request_not_a_check_in() throws Exception {
        unit(true);
        clock.advance(Duration.ofHours(1));
        buttons().longPressCheckInButton();
        await().atMost(WAIT).until(() -> unit.model().state().help() != null);
        unit.model().awaitIdle(WAIT);
        assertThat(unit.checkIn().status().today()).isEqualTo(HomeCheckIn.Today.DUE);
        assertThat(outbox()).extracting(Event::type).containsExactly(EventType.HELP_REQUESTED);
    }

    @Test
    void a_unit_the_hub_has_not_named_a_resident_for_says_so_and_records_nothing() throws Exception {
        unit(false);
        assertThat(unit.checkIn().status().today()).isEqualTo(HomeCheckIn.Today.UNBOUND);

        buttons().pressCheckInButton();
        await().atMost(WAIT).until(() -> "unit.unbound".equals(unit.model().state().lastPrompt()));
        assertThat(outbox()).isEmpty();
    }
}
