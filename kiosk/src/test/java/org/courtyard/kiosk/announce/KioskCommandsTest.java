package org.courtyard.kiosk.announce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.courtyard.hardware.AudioClip;
import org.courtyard.hardware.testing.TestHardware;
import org.courtyard.kiosk.Kiosk;
import org.courtyard.kiosk.KioskConfig;
import org.courtyard.kiosk.MutableClock;
import org.courtyard.kiosk.TestKiosks;
import org.courtyard.kiosk.cadre.AnnouncerBroadcasting;
import org.courtyard.protocol.AnnouncementPlayed;
import org.courtyard.protocol.PlayOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cadre's announcement commands on a whole kiosk (the PIN screen that leads to them is not
 * here): play now, and hold to talk from the kiosk's microphone.
 */
class KioskCommandsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Station.MORNING);
    private final List<String> actions = new CopyOnWriteArrayList<>();
    private Kiosk kiosk;
    private AnnouncerBroadcasting broadcasting;
    private TestHardware hardware;

    private Kiosk kiosk() throws Exception {
        KioskConfig config = TestKiosks.config(dir, "http://127.0.0.1:9", "hardware.volume=1.0",
                "announce.quiet-hours=none");
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

    private boolean relayOn() {
        return hardware.hardware().simulator().orElseThrow().relayOn();
    }

    @Test
    void play_now_broadcasts_a_screen_only_announcement_outdoors_once() throws Exception {
        kiosk();
        AudioClip tone = Station.tone(300, 500);
        org.courtyard.protocol.AudioRef audio = audioIn(tone);
        kiosk.announcements().received(List.of(Station.announcement("a1", org.courtyard.protocol.Priority.NORMAL,
                false, Station.MORNING, null, List.of(), audio, false, 1)));

        AnnouncementPlayed played = kiosk.announcements().playNow("a1").get(10, TimeUnit.SECONDS);

        assertThat(played.outcome()).isEqualTo(PlayOutcome.PLAYED);
        await().atMost(WAIT).untilAsserted(() -> assertThat(actions).containsExactly("relay on",
                "audio start chime+announcement-a1 (1900 ms)", "audio end announcement-a1 PLAYED", "relay off"));
    }

    @Test
    void holding_to_talk_broadcasts_the_microphone_and_letting_go_switches_the_relay_off() throws Exception {
        kiosk();
        LiveBroadcast live = broadcasting().startLiveBroadcast();
        hardware.microphone().speak(Station.tone(400, 300).pcm());
        await().atMost(WAIT).until(() -> actions.contains("audio start chime+live (live)"));
        assertThat(relayOn()).isTrue();

        broadcasting().stopLiveBroadcast();

        assertThat(live.result().get(10, TimeUnit.SECONDS).played()).isTrue();
        await().atMost(WAIT).untilAsserted(() -> assertThat(actions).endsWith("audio end live PLAYED", "relay off"));
        assertThat(relayOn()).isFalse();
    }

    @Test
    void shutting_down_while_talking_leaves_the_relay_off() throws Exception {
        kiosk();
        broadcasting().startLiveBroadcast();
        await().atMost(WAIT).until(this::relayOn);

        kiosk.close();

        assertThat(relayOn()).isFalse();
    }

    @Test
    void without_a_microphone_hold_to_talk_is_refused_naming_the_device() throws Exception {
        kiosk = Kiosk.create(TestKiosks.config(dir, "http://127.0.0.1:9"), clock);

        assertThatThrownBy(() -> broadcasting().startLiveBroadcast()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("audio input");
    }

    /** The cadre's broadcasting on this kiosk's announcer and microphone, as the kiosk wires it. */
    private AnnouncerBroadcasting broadcasting() {
        if (broadcasting == null) {
            broadcasting = new AnnouncerBroadcasting(kiosk.announcements(), kiosk.hardware().microphone());
        }
        return broadcasting;
    }

    private org.courtyard.protocol.AudioRef audioIn(AudioClip clip) throws Exception {
        byte[] wav = org.courtyard.hardware.Wav.write(clip);
        String sha = AudioLibrary.sha256(wav);
        AudioLibrary library = new AudioLibrary(dir.resolve("data"));
        java.nio.file.Files.write(library.dir().resolve(sha + ".wav"), wav);
        return new org.courtyard.protocol.AudioRef(sha, wav.length, clip.duration().toMillis());
    }
}
