package org.courtyard.kiosk.cadre;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.courtyard.hardware.AudioClip;
import org.courtyard.hardware.testing.TestHardware;
import org.courtyard.kiosk.Kiosk;
import org.courtyard.kiosk.KioskConfig;
import org.courtyard.kiosk.MutableClock;
import org.courtyard.kiosk.TestAnnouncements;
import org.courtyard.kiosk.TestKiosks;
import org.courtyard.kiosk.TestRoster;
import org.courtyard.kiosk.core.CadreBroadcast.Phase;
import org.courtyard.kiosk.core.CadreBroadcast;
import org.courtyard.kiosk.core.Screen;
import org.courtyard.kiosk.store.KioskStore;
import org.courtyard.protocol.AnnouncementPlayed;
import org.courtyard.protocol.AudioRef;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.EventType;
import org.courtyard.protocol.HelpSource;
import org.courtyard.protocol.PlayOutcome;
import org.courtyard.protocol.Priority;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cadre's 立即播放 and 现场广播 on a real kiosk without the screen: the commands the touch
 * screen calls, the real announcer and loudspeaker sequence, the relay on Pi4J's mock GPIO and a
 * recording sound card.
 */
class CadreBroadcastTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Instant MORNING = Instant.parse("2026-11-29T00:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(MORNING);
    private final List<String> actions = new CopyOnWriteArrayList<>();
    private Kiosk kiosk;
    private TestHardware hardware;

    private Kiosk kiosk(String... extra) throws Exception {
        TestRoster.seed(dir.resolve("data"));
        List<String> lines = new java.util.ArrayList<>(List.of("hardware.volume=1.0", "announce.quiet-hours=none"));
        lines.addAll(List.of(extra));
        KioskConfig config = TestKiosks.config(dir, "http://127.0.0.1:9", lines.toArray(String[]::new));
        hardware = TestHardware.create(config.hardware());
        kiosk = TestKiosks.startWithSpeakerLog(config, hardware, clock, actions);
        return kiosk;
    }

    @AfterEach
    void close() {
        if (kiosk != null) {
            kiosk.close();
        }
    }

    private void signIn() throws Exception {
        kiosk.cadre().enter();
        for (char digit : TestRoster.CADRE_PIN.toCharArray()) {
            kiosk.cadre().digit(digit - '0');
        }
        kiosk.cadre().confirm();
        await().atMost(WAIT).until(() -> kiosk.model().state().screen() == Screen.CADRE);
    }

    private CadreBroadcast broadcast() {
        return kiosk.model().state().cadre().broadcast();
    }

    private boolean relayOn() {
        return hardware.hardware().simulator().orElseThrow().relayOn();
    }

    /** The relay's lines so far: "relay on", "relay off". */
    private List<String> relayLines() {
        return actions.stream().filter(line -> line.startsWith("relay")).toList();
    }

    /**
     * Waits until the hardware has reported the end of prompt {@code key}, however it ended (prompts
     * play in real time, after the one still speaking).
     */
    private void untilEnded(String key) {
        await().atMost(WAIT.multipliedBy(3)).until(() -> actions.stream()
                .anyMatch(line -> line.startsWith("audio end prompt-" + key + " ")));
    }

    /** Waits until the kiosk has finished saying {@code key}, so that the loudspeaker is free. */
    private void untilSaid(String key) {
        await().atMost(WAIT).until(() -> actions.contains("audio end prompt-" + key + " PLAYED"));
    }

    private AudioRef audio(AudioClip clip) {
        return TestAnnouncements.downloaded(dir.resolve("data"), clip);
    }

    private static List<AnnouncementPlayed> playedIn(Path dir) {
        try (KioskStore store = KioskStore.open(dir.resolve("data"))) {
            return store.pending(100).stream().filter(event -> event.type() == EventType.ANNOUNCEMENT_PLAYED)
                    .map(Event::payload).map(AnnouncementPlayed.class::cast).toList();
        }
    }

    @Test
    void the_menu_has_the_visit_record_play_now_and_live_broadcast_and_nothing_more_fits() throws Exception {
        kiosk();

        assertThat(kiosk.cadre().actions().all()).extracting(CadreAction::id).containsExactly(
                CadreController.VISIT_ACTION, BroadcastController.PLAY_NOW_ACTION, BroadcastController.LIVE_ACTION);
        assertThat(kiosk.cadre().actions().all()).extracting(action -> kiosk.prompts().text(action.textKey()))
                .containsExactly("走访登记", "立即播放", "现场广播");
    }

    @Test
    void play_now_broadcasts_the_tapped_announcement_with_the_relay_on_and_off_after() throws Exception {
        kiosk();
        AudioClip notice = TestAnnouncements.tone(300, 500);
        kiosk.announcements().received(List.of(TestAnnouncements.announcement("a-water", "停水通知", Priority.NORMAL, false,
                MORNING, audio(notice))));
        signIn();
        kiosk.cadre().run(BroadcastController.PLAY_NOW_ACTION);
        untilSaid("cadre.play.prompt");
        assertThat(kiosk.model().state().screen()).isEqualTo(Screen.CADRE_PLAY);
        hardware.speaker().hold();

        kiosk.broadcasts().play("a-water");

        await().atMost(WAIT).until(() -> hardware.speaker().blockedWrites() > 0 && relayOn());
        assertThat(broadcast().phase()).isEqualTo(Phase.PLAYING);
        assertThat(broadcast().title()).isEqualTo("停水通知");
        hardware.speaker().release();
        await().atMost(WAIT).until(() -> broadcast().phase() == Phase.PLAYED);
        assertThat(broadcast().noticeKey()).isEqualTo("cadre.play.done");
        await().atMost(WAIT).untilAsserted(() -> assertThat(actions).containsSubsequence("relay on",
                "audio start chime+announcement-a-water (1900 ms)", "audio end announcement-a-water PLAYED",
                "relay off"));
        assertThat(relayOn()).isFalse();
        assertThat(hardware.speaker().plays()).anyMatch(play -> play.length > notice.pcm().length
                && TestAnnouncements.endsWith(play, notice.pcm()));
        kiosk.close();
        assertThat(playedIn(dir)).singleElement().satisfies(played -> {
            assertThat(played.announcementId()).isEqualTo("a-water");
            assertThat(played.outcome()).isEqualTo(PlayOutcome.PLAYED);
        });
    }

    @Test
    void stop_cuts_the_play_off_with_the_relay_off_and_the_hub_hears_it_was_stopped() throws Exception {
        kiosk();
        kiosk.announcements().received(List.of(TestAnnouncements.announcement("a-long", "长通知", Priority.NORMAL, false,
                MORNING, audio(TestAnnouncements.tone(2000, 300)))));
        signIn();
        kiosk.cadre().run(BroadcastController.PLAY_NOW_ACTION);
        untilSaid("cadre.play.prompt");
        hardware.speaker().hold();
        kiosk.broadcasts().play("a-long");
        await().atMost(WAIT).until(() -> hardware.speaker().blockedWrites() > 0 && relayOn());

        kiosk.broadcasts().stopPlay();

        await().atMost(WAIT).until(() -> broadcast().phase() == Phase.PLAYED);
        assertThat(broadcast().noticeKey()).isEqualTo("cadre.play.stopped");
        await().atMost(WAIT).untilAsserted(() -> assertThat(relayLines()).endsWith("relay off"));
        assertThat(relayOn()).isFalse();
        hardware.speaker().release();
        kiosk.close();
        assertThat(playedIn(dir)).singleElement().satisfies(played -> {
            assertThat(played.outcome()).isEqualTo(PlayOutcome.FAILED);
            assertThat(played.detail()).isEqualTo("stopped at the kiosk by a cadre");
        });
    }

    @Test
    void a_text_only_announcement_is_refused_as_having_no_recording_by_play_now_and_by_listen() throws Exception {
        kiosk();
        kiosk.announcements().received(List.of(TestAnnouncements.announcement("a-text", "明天上午打疫苗", Priority.NORMAL,
                true, MORNING, null)));
        signIn();
        kiosk.cadre().run(BroadcastController.PLAY_NOW_ACTION);

        kiosk.broadcasts().play("a-text");
        kiosk.model().awaitIdle(WAIT);

        assertThat(broadcast().phase()).isEqualTo(Phase.NONE);
        assertThat(broadcast().noticeKey()).isEqualTo("cadre.play.no-recording");
        assertThat(kiosk.model().state().lastPrompt()).isEqualTo("cadre.play.no-recording");
        kiosk.voice().hear("听通知");
        kiosk.voice().hear("是");
        kiosk.model().awaitIdle(WAIT);
        assertThat(kiosk.model().state().screen()).isEqualTo(Screen.ANNOUNCEMENTS);
        assertThat(kiosk.model().state().lastPrompt()).isEqualTo("announcements.no-recording");
        // The hardware reports on its own ordered thread: once the last prompt's end is in, so is
        // any line before it.
        untilEnded("announcements.no-recording");
        assertThat(actions).noneMatch(line -> line.startsWith("relay"));
        assertThat(relayOn()).isFalse();
    }

    @Test
    void an_announcement_whose_audio_has_not_arrived_is_refused_with_the_reason_and_nothing_plays()
            throws Exception {
        kiosk();
        kiosk.announcements().received(List.of(TestAnnouncements.announcement("a-new", "新通知", Priority.NORMAL, false,
                MORNING, TestAnnouncements.missing())));
        signIn();
        kiosk.cadre().run(BroadcastController.PLAY_NOW_ACTION);

        kiosk.broadcasts().play("a-new");
        kiosk.model().awaitIdle(WAIT);

        assertThat(broadcast().phase()).isEqualTo(Phase.NONE);
        assertThat(broadcast().noticeKey()).isEqualTo("cadre.play.not-ready");
        assertThat(kiosk.model().state().lastPrompt()).isEqualTo("cadre.play.not-ready");
        kiosk.broadcasts().play("a-gone");
        kiosk.model().awaitIdle(WAIT);
        assertThat(broadcast().noticeKey()).isEqualTo("cadre.play.gone");
        untilEnded("cadre.play.gone");
        assertThat(actions).doesNotContain("relay on");
    }

    @Test
    void without_current_announcements_the_screen_says_so() throws Exception {
        kiosk();
        signIn();

        kiosk.cadre().run(BroadcastController.PLAY_NOW_ACTION);
        kiosk.model().awaitIdle(WAIT);

        assertThat(kiosk.model().state().screen()).isEqualTo(Screen.CADRE_PLAY);
        assertThat(kiosk.model().state().lastPrompt()).isEqualTo("cadre.play.none");
    }

    @Test
    void holding_to_talk_sends_the_microphone_out_and_letting_go_switches_the_relay_off() throws Exception {
        kiosk();
        signIn();
        kiosk.cadre().run(BroadcastController.LIVE_ACTION);
        AudioClip voice = TestAnnouncements.tone(300, 700);

        kiosk.broadcasts().pressTalk();
        hardware.microphone().speak(voice.pcm());

        await().atMost(WAIT).until(() -> broadcast().phase() == Phase.LIVE);
        await().atMost(WAIT).until(() -> relayOn() && hardware.speaker().plays().stream()
                .anyMatch(play -> TestAnnouncements.endsWith(play, voice.pcm())));
        kiosk.broadcasts().releaseTalk();

        await().atMost(WAIT).until(() -> broadcast().phase() == Phase.LIVE_ENDED);
        assertThat(broadcast().noticeKey()).isEqualTo("cadre.live.ended");
        assertThat(relayOn()).isFalse();
        // The pin goes low before the hardware's own thread reports "relay off".
        await().atMost(WAIT).untilAsserted(() -> assertThat(actions).containsSubsequence("relay on",
                "audio start chime+live (live)", "audio end live PLAYED", "relay off"));
    }

    @Test
    void a_press_and_release_quicker_than_the_model_still_ends_the_broadcast() throws Exception {
        kiosk();
        signIn();
        kiosk.cadre().run(BroadcastController.LIVE_ACTION);

        kiosk.broadcasts().pressTalk();
        kiosk.broadcasts().releaseTalk();

        await().atMost(WAIT).until(() -> broadcast().phase() == Phase.LIVE_ENDED);
        await().atMost(WAIT).untilAsserted(() -> assertThat(relayLines()).endsWith("relay off"));
        assertThat(relayOn()).isFalse();
    }

    @Test
    void leaving_the_talk_screen_in_any_way_ends_the_broadcast_with_the_relay_off() throws Exception {
        kiosk();
        for (Runnable leave : List.<Runnable>of(() -> kiosk.cadre().menu(), () -> kiosk.screens().open(Screen.HOME),
                () -> kiosk.help().requestHelp(HelpSource.BUTTON, null))) {
            signIn();
            kiosk.cadre().run(BroadcastController.LIVE_ACTION);
            kiosk.broadcasts().pressTalk();
            await().atMost(WAIT).until(this::relayOn);

            leave.run();

            await().atMost(WAIT).until(() -> !relayOn()
                    && relayLines().get(relayLines().size() - 1).equals("relay off"));
            kiosk.model().awaitIdle(WAIT);
            await().atMost(WAIT).until(() -> !kiosk.model().state().screen().equals(Screen.CADRE_LIVE));
            assertThat(kiosk.model().state().cadre().broadcast().phase()).isNotEqualTo(Phase.LIVE);
            kiosk.screens().open(Screen.HOME);
            kiosk.model().awaitIdle(WAIT);
        }
    }

    @Test
    void the_idle_minute_waits_for_a_cadre_who_is_talking_and_a_stuck_button_ends_at_the_limit() throws Exception {
        kiosk("ui.idle-home-seconds=60", "announce.live-max-seconds=3");
        signIn();
        kiosk.cadre().run(BroadcastController.LIVE_ACTION);
        kiosk.broadcasts().pressTalk();
        await().atMost(WAIT).until(this::relayOn);

        // The finger stays on the button (or the release was lost) for longer than the idle minute.
        clock.advance(Duration.ofSeconds(61));

        await().atMost(WAIT).until(() -> broadcast().phase() == Phase.LIVE_ENDED);
        assertThat(kiosk.model().state().screen()).as("talking is not idle").isEqualTo(Screen.CADRE_LIVE);
        assertThat(relayOn()).isFalse();
        clock.advance(Duration.ofSeconds(61));
        await().atMost(WAIT).until(() -> kiosk.model().state().screen() == Screen.HOME);
        assertThat(kiosk.model().state().cadre().signedIn()).isFalse();
    }

    @Test
    void an_emergency_due_while_talking_is_shown_waits_for_the_release_and_then_plays() throws Exception {
        kiosk();
        signIn();
        kiosk.cadre().run(BroadcastController.LIVE_ACTION);
        kiosk.broadcasts().pressTalk();
        await().atMost(WAIT).until(() -> relayOn() && broadcast().phase() == Phase.LIVE);

        kiosk.announcements().received(List.of(TestAnnouncements.announcement("a-flood", "山洪预警",
                Priority.EMERGENCY, true, MORNING, audio(TestAnnouncements.tone(300, 600)))));

        await().atMost(WAIT).until(() -> broadcast().emergencyWaiting());
        kiosk.broadcasts().releaseTalk();
        await().atMost(WAIT).untilAsserted(() -> assertThat(actions).containsSubsequence("audio end live PLAYED",
                "relay off", "relay on", "audio start chime+announcement-a-flood (1900 ms)",
                "audio end announcement-a-flood PLAYED", "relay off"));
        assertThat(relayOn()).isFalse();
    }

    @Test
    void talking_while_an_emergency_plays_is_refused_with_the_reason() throws Exception {
        kiosk();
        signIn();
        kiosk.cadre().run(BroadcastController.LIVE_ACTION);
        untilSaid("cadre.live.prompt");
        hardware.speaker().hold();
        kiosk.announcements().received(List.of(TestAnnouncements.announcement("a-flood", "山洪预警",
                Priority.EMERGENCY, true, MORNING, audio(TestAnnouncements.tone(300, 600)))));
        await().atMost(WAIT).until(() -> hardware.speaker().blockedWrites() > 0 && relayOn());

        kiosk.broadcasts().pressTalk();
        kiosk.model().awaitIdle(WAIT);

        assertThat(broadcast().phase()).isEqualTo(Phase.NONE);
        assertThat(broadcast().noticeKey()).isEqualTo("cadre.live.emergency");
        hardware.speaker().release();
        await().atMost(WAIT).untilAsserted(() -> assertThat(actions).containsSubsequence(
                "audio end announcement-a-flood PLAYED", "relay off"));
        // A refused talk must not be waiting for the loudspeaker either: the next one is the first live.
        kiosk.broadcasts().pressTalk();
        await().atMost(WAIT).until(() -> relayOn() && broadcast().phase() == Phase.LIVE);
        kiosk.broadcasts().releaseTalk();
        await().atMost(WAIT).untilAsserted(() -> assertThat(actions).containsSubsequence(
                "audio end announcement-a-flood PLAYED", "audio start chime+live (live)", "audio end live PLAYED",
                "relay off"));
        assertThat(actions).containsOnlyOnce("audio start chime+live (live)");
    }
}
