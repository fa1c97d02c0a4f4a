package org.courtyard.kiosk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.courtyard.hardware.DeviceHealth;
import org.courtyard.hardware.Hardware;
import org.courtyard.hardware.HardwareFactory;
import org.courtyard.hardware.HelpButton;
import org.courtyard.hardware.LampRole;
import org.courtyard.hardware.LampState;
import org.courtyard.hardware.Microphone;
import org.courtyard.kiosk.announce.Announcer;
import org.courtyard.kiosk.announce.LiveBroadcast;
import org.courtyard.kiosk.announce.ShownAnnouncement;
import org.courtyard.kiosk.cadre.BroadcastController;
import org.courtyard.kiosk.cadre.CadreActions;
import org.courtyard.kiosk.cadre.CadreController;
import org.courtyard.kiosk.checkin.CheckInController;
import org.courtyard.kiosk.checkin.PhotoCache;
import org.courtyard.kiosk.health.HealthMonitor;
import org.courtyard.kiosk.help.HelpController;
import org.courtyard.kiosk.speech.Feedback;
import org.courtyard.kiosk.speech.Prompts;
import org.courtyard.kiosk.store.KioskStore;
import org.courtyard.kiosk.sync.HubClient;
import org.courtyard.kiosk.sync.LinkState;
import org.courtyard.kiosk.sync.SyncListener;
import org.courtyard.kiosk.sync.SyncService;
import org.courtyard.kiosk.voice.Intent;
import org.courtyard.kiosk.voice.IntentMatcher;
import org.courtyard.kiosk.voice.PhraseBook;
import org.courtyard.kiosk.voice.VoiceActivity;
import org.courtyard.kiosk.voice.VoiceCommands;
import org.courtyard.kiosk.voice.VoiceService;
import org.courtyard.kiosk.voice.internal.MemoQueue;
import org.courtyard.kiosk.voice.internal.MemoUploader;
import org.courtyard.kiosk.voice.internal.RecognitionLog;
import org.courtyard.kiosk.voice.internal.VoskEngine;
import org.courtyard.protocol.Announcement;
import org.courtyard.protocol.AnnouncementPlayed;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.HelpCategory;
import org.courtyard.protocol.HelpSource;
import org.courtyard.protocol.HelpUpdate;
import org.courtyard.protocol.Heartbeat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running kiosk: hardware, local store, sync, announcements, and the controllers that the touch
 * screen, the physical button and the voice all call. Built by {@link #create}, started by {@link #start};
 * closing stops sync, switches the relay and lamps off and closes the database; closing twice is
 * safe. The screen (JavaFX) and the headless console are views on {@link #model()}.
 */
public final class Kiosk implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Kiosk.class);

    private final KioskConfig config;
    private final Clock clock;
    private final Instant startedAt;
    private final Hardware hardware;
    private final KioskStore store;
    private final Prompts prompts;
    private final Feedback feedback;
    private final KioskModel model;
    private final SyncService sync;
    private final HelpController help;
    private final PhotoCache photos;
    private final CheckInController checkIn;
    private final CadreController cadre;
    private final VoiceCommands voice;
    private final VoiceService ears;
    private final MemoUploader memoUploader;
    private final ScheduledExecutorService timers;
    /** Whether a speech model was configured, so that voice being off is a problem to show. */
    private final boolean voiceWanted;
    private UUID lastHelpId;
    private boolean helpBaseline;
    private final Announcer announcer;
    private volatile LiveBroadcast live;
    private final BroadcastController broadcasts;
    private final HealthMonitor healthMonitor;
    private volatile Instant lastTouch;
    private boolean started;
    private boolean closed;

    private Kiosk(KioskConfig config, Hardware hardware, VoiceService.EngineLoader engine, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.lastTouch = startedAt;
        this.hardware = hardware;
        this.store = KioskStore.open(config.dataDir());
        this.prompts = new Prompts(config.dataDir().resolve("prompts"));
        this.feedback = new Feedback(hardware.loudspeaker(), prompts);
        String voiceStatus = initialVoiceStatus(config, hardware, engine != null);
        this.voiceWanted = engine != null;
        this.model = new KioskModel(KioskState.initial(voiceStatus, problems(hardware.health())));
        this.healthMonitor = new HealthMonitor(config.dataDir(), config.health());
        HubClient client = new HubClient(config.hub(), config.token(), Duration.ofSeconds(10), config.tls());
        this.sync = new SyncService(store, client, config.kioskId(), clock, new Listener(), config.sync(),
                this::heartbeat);
        this.help = new HelpController(model, store, new HelpController.Link() {
            @Override
            public void pushNow() {
                sync.pushNow();
            }

            @Override
            public boolean clockTrusted() {
                return sync.clockTrust().trusted();
            }
        }, feedback, hardware.lamps(), clock, config.help());
        SyncLink link = new SyncLink();
        this.photos = new PhotoCache(config.hub(), config.token(), config.dataDir().resolve("photos"),
                this::photoArrived);
        this.checkIn = new CheckInController(model, store, photos, link, feedback, clock);
        this.cadre = new CadreController(model, store, link, feedback, prompts, clock);
        PhraseBook phrases = PhraseBook.load(config.phrasesFile());
        this.voice = new VoiceCommands(model, new IntentMatcher(phrases), new VoiceActions());
        MemoQueue memos = new MemoQueue(store, config.dataDir().resolve("memos"), clock);
        this.memoUploader = new MemoUploader(memos, config.hub(), config.token(), clock, config.sync().maxBackoff());
        this.ears = new VoiceService(hardware.microphone(), engine, voiceStatus, phrases, config.voice(),
                new RecognitionLog(store, config.dataDir().resolve("voice-log"), config.voice().logMax(), clock), memos,
                new Ears());
        this.announcer = new Announcer(store, config.dataDir(), config.hub(), config.token(), hardware.loudspeaker(),
                clock, config.announce(), new Announcer.Link() {
                    @Override
                    public boolean clockTrusted() {
                        return sync.clockTrust().trusted();
                    }

                    @Override
                    public void pushNow() {
                        sync.pushNow();
                    }
                });
        this.broadcasts = new BroadcastController(model, new CadreBroadcasting(), feedback);
        broadcasts.register(cadre.actions());
        this.timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kiosk-timers");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Opens the hardware and the database; nothing talks to the hub until {@link #start}.
     *
     * @throws IllegalStateException if {@code config} is not enrolled (no id and token yet)
     */
    public static Kiosk create(KioskConfig config, Clock clock) {
        if (!config.enrolled()) {
            throw new IllegalStateException("the kiosk is not enrolled: it has no id and token yet");
        }
        return create(config, HardwareFactory.create(config.hardware()), clock);
    }

    /**
     * As {@link #create(KioskConfig, Clock)} with hardware opened by the caller (for instance sim
     * hardware whose microphone plays a recording). The kiosk owns {@code hardware} from here on and
     * closes it, also when this fails.
     */
    public static Kiosk create(KioskConfig config, Hardware hardware, Clock clock) {
        Path modelDir = config.voiceModel();
        return create(config, hardware, modelDir == null ? null : () -> VoskEngine.load(modelDir), clock);
    }

    /**
     * As {@link #create(KioskConfig, Hardware, Clock)} with the speech engine loaded by
     * {@code engine} (null: no model) instead of Vosk from {@code --voice-model}.
     */
    public static Kiosk create(KioskConfig config, Hardware hardware, VoiceService.EngineLoader engine, Clock clock) {
        try {
            return new Kiosk(config, hardware, engine, clock);
        } catch (RuntimeException e) {
            hardware.close();
            throw e;
        }
    }

    /**
     * Voice until the model has loaded: off with the reason (no model given, no microphone), or
     * starting. The reason names the missing path or device.
     */
    private static String initialVoiceStatus(KioskConfig config, Hardware hardware, boolean withEngine) {
        if (!hardware.microphone().available()) {
            String detail = hardware.health().stream()
                    .filter(device -> device.device().toLowerCase(java.util.Locale.ROOT).contains("microphone"))
                    .map(DeviceHealth::detail).findFirst().orElse("no audio input device");
            return "off: no microphone (" + detail + ")";
        }
        if (!withEngine) {
            return "off: no voice model given (--voice-model); voice memos are still recorded";
        }
        return config.voiceModel() == null ? "starting: loading the voice model"
                : "starting: loading the voice model from " + config.voiceModel().toAbsolutePath().normalize();
    }

    private static List<String> problems(List<DeviceHealth> health) {
        List<String> out = new ArrayList<>();
        for (DeviceHealth device : health) {
            if (!device.ok()) {
                out.add(device.device() + ": " + device.detail());
            }
        }
        return out;
    }

    /** Starts syncing, listens to the help button, and runs the idle timer. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("the kiosk has been closed");
        }
        if (started) {
            return;
        }
        started = true;
        hardware.helpButton().addListener(new HelpButton.Listener() {
            @Override
            public void onPress() {
                touch();
                help.requestHelp(HelpSource.BUTTON, null);
            }

            @Override
            public void onLongPress() {
                touch();
                listen();
            }
        });
        model.addListener(state -> hardware.lamps().set(LampRole.LINK, switch (state.link()) {
            case ONLINE -> LampState.ON;
            case OFFLINE, REFUSED, UNTRUSTED -> LampState.BLINK;
            case CONNECTING -> LampState.OFF;
        }));
        model.addListener(this::followVoice);
        timers.scheduleWithFixedDelay(this::checkIdle, 1, 1, TimeUnit.SECONDS);
        ears.start();
        memoUploader.start();
        announcer.start();
        healthMonitor.start(config.sync().heartbeatInterval());
        sync.start();
        LOG.info("Kiosk {} started; hub {}", config.kioskId(), config.hub());
    }

    public KioskModel model() {
        return model;
    }

    public Hardware hardware() {
        return hardware;
    }

    public Prompts prompts() {
        return prompts;
    }

    public KioskConfig config() {
        return config;
    }

    /** The announcements: the screen's list, and what is played when. */
    public Announcer announcements() {
        return announcer;
    }

    // Commands: the touch screen, the physical button, the voice and the headless console call these.

    /** The red help button on the screen. */
    public void pressHelp(HelpSource source) {
        touch();
        help.requestHelp(source, null);
    }

    /** 紧急/看病/生活/其他 on the help screen, after the request was sent. */
    public void chooseCategory(HelpCategory category) {
        touch();
        help.chooseCategory(category);
    }

    /** 按错了. */
    public void cancelHelp() {
        touch();
        help.cancel();
    }

    /** What the elder said (recognised or typed). */
    public void hear(String text) {
        touch();
        voice.hear(text);
    }

    /**
     * Push-to-talk: the microphone button or a long press of the physical button. Shows the
     * LISTENING screen, says 请说, and once the kiosk has stopped speaking (so that it does not hear
     * itself) listens until the elder stops speaking; with voice off it says so instead.
     */
    public void listen() {
        touch();
        model.execute(() -> {
            model.update(state -> state.withScreen(Screen.LISTENING));
            if (!ears.canListen()) {
                say("voice.off");
                return;
            }
            say("voice.listen");
            listenWhenQuiet(false);
        });
    }

    /** Ends push-to-talk or a voice memo in progress without acting on it. */
    public void stopListening() {
        touch();
        ears.cancel();
    }

    public void open(Screen screen) {
        if (screen == Screen.LISTENING) {
            listen();
            return;
        }
        touch();
        switch (screen) {
            case CADRE_PIN -> cadre.enter();
            case CADRE -> cadre.menu();
            case CADRE_VISIT -> cadre.anotherVisit();
            case CADRE_PLAY -> cadre.run(BroadcastController.PLAY_NOW_ACTION);
            case CADRE_LIVE -> cadre.run(BroadcastController.LIVE_ACTION);
            default -> openScreen(screen);
        }
    }

    private void openScreen(Screen screen) {
        model.execute(() -> {
            model.update(state -> state.withScreen(screen));
            say(switch (screen) {
                case HOME -> "home.prompt";
                case HELP -> "help.prompt";
                case CHECK_IN -> "checkin.prompt";
                case ANNOUNCEMENTS -> announcer.current().isEmpty() ? "announcements.none" : "announcements.prompt";
                case LISTENING -> throw new IllegalStateException("LISTENING opens through listen()");
                case CADRE_PIN, CADRE, CADRE_VISIT, CADRE_PLAY, CADRE_LIVE ->
                        throw new IllegalStateException(screen + " opens through cadre mode");
            });
        });
    }

    /**
     * The big play button of an announcement on the screen: plays it on the kiosk's own speaker
     * (see {@link Announcer#playOnScreen}); if its audio is not here yet, says so.
     */
    public void playAnnouncement(String announcementId) {
        touch();
        model.execute(() -> playOnScreen(announcementId));
    }

    /**
     * A cadre's "play now": broadcasts a current announcement at once over the outdoor loudspeaker,
     * through the announcement player, so it never overlaps another play.
     *
     * @throws IllegalArgumentException for an announcement that is not current
     * @throws IllegalStateException if its audio is not on the kiosk
     */
    public CompletableFuture<AnnouncementPlayed> playNow(String announcementId) {
        touch();
        return announcer.playNow(announcementId);
    }

    /**
     * A cadre holds the talk button: the microphone goes out over the courtyard loudspeaker (relay,
     * warm-up, chime, voice) until {@link #stopLiveBroadcast()}, at most {@code announce.live-max-seconds}.
     *
     * @throws IllegalStateException without a microphone, while an emergency plays, or if a live
     *     broadcast is already on
     */
    public LiveBroadcast startLiveBroadcast() {
        touch();
        Microphone.FrameStream source = hardware.microphone().open();
        LiveBroadcast started = announcer.startLive(source);
        live = started;
        return started;
    }

    /** The talk button is let go: the broadcast ends and the relay goes off after the tail. Safe when none is on. */
    public void stopLiveBroadcast() {
        LiveBroadcast current = live;
        if (current != null) {
            current.stop();
        }
    }

    /** On the model thread: plays one announcement for the screen, or says why it cannot. */
    private void playOnScreen(String announcementId) {
        try {
            announcer.playOnScreen(announcementId);
        } catch (IllegalStateException e) {
            LOG.info("Cannot play announcement {} yet: {}", announcementId, e.getMessage());
            say("announcements.not-ready");
        } catch (IllegalArgumentException e) {
            LOG.info("Announcement {} is no longer current: {}", announcementId, e.getMessage());
            say("announcements.none");
        }
    }

    /** On the model thread: 听通知 plays the newest current announcement. */
    private void playNewest() {
        model.update(state -> state.withScreen(Screen.ANNOUNCEMENTS));
        announcer.newest().ifPresentOrElse(newest -> {
            if (newest.playable()) {
                playOnScreen(newest.id());
            } else {
                say(newest.recorded() ? "announcements.not-ready" : "announcements.no-recording");
            }
        }, () -> say("announcements.none"));
    }

    // 报平安.

    /** A resident's tile was tapped (or the headless {@code checkin} named them): they checked in. */
    public void checkIn(String residentId) {
        touch();
        checkIn.checkIn(residentId);
    }

    /** 下一位: the tiles again after a "thank you". */
    public void nextCheckIn() {
        touch();
        checkIn.next();
    }

    // Cadre mode: the 村干部 button opens it with {@code open(Screen.CADRE_PIN)}.

    /** The buttons of the cadre menu; add a feature's buttons here before the screen is shown. */
    public CadreActions cadreActions() {
        return cadre.actions();
    }

    public void pinDigit(int digit) {
        touch();
        cadre.digit(digit);
    }

    public void pinErase() {
        touch();
        cadre.erase();
    }

    public void pinConfirm() {
        touch();
        cadre.confirm();
    }

    /** A button of the cadre menu, by its {@link org.courtyard.kiosk.cadre.CadreAction#id()}. */
    public void cadreAction(String actionId) {
        touch();
        cadre.run(actionId);
    }

    /** The visited resident's tile, in the visit record. */
    public void visitResident(String residentId) {
        touch();
        cadre.visit(residentId);
    }

    /** A visit note (a key of {@link CadreController#NOTES}), or null for none: saves the visit. */
    public void visitNote(String noteKey) {
        touch();
        cadre.note(noteKey);
    }

    /** 立即播放: the cadre tapped a current announcement; it goes out over the loudspeaker now. */
    public void cadrePlayNow(String announcementId) {
        touch();
        broadcasts.play(announcementId);
    }

    /** 停止 on the 立即播放 screen. */
    public void cadreStopPlay() {
        touch();
        broadcasts.stopPlay();
    }

    /** 现场广播: the cadre presses the talk button. */
    public void pressTalk() {
        touch();
        broadcasts.pressTalk();
    }

    /** 现场广播: the cadre lets the talk button go. */
    public void releaseTalk() {
        touch();
        broadcasts.releaseTalk();
    }

    /** 退出 cadre mode. */
    public void exitCadreMode() {
        touch();
        cadre.exit();
    }

    /** Speaks the last prompt again (再说一遍, or the screen's replay button). */
    public void repeat() {
        touch();
        model.execute(() -> {
            String last = model.state().lastPrompt();
            feedback.say(last == null ? "home.prompt" : last);
        });
    }

    /** Any touch or press: the idle timer starts again. */
    public void touch() {
        lastTouch = clock.instant();
    }

    /** Starts push-to-talk after the kiosk's own voice, if the LISTENING screen is still shown then. */
    private void listenWhenQuiet(boolean followUp) {
        feedback.whenQuiet(() -> model.execute(() -> {
            if (model.state().screen() == Screen.LISTENING) {
                ears.listen(followUp);
            }
        }));
    }

    /**
     * On every state change: leaving the LISTENING screen ends push-to-talk; a new help request
     * (not the one restored at start) is followed by the offer of a voice memo.
     */
    private void followVoice(KioskState state) {
        if (state.screen() != Screen.LISTENING && state.voiceActivity().phase() == VoiceActivity.Phase.LISTENING) {
            ears.cancel();
        }
        UUID id = state.help() == null ? null : state.help().id();
        if (!helpBaseline) {
            helpBaseline = true;
            lastHelpId = id;
            return;
        }
        if (id != null && !id.equals(lastHelpId)) {
            lastHelpId = id;
            if (state.help().status() == org.courtyard.kiosk.store.LocalHelpStatus.SAVED
                    && config.voice().memoAfterHelp() && ears.canRecordMemo()) {
                offerMemo(id);
            }
        }
    }

    /**
     * After the help prompts (and the courtyard alarm) have been spoken, asks for a voice memo and
     * records it, if the request is still open then.
     */
    private void offerMemo(UUID id) {
        // Queued behind the work that raised the request, so that its prompts are queued already.
        model.execute(() -> feedback.whenQuiet(() -> model.execute(() -> {
            HelpView help = model.state().help();
            if (help == null || !help.id().equals(id) || !help.status().isOpen()) {
                return;
            }
            say("voice.memo.prompt");
            feedback.whenQuiet(() -> ears.recordMemo(id));
        })));
    }

    private void say(String key) {
        model.update(state -> state.withLastPrompt(key));
        feedback.say(key);
    }

    private void checkIdle() {
        if (broadcasts.live()) {
            // A cadre holding the talk button is not idle; the idle minute starts when they let go
            // (announce.live-max-seconds ends a broadcast whose release never came).
            touch();
            broadcasts.checkEmergency();
            return;
        }
        if (Duration.between(lastTouch, clock.instant()).compareTo(config.idleHome()) < 0) {
            return;
        }
        model.execute(() -> {
            if (model.state().screen() != Screen.HOME) {
                model.update(state -> state.withScreen(Screen.HOME));
            }
        });
    }

    private Event heartbeat() {
        // Space used by a help request on a full SD card is held back again once there is room.
        store.keepReserve();
        Instant now = clock.instant();
        Heartbeat heartbeat = healthMonitor.heartbeat(Version.current(), Duration.between(startedAt, now),
                store.outboxSize(), ears.heartbeatLine(), hardware.health());
        return Event.of(heartbeat, now, sync.clockTrust().trusted());
    }

    /** Stops everything; the relay and the lamps end up off. Closing twice is safe. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        timers.shutdownNow();
        ears.close();
        memoUploader.close();
        healthMonitor.close();
        sync.close();
        announcer.close();
        photos.close();
        cadre.close();
        feedback.close();
        model.close();
        hardware.close();
        store.close();
        LOG.info("Kiosk {} stopped", config.kioskId());
    }

    private final class Listener implements SyncListener {
        @Override
        public void linkChanged(LinkState state, String detail) {
            model.execute(() -> model.update(current -> current.withLink(state, detail)));
        }

        @Override
        public void delivered(List<java.util.UUID> helpRequestIds) {
            help.delivered(helpRequestIds);
            memoUploader.kick();
        }

        @Override
        public void helpUpdated(HelpUpdate update) {
            help.updated(update);
        }

        @Override
        public void announcementsReceived(List<Announcement> announcements) {
            announcer.received(announcements);
        }

        @Override
        public void rosterChanged() {
            checkIn.rosterChanged();
        }
    }

    /** A photo was downloaded (on the photo thread); the tiles show it. */
    private void photoArrived() {
        CheckInController controller = checkIn;
        // Null only while the constructor runs; the photo is then shown by the first refresh.
        if (controller != null) {
            controller.photoArrived();
        }
    }

    /** The announcement commands the cadre's 立即播放 and 现场广播 use. */
    private final class CadreBroadcasting implements BroadcastController.Broadcasting {
        @Override
        public List<ShownAnnouncement> current() {
            return announcer.current();
        }

        @Override
        public CompletableFuture<AnnouncementPlayed> playNow(String announcementId) {
            return Kiosk.this.playNow(announcementId);
        }

        @Override
        public boolean stop(CompletableFuture<AnnouncementPlayed> play) {
            return announcer.stop(play);
        }

        @Override
        public LiveBroadcast startLiveBroadcast() {
            return Kiosk.this.startLiveBroadcast();
        }

        @Override
        public void stopLiveBroadcast() {
            Kiosk.this.stopLiveBroadcast();
        }

        @Override
        public boolean microphoneAvailable() {
            return hardware.microphone().available();
        }

        @Override
        public boolean emergencyPending() {
            return announcer.emergencyPending();
        }
    }

    /** What the check-in and cadre controllers need of the sync service. */
    private final class SyncLink implements CheckInController.Link, CadreController.Link {
        @Override
        public void pushNow() {
            sync.pushNow();
        }

        @Override
        public boolean clockTrusted() {
            return sync.clockTrust().trusted();
        }
    }

    /** What the microphone side of voice tells the kiosk (on the voice thread). */
    private final class Ears implements VoiceService.Listener {
        @Override
        public void activity(VoiceActivity activity) {
            model.execute(() -> model.update(state -> state.withVoiceActivity(activity)));
        }

        @Override
        public void heard(String text, Intent intent) {
            touch();
            voice.hear(text);
            // After the read-back question ("您是要报平安吗？") has been spoken, listen for the answer.
            model.execute(() -> {
                if (voice.pending().isPresent()) {
                    listenWhenQuiet(true);
                }
            });
        }

        @Override
        public void notUnderstood(boolean followUp) {
            model.execute(() -> {
                if (model.state().screen() != Screen.LISTENING) {
                    return;
                }
                say("voice.unheard");
                if (!followUp) {
                    listenWhenQuiet(true);
                }
            });
        }

        @Override
        public void memoSaved(UUID requestId) {
            model.execute(() -> say("voice.memo.saved"));
            memoUploader.kick();
        }

        @Override
        public void statusChanged(String status) {
            boolean failed = voiceWanted && status.startsWith("off");
            model.execute(() -> model.update(state -> {
                KioskState next = state.withVoiceStatus(status);
                if (failed) {
                    List<String> problems = new ArrayList<>(state.problems());
                    problems.add("voice: " + status);
                    next = new KioskState(next.screen(), next.link(), next.linkDetail(), next.help(), next.lastPrompt(),
                            next.voiceStatus(), problems, next.checkIn(), next.cadre(), next.voiceActivity());
                }
                return next;
            }));
        }

        @Override
        public boolean speaking() {
            return feedback.busy();
        }
    }

    private final class VoiceActions implements VoiceCommands.Actions {
        @Override
        public void help(boolean medical, String transcript) {
            help.requestHelp(HelpSource.VOICE, medical ? HelpCategory.MEDICAL : null, transcript);
        }

        @Override
        public void checkIn() {
            model.update(state -> state.withScreen(Screen.CHECK_IN));
            say("checkin.prompt");
        }

        @Override
        public void playAnnouncements() {
            playNewest();
        }

        @Override
        public void cancelHelp() {
            help.cancel();
        }

        @Override
        public void repeat() {
            String last = model.state().lastPrompt();
            feedback.say(last == null ? "home.prompt" : last);
        }

        @Override
        public void confirm(Intent intent) {
            say("voice.confirm." + intent.name().toLowerCase(java.util.Locale.ROOT));
        }

        @Override
        public void dropped() {
            say("voice.dropped");
        }
    }
}
