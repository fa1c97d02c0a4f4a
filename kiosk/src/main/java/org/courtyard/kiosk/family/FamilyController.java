package org.courtyard.kiosk.family;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.courtyard.hardware.AudioClip;
import org.courtyard.hardware.Loudspeaker;
import org.courtyard.hardware.Microphone;
import org.courtyard.hardware.PlayResult;
import org.courtyard.hardware.Route;
import org.courtyard.hardware.Wav;
import org.courtyard.kiosk.announce.AudioDownloads;
import org.courtyard.kiosk.announce.AudioLibrary;
import org.courtyard.kiosk.core.FamilyView;
import org.courtyard.kiosk.core.KioskModel;
import org.courtyard.kiosk.core.KioskState;
import org.courtyard.kiosk.core.Outbox;
import org.courtyard.kiosk.core.ResidentTile;
import org.courtyard.kiosk.core.Screen;
import org.courtyard.kiosk.net.HubConnection;
import org.courtyard.kiosk.speech.Feedback;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.FamilyRelation;
import org.courtyard.protocol.MessageDelivered;
import org.courtyard.protocol.MessageHeard;
import org.courtyard.protocol.SyncResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 空中陪护 at the courtyard (docs/family.md): the family messages of the village's residents come
 * with the sync answer ({@link #take}); their audio is fetched by checksum like announcement audio
 * (resumable, verified, through the kiosk's one hub connection) and reported {@code MESSAGE_DELIVERED};
 * each resident's tile shows an envelope with the unheard count. After a resident checks in, the
 * kiosk asks 「您有一条儿子的留言，要听吗？」 (听 / 不听); a message plays on the indoor speaker, never
 * the loudspeaker relay, and once played to its end it is reported {@code MESSAGE_HEARD}; 再听一遍
 * plays it again; 回复 records up to {@link #MAX_REPLY} while held and queues it for upload to the
 * family member who wrote.
 *
 * <p>Plays run one at a time on the {@code kiosk-messages} thread; a play is cut off the moment the
 * screen leaves the messages screen or a help request is raised, so the help alarm never waits for
 * a message. All state changes go through the model's queue.
 */
public final class FamilyController implements AutoCloseable {

    /** The longest reply recorded at the kiosk. */
    public static final Duration MAX_REPLY = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(FamilyController.class);

    private final KioskModel model;
    private final FamilyStore store;
    private final AudioLibrary library;
    private final AudioDownloads downloads;
    private final ReplyUploader uploader;
    private final Outbox outbox;
    private final Loudspeaker loudspeaker;
    private final Microphone microphone;
    private final Feedback feedback;
    private final Clock clock;
    private final Path replies;
    private final ExecutorService player = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kiosk-messages");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<Loudspeaker.Play> playing = new AtomicReference<>();
    private final AtomicReference<Microphone.FrameStream> recording = new AtomicReference<>();
    /** A home unit's message has been announced and waits for the player thread. */
    private volatile boolean announcing;

    /**
     * @param dataDir the kiosk's data folder: the messages' audio goes into {@code messages/}, replies
     *     waiting for upload into {@code replies/}
     */
    public FamilyController(KioskModel model, FamilyStore store, HubConnection hub, Path dataDir, Outbox outbox,
            Loudspeaker loudspeaker, Microphone microphone, Feedback feedback, Clock clock, Duration maxBackoff) {
        this.model = model;
        this.store = store;
        this.library = new AudioLibrary(dataDir, "messages");
        this.downloads = new AudioDownloads(hub, library, "messages", id -> "api/v1/family-messages/" + id + "/audio",
                this::downloaded);
        this.uploader = new ReplyUploader(store, hub, maxBackoff);
        this.outbox = outbox;
        this.loudspeaker = loudspeaker;
        this.microphone = microphone;
        this.feedback = feedback;
        this.clock = clock;
        this.replies = dataDir.resolve("replies");
        model.addListener(this::watch);
        model.execute(this::refresh);
    }

    /** Starts fetching what is missing and uploading replies. */
    public void start() {
        downloads.start();
        uploader.start();
        fetchMissing();
    }

    /**
     * Sync's {@link org.courtyard.kiosk.sync.AnswerPart} for {@code messages}: stores them before the
     * cursor; afterwards the counts change, new audio is fetched and deleted audio goes.
     */
    public Runnable take(SyncResponse answer) {
        if (answer.messages().isEmpty()) {
            return null;
        }
        store.take(answer.messages());
        return () -> {
            library.keepOnly(store.audio());
            downloads.keepOnly(store.audio());
            fetchMissing();
            model.execute(this::refresh);
        };
    }

    /** Unheard messages of {@code residentId} that can be played here: the envelope's count. */
    public int unheard(String residentId) {
        return model.state().family().unheardOf(residentId);
    }

    /**
     * Plays the oldest unheard message of {@code residentId} whose audio is here (headless
     * {@code listen NAME}, and 听 on the screen); the returned result tells how it ended, empty if
     * there was none to play.
     */
    public Optional<PlayResult> listen(String residentId) throws InterruptedException {
        Optional<FamilyStore.Message> next = store.unheard(residentId).stream()
                .filter(message -> library.has(message.audio().sha256())).findFirst();
        if (next.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(player.submit(() -> play(next.get())).get());
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("playing message " + next.get().id() + " failed", e.getCause());
        }
    }

    /**
     * The home unit's green button once 报平安 is done (model thread only): if {@code residentId} has
     * a message ready, says who left it (「儿子给您留言了。」) and then plays the oldest on the indoor
     * speaker, on the player thread, heard once played to its end. A press while one plays is taken
     * and does nothing more. False if none is ready.
     */
    public boolean playNext(String residentId) {
        Optional<FamilyStore.Message> next = ready(residentId);
        if (next.isEmpty()) {
            return false;
        }
        if (playing.get() != null || announcing) {
            return true;
        }
        FamilyStore.Message message = next.get();
        announcing = true;
        speak("unit.message." + FamilyRelation.fromWire(message.relation()).name());
        feedback.whenQuiet(() -> {
            if (!player.isShutdown()) {
                player.execute(() -> {
                    announcing = false;
                    play(message);
                });
            }
        });
        return true;
    }

    // The messages screen.

    /** After a check-in: if the resident has a message ready, ask whether to hear it. */
    void offer(ResidentTile resident) {
        model.execute(() -> {
            Optional<FamilyStore.Message> next = ready(resident.id());
            if (next.isEmpty()) {
                return;
            }
            FamilyStore.Message message = next.get();
            String relation = FamilyRelation.fromWire(message.relation()).name();
            int more = (int) store.unheard(resident.id()).stream()
                    .filter(other -> library.has(other.audio().sha256())).count() - 1;
            model.update(state -> state.withScreen(Screen.MESSAGES).withFamily(state.family().withShown(
                    new FamilyView.Shown(resident.id(), resident.name(), message.id(), relation,
                            FamilyView.Phase.OFFER, more))));
            speak("family.offer." + relation);
        });
    }

    /** 听 (or 再听一遍): plays the message the screen shows. */
    public void hear() {
        model.execute(() -> {
            FamilyView.Shown shown = model.state().family().shown();
            if (shown == null || shown.phase() == FamilyView.Phase.RECORDING) {
                return;
            }
            Optional<FamilyStore.Message> message = store.get(shown.messageId());
            if (message.isEmpty()) {
                return;
            }
            show(shown.withPhase(FamilyView.Phase.PLAYING));
            player.execute(() -> {
                PlayResult result = play(message.get());
                model.execute(() -> {
                    FamilyView.Shown now = model.state().family().shown();
                    if (now != null && now.messageId().equals(shown.messageId())
                            && now.phase() == FamilyView.Phase.PLAYING) {
                        show(now.withPhase(FamilyView.Phase.PLAYED));
                        if (result.outcome() == PlayResult.Outcome.FAILED) {
                            speak("family.play.failed");
                        } else if (result.played()) {
                            speak("family.played");
                        }
                    }
                });
            });
        });
    }

    /** 不听 or 返回: back to 报平安 for the next person. */
    public void close(boolean speak) {
        model.execute(() -> {
            if (model.state().screen() == Screen.MESSAGES) {
                model.update(state -> state.withScreen(Screen.CHECK_IN));
                if (speak) {
                    speak("checkin.prompt");
                }
            }
        });
    }

    /** 下一条: the resident's next unheard message, if any. */
    public void next() {
        model.execute(() -> {
            FamilyView.Shown shown = model.state().family().shown();
            if (shown != null) {
                close(false);
                offer(new ResidentTile(shown.residentId(), shown.residentName(), null, null));
            }
        });
    }

    /** 回复 pressed: records from the microphone until released (or {@link #MAX_REPLY}). */
    public void startReply() {
        model.execute(() -> {
            FamilyView.Shown shown = model.state().family().shown();
            if (shown == null || shown.phase() == FamilyView.Phase.PLAYING || recording.get() != null) {
                return;
            }
            if (!microphone.available()) {
                speak("family.reply.no-microphone");
                return;
            }
            Microphone.FrameStream stream = microphone.open();
            recording.set(stream);
            show(shown.withPhase(FamilyView.Phase.RECORDING));
            String id = UUID.randomUUID().toString();
            Thread recorder = new Thread(() -> record(shown, id, stream), "kiosk-reply");
            recorder.setDaemon(true);
            recorder.start();
        });
    }

    /** 回复 released: the recording ends and is kept for upload. */
    public void stopReply() {
        Microphone.FrameStream stream = recording.getAndSet(null);
        if (stream != null) {
            stream.close();
        }
    }

    // Internals.

    private void record(FamilyView.Shown shown, String id, Microphone.FrameStream stream) {
        AudioClip clip;
        try {
            clip = Microphone.record("reply-" + id, stream, MAX_REPLY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } finally {
            stream.close();
            recording.compareAndSet(stream, null);
        }
        boolean kept = clip.duration().toMillis() >= 500 && keep(shown, id, clip);
        model.execute(() -> {
            FamilyView.Shown now = model.state().family().shown();
            if (now != null && now.messageId().equals(shown.messageId())) {
                show(now.withPhase(kept ? FamilyView.Phase.REPLIED : FamilyView.Phase.PLAYED));
            }
            speak(kept ? "family.reply.saved" : "family.reply.too-short");
        });
    }

    private boolean keep(FamilyView.Shown shown, String id, AudioClip clip) {
        try {
            Files.createDirectories(replies);
            Path file = replies.resolve(id + ".wav");
            Wav.write(clip, file);
            store.keepReply(new FamilyStore.Reply(id, shown.messageId(), file.toString()), clock.instant());
            uploader.kick();
            LOG.info("reply {} to message {} kept for upload ({} ms)", id, shown.messageId(), clip.duration().toMillis());
            return true;
        } catch (IOException e) {
            LOG.error("cannot keep the reply to message {}", shown.messageId(), e);
            return false;
        }
    }

    /** On the player thread: plays {@code message} on the indoor speaker; heard once played to its end. */
    private PlayResult play(FamilyStore.Message message) {
        AudioClip clip;
        try {
            clip = library.clip(message.audio().sha256(), "message-" + message.id());
        } catch (IOException | AudioLibrary.Corrupt e) {
            LOG.warn("message {} cannot be played: {}", message.id(), e.getMessage());
            fetchMissing();
            return new PlayResult(PlayResult.Outcome.FAILED, clock.instant(), clock.instant(), e.getMessage());
        }
        Loudspeaker.Play play = loudspeaker.prepare(clip, Route.INDOOR, false);
        playing.set(play);
        PlayResult result;
        try {
            result = play.run();
        } finally {
            playing.compareAndSet(play, null);
        }
        if (result.played() && message.heardAt() == null) {
            store.heard(message.id(), result.endedAt(), Event.of(new MessageHeard(message.id()), clock.instant(),
                    outbox.clockTrusted()));
            outbox.pushNow();
            model.execute(this::refresh);
        }
        return result;
    }

    /** Cuts a play off when the screen leaves the messages or help is asked for; offers after a check-in. */
    private KioskState last;

    private void watch(KioskState state) {
        KioskState before = last;
        last = state;
        boolean leftMessages = before != null && before.screen() == Screen.MESSAGES && state.screen() != Screen.MESSAGES;
        // Help raised or moving on: entering its screen, or (a home unit never leaves it) its view changing.
        boolean help = state.screen() == Screen.HELP && (before == null || before.screen() != Screen.HELP
                || (state.help() != null && state.help() != before.help()));
        if (help || leftMessages) {
            Loudspeaker.Play play = playing.get();
            if (play != null) {
                play.interrupt();
            }
            stopReply();
        }
        ResidentTile thanked = state.checkIn().thanked();
        if (thanked != null && (before == null || before.checkIn().thanked() != thanked)) {
            // After the thanks has been said, not over it.
            feedback.whenQuiet(() -> offer(thanked));
        }
    }

    private Optional<FamilyStore.Message> ready(String residentId) {
        return store.unheard(residentId).stream().filter(message -> library.has(message.audio().sha256()))
                .findFirst();
    }

    private void downloaded(String sha256) {
        for (FamilyStore.Message message : store.all()) {
            if (message.audio().sha256().equals(sha256) && !message.delivered()) {
                store.delivered(message.id(), Event.of(new MessageDelivered(message.id()), clock.instant(),
                        outbox.clockTrusted()));
                outbox.pushNow();
            }
        }
        model.execute(this::refresh);
    }

    private void fetchMissing() {
        for (FamilyStore.Message message : store.all()) {
            if (!library.has(message.audio().sha256())) {
                downloads.want(message.id(), message.audio());
            } else if (!message.delivered()) {
                downloaded(message.audio().sha256());
            }
        }
    }

    /** On the model's queue: the envelopes' counts (messages whose audio is here). */
    private void refresh() {
        Map<String, Integer> counts = new java.util.HashMap<>();
        for (FamilyStore.Message message : store.all()) {
            if (message.heardAt() == null && library.has(message.audio().sha256())) {
                counts.merge(message.residentId(), 1, Integer::sum);
            }
        }
        model.update(state -> state.withFamily(state.family().withUnheard(counts)));
    }

    private void show(FamilyView.Shown shown) {
        model.update(state -> state.withFamily(state.family().withShown(shown)));
    }

    private void speak(String key) {
        model.update(state -> state.withLastPrompt(key));
        feedback.say(key);
    }

    /** Stops playing, recording, fetching and uploading. Closing twice is safe. */
    @Override
    public void close() {
        Loudspeaker.Play play = playing.get();
        if (play != null) {
            play.interrupt();
        }
        stopReply();
        player.shutdownNow();
        downloads.close();
        uploader.close();
    }

}
