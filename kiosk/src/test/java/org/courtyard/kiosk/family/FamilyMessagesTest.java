package org.courtyard.kiosk.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.courtyard.hardware.PlayResult;
import org.courtyard.hardware.Wav;
import org.courtyard.hardware.testing.TestHardware;
import org.courtyard.kiosk.Kiosk;
import org.courtyard.kiosk.KioskConfig;
import org.courtyard.kiosk.TestFamilyHub;
import org.courtyard.kiosk.TestKiosks;
import org.courtyard.kiosk.TestRoster;
import org.courtyard.kiosk.core.FamilyView;
import org.courtyard.kiosk.core.LinkState;
import org.courtyard.protocol.CheckedIn;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.FamilyMessage;
import org.courtyard.protocol.MessageDelivered;
import org.courtyard.protocol.MessageHeard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 空中陪护 at a real kiosk (simulated hardware: Pi4J's mock relay, the real loudspeaker sequence, a
 * microphone the test speaks into; its database and audio in a temp folder) against a stand-in
 * hub that serves messages and their audio and takes replies, failing as the test scripts. What is
 * checked is what the resident hears and the family sees: the envelope's count, which message plays
 * first, that it plays on the indoor speaker, that 已听 goes back once, that a broken download is
 * resumed and a corrupt one refused, and that a reply reaches the hub after a dropped line.
 */
class FamilyMessagesTest {

    private static final Duration SOON = Duration.ofSeconds(30);
    private static final String ZHANG = "r-zhangguiy";
    private static final String WANG = "r-wangdefuu";
    private static final String CHEN = "r-chenxiula";
    private static final Instant MORNING = Instant.parse("2026-12-06T01:00:00Z");

    @TempDir
    Path dir;

    private TestFamilyHub hub;
    private TestHardware hardware;
    private Kiosk kiosk;
    private final List<String> speaker = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        hub = new TestFamilyHub();
        TestRoster.seed(dir.resolve("data"));
        KioskConfig config = TestKiosks.config(dir, hub.uri().toString(), "help.alert-courtyard=false",
                "sync.interval-seconds=1");
        hardware = TestHardware.create(config.hardware());
        kiosk = TestKiosks.startWithSpeakerLog(config, hardware, Clock.systemUTC(), speaker);
        await().atMost(SOON).until(() -> kiosk.model().state().link() == LinkState.ONLINE);
    }

    @AfterEach
    void stop() {
        try {
            kiosk.close();
        } finally {
            hub.close();
        }
    }

    @Test
    void the_envelope_counts_unheard_messages_they_play_oldest_first_indoors_and_each_is_heard_once()
            throws Exception {
        FamilyMessage later = hub.send(ZHANG, "DAUGHTER", MORNING.plusSeconds(3_600), TestFamilyHub.tone(700));
        FamilyMessage earlier = hub.send(ZHANG, "SON", MORNING, TestFamilyHub.tone(600));
        FamilyMessage grandson = hub.send(WANG, "GRANDSON", MORNING, TestFamilyHub.tone(500));

        await().atMost(SOON).until(() -> kiosk.family().unheard(ZHANG) == 2 && kiosk.family().unheard(WANG) == 1);
        assertThat(unheard(CHEN)).isZero();

        // listen: the oldest first, whatever order the hub sent them in; then the next; then none.
        assertThat(kiosk.family().listen(ZHANG)).hasValueSatisfying(result -> assertThat(result.played()).isTrue());
        // The hardware's action bus reports on its own thread: the start line may follow the return.
        await().atMost(SOON).untilAsserted(() -> assertThat(started()).containsExactly(earlier.id()));
        assertThat(unheard(ZHANG)).isEqualTo(1);
        assertThat(kiosk.family().listen(ZHANG)).hasValueSatisfying(result -> assertThat(result.played()).isTrue());
        await().atMost(SOON).untilAsserted(() -> assertThat(started()).containsExactly(earlier.id(), later.id()));
        assertThat(kiosk.family().listen(ZHANG)).isEmpty();
        assertThat(unheard(ZHANG)).isZero();

        // On the screen after 王德福's check-in: 听, then 再听一遍.
        kiosk.checkIn().checkIn(WANG);
        await().atMost(SOON).until(() -> phase() == FamilyView.Phase.OFFER);
        assertThat(kiosk.model().state().family().shown().messageId()).isEqualTo(grandson.id());
        kiosk.family().hear();
        await().atMost(SOON).until(() -> phase() == FamilyView.Phase.PLAYED);
        kiosk.family().hear();
        await().atMost(SOON).until(() -> speaker.stream()
                .filter(line -> line.equals("audio end message-" + grandson.id() + " PLAYED")).count() == 2);
        assertThat(unheard(WANG)).isZero();

        // The outbox is sent in order: once 陈秀兰's later check-in is at the hub, any second 已听 would be too.
        kiosk.checkIn().checkIn(CHEN);
        await().atMost(SOON).until(() -> hub.events().stream()
                .anyMatch(event -> event.payload() instanceof CheckedIn in && in.residentId().equals(CHEN)));
        for (FamilyMessage message : List.of(earlier, later, grandson)) {
            assertThat(distinct(heard(message.id()))).as("MESSAGE_HEARD of %s", message.relation()).isEqualTo(1);
            assertThat(distinct(delivered(message.id()))).as("MESSAGE_DELIVERED of %s", message.relation())
                    .isEqualTo(1);
        }
        hardware.awaitActionsDelivered();
        assertThat(speaker).as("the loudspeaker relay").doesNotContain("relay on");
        assertThat(hardware.hardware().simulator().orElseThrow().relayOn()).isFalse();
    }

    @Test
    void a_download_cut_halfway_resumes_where_it_stopped_and_a_corrupt_one_is_refused_and_fetched_again()
            throws Exception {
        hub.script(TestFamilyHub.Audio.DROP_HALFWAY, TestFamilyHub.Audio.CORRUPT);
        FamilyMessage message = hub.send(ZHANG, "SON", MORNING, TestFamilyHub.tone(3_000));

        await().atMost(SOON).until(() -> kiosk.family().unheard(ZHANG) == 1);

        List<TestFamilyHub.AudioRequest> requests = hub.audioRequests();
        assertThat(requests).hasSize(3).allSatisfy(request -> assertThat(request.messageId()).isEqualTo(message.id()));
        assertThat(requests.get(0).range()).as("the first try asks for the whole file").isNull();
        assertThat(requests.get(1).range()).as("the second asks for the rest").matches("bytes=[1-9][0-9]*-");
        long resumedAt = Long.parseLong(requests.get(1).range().replaceAll("\\D", ""));
        assertThat(resumedAt).isLessThan(message.audio().bytes());
        assertThat(requests.get(2).range()).as("after the checksum failed, the whole file again").isNull();
        await().atMost(SOON).until(() -> !delivered(message.id()).isEmpty());
        assertThat(hub.audioRequests()).as("已送达 only once the audio is whole and checked").hasSize(3);

        Optional<PlayResult> played = kiosk.family().listen(ZHANG);
        assertThat(played).hasValueSatisfying(result -> assertThat(result.played()).isTrue());
        try (Stream<Path> files = Files.list(dir.resolve("data").resolve("messages"))) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactly(message.audio().sha256() + ".wav");
        }
    }

    @Test
    void a_reply_held_past_a_minute_stops_at_60_s_and_reaches_the_hub_after_a_dropped_line() throws Exception {
        FamilyMessage message = hub.send(ZHANG, "SON", MORNING, TestFamilyHub.tone(500));
        await().atMost(SOON).until(() -> kiosk.family().unheard(ZHANG) == 1);
        kiosk.checkIn().checkIn(ZHANG);
        await().atMost(SOON).until(() -> phase() == FamilyView.Phase.OFFER);
        kiosk.family().hear();
        await().atMost(SOON).until(() -> phase() == FamilyView.Phase.PLAYED);

        // She holds 回复 and talks for 70 s without letting go; the line drops on the first upload.
        hub.dropNextReply();
        hardware.microphone().speak(TestFamilyHub.tone(70_000));
        kiosk.family().startReply();
        await().atMost(SOON).until(() -> phase() == FamilyView.Phase.REPLIED);
        assertThat(kiosk.model().state().lastPrompt()).isEqualTo("family.reply.saved");

        TestFamilyHub.ReplyPut reply = await().atMost(SOON).until(() -> hub.replies().stream().findFirst()
                .orElse(null), put -> put != null);
        assertThat(hub.replyAttempts()).as("the dropped upload and its retry, one reply id")
                .containsExactly(reply.id(), reply.id());
        assertThat(reply.replyTo()).isEqualTo(message.id());
        assertThat(Wav.read("reply", reply.wav()).duration()).isEqualTo(FamilyController.MAX_REPLY);
        await().atMost(SOON).until(() -> !Files.exists(dir.resolve("data").resolve("replies")
                .resolve(reply.id() + ".wav")));
        hardware.awaitActionsDelivered();
        assertThat(speaker).doesNotContain("relay on");
    }

    /** The envelope's count once the model has handled what the last step queued. */
    private int unheard(String residentId) throws Exception {
        kiosk.model().awaitIdle(SOON);
        return kiosk.family().unheard(residentId);
    }

    private FamilyView.Phase phase() {
        FamilyView.Shown shown = kiosk.model().state().family().shown();
        return shown == null ? null : shown.phase();
    }

    /** The messages whose play started on the speaker, in order. */
    private List<String> started() {
        return speaker.stream().filter(line -> line.startsWith("audio start message-"))
                .map(line -> line.substring("audio start message-".length()).split(" ")[0]).toList();
    }

    private List<Event> heard(String messageId) {
        return hub.events().stream().filter(event -> event.payload() instanceof MessageHeard heard
                && heard.messageId().equals(messageId)).toList();
    }

    private List<Event> delivered(String messageId) {
        return hub.events().stream().filter(event -> event.payload() instanceof MessageDelivered delivered
                && delivered.messageId().equals(messageId)).toList();
    }

    /** How many different events: an event the kiosk sent again (its answer lost) is still one. */
    private static long distinct(List<Event> events) {
        return events.stream().map(Event::id).distinct().count();
    }
}
