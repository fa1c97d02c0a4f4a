package org.courtyard.kiosk;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.courtyard.hardware.Hardware;
import org.courtyard.hardware.HardwareFactory;
import org.courtyard.hardware.HelpButton;
import org.courtyard.hardware.LampRole;
import org.courtyard.hardware.LampState;
import org.courtyard.kiosk.announce.Announcer;
import org.courtyard.kiosk.cadre.AnnouncerBroadcasting;
import org.courtyard.kiosk.cadre.BroadcastController;
import org.courtyard.kiosk.cadre.CadreController;
import org.courtyard.kiosk.cadre.CadreStore;
import org.courtyard.kiosk.checkin.CheckInController;
import org.courtyard.kiosk.checkin.CheckInStore;
import org.courtyard.kiosk.checkin.PhotoCache;
import org.courtyard.kiosk.core.IdleTimer;
import org.courtyard.kiosk.core.KioskModel;
import org.courtyard.kiosk.core.KioskState;
import org.courtyard.kiosk.family.FamilyController;
import org.courtyard.kiosk.family.FamilyStore;
import org.courtyard.kiosk.health.HealthMonitor;
import org.courtyard.kiosk.help.HelpController;
import org.courtyard.kiosk.help.HelpStore;
import org.courtyard.kiosk.net.HubConnection;
import org.courtyard.kiosk.screens.Screens;
import org.courtyard.kiosk.speech.Feedback;
import org.courtyard.kiosk.speech.Prompts;
import org.courtyard.kiosk.store.KioskStore;
import org.courtyard.kiosk.sync.HubClient;
import org.courtyard.kiosk.sync.SyncService;
import org.courtyard.kiosk.voice.IntentMatcher;
import org.courtyard.kiosk.voice.PhraseBook;
import org.courtyard.kiosk.voice.VoiceActions;
import org.courtyard.kiosk.voice.VoiceCommands;
import org.courtyard.kiosk.voice.VoiceControl;
import org.courtyard.kiosk.voice.VoiceService;
import org.courtyard.kiosk.voice.internal.MemoQueue;
import org.courtyard.kiosk.voice.internal.MemoUploader;
import org.courtyard.kiosk.voice.internal.RecognitionLog;
import org.courtyard.kiosk.voice.internal.VoskEngine;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.EventType;
import org.courtyard.protocol.HelpSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running kiosk, wired: hardware, the local store, sync with the hub, and the features with
 * their controllers, which the touch screen, the physical button, the voice and the headless console
 * call. This class only assembles: every behaviour lives in a feature. Built by {@link #create},
 * started by {@link #start}; closing stops sync, switches the relay and lamps off and closes the
 * database; closing twice is safe. The screen (JavaFX) and the headless console are views on
 * {@link #model()}.
 *
 * <p><b>Wiring a feature</b> (docs/architecture.md, "Extending the kiosk"): it gets the model, its
 * own store on {@link KioskStore} (its tables, its migrations), the {@link SyncService} as its
 * {@link org.courtyard.kiosk.core.Outbox}, and the {@link HubConnection} if it fetches files; then it
 * registers the parts of the sync answer it owns ({@code sync.addAnswerPart}) and the accepted
 * events it records ({@code sync.onAccepted}).
 *
 * <p><b>Profiles.</b> This is the courtyard kiosk: a screen, the village's roster, cadre mode. A
 * second profile (a home unit bound to one resident: button and speaker, no screen) is a second
 * assembly beside this constructor that keeps the shared parts (store, model, sync, feedback, help,
 * voice, health) and leaves out the screens, the roster tiles and cadre mode.
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
    private final IdleTimer idle;
    private final SyncService sync;
    private final HelpController help;
    private final Announcer announcer;
    private final PhotoCache photos;
    private final CheckInController checkIn;
    private final CadreController cadre;
    private final BroadcastController broadcasts;
    private final Screens screens;
    private final FamilyController family;
    private final MemoUploader memoUploader;
    private final VoiceControl voice;
    private final HealthMonitor healthMonitor;
    private boolean started;
    private boolean closed;

    private Kiosk(KioskConfig config, Hardware hardware, VoiceService.EngineLoader engine, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.hardware = hardware;
        Path data = config.dataDir();

        // Shared by every profile.
        this.store = KioskStore.open(data);
        this.prompts = new Prompts(data.resolve("prompts"));
        this.feedback = new Feedback(hardware.loudspeaker(), prompts);
        String voiceStatus = VoiceService.initialStatus(hardware.microphone(), hardware.health(), engine != null,
                config.voiceModel());
        this.model = new KioskModel(KioskState.starting(voiceStatus, hardware.health()));
        this.idle = new IdleTimer(model, clock, config.idleHome());
        HubConnection hub = HubConnection.of(config.hub(), config.token(), config.tls());
        this.sync = new SyncService(store, new HubClient(hub, Duration.ofSeconds(10)), config.kioskId(), clock,
                (link, detail) -> model.execute(() -> model.update(state -> state.withLink(link, detail))),
                config.sync(), this::heartbeat);
        this.healthMonitor = new HealthMonitor(data, config.health());

        // Help: its table, the outbox, the help updates of the sync answer, DELIVERED when accepted.
        HelpStore helpStore = new HelpStore(store);
        this.help = new HelpController(model, helpStore, sync, feedback, hardware.lamps(), clock, config.help());
        sync.onAccepted(EventType.HELP_REQUESTED, help::accepted);
        sync.onAccepted(EventType.HELP_REPEATED, help::repeatAccepted);
        sync.addAnswerPart(help::take);

        // Announcements: their tables, the audio over the hub connection, the announcements of the answer.
        this.announcer = new Announcer(store, data, hub, hardware.loudspeaker(), clock, config.announce(), sync);
        sync.addAnswerPart(announcer::take);

        // 报平安: the roster's residents, their photos, check-ins.
        this.photos = new PhotoCache(hub, data.resolve("photos"), this::photoArrived);
        this.checkIn = new CheckInController(model, new CheckInStore(store), photos, sync, feedback, clock,
                config.announce().zone());
        sync.addAnswerPart(checkIn::take);

        // Cadre mode: the roster's cadres, the PIN, the menu; 立即播放 and 现场广播 on the announcer.
        this.cadre = new CadreController(model, store, new CadreStore(store), sync, feedback, prompts, clock);
        sync.addAnswerPart(cadre::take);
        this.broadcasts = new BroadcastController(model, new AnnouncerBroadcasting(announcer, hardware.microphone()),
                feedback);
        broadcasts.register(cadre.actions());
        idle.presentWhile(broadcasts::talking);

        this.screens = new Screens(model, feedback, announcer);

        // 空中陪护: the family messages of the answer, their audio, the envelopes, 听 after 报平安, replies.
        this.family = new FamilyController(model, new FamilyStore(store), hub, data, sync, hardware.loudspeaker(),
                hardware.microphone(), feedback, clock, config.sync().maxBackoff());
        sync.addAnswerPart(family::take);

        // Voice: commands, push-to-talk, memos after a help request (sent once the request is delivered).
        PhraseBook phrases = PhraseBook.load(config.phrasesFile());
        MemoQueue memos = new MemoQueue(store, data.resolve("memos"), clock, helpStore::delivered);
        this.memoUploader = new MemoUploader(memos, hub, clock, config.sync().maxBackoff());
        sync.onAccepted(EventType.HELP_REQUESTED, (connection, ids) -> memoUploader::kick);
        RecognitionLog log = new RecognitionLog(store, data.resolve("voice-log"), config.voice().logMax(), clock);
        this.voice = new VoiceControl(model, feedback, screens, idle,
                new VoiceCommands(model, new IntentMatcher(phrases), new VoiceActions(help, screens)),
                listener -> new VoiceService(hardware.microphone(), engine, voiceStatus, phrases, config.voice(), log,
                        memos, listener),
                config.voice().memoAfterHelp(), engine != null, memoUploader::kick);
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
                idle.touch();
                help.requestHelp(HelpSource.BUTTON, null);
            }

            @Override
            public void onLongPress() {
                voice.listen();
            }
        });
        model.addListener(state -> hardware.lamps().set(LampRole.LINK, switch (state.link()) {
            case ONLINE -> LampState.ON;
            case OFFLINE, REFUSED, UNTRUSTED -> LampState.BLINK;
            case CONNECTING -> LampState.OFF;
        }));
        idle.start();
        help.start();
        voice.start();
        memoUploader.start();
        family.start();
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

    // The controllers the screen, the button, the voice and the headless console call.

    /** 求助: raise, repeat, cancel, say what kind and who asked. */
    public HelpController help() {
        return help;
    }

    /** The announcements: the screen's list, and what is played when. */
    public Announcer announcements() {
        return announcer;
    }

    /** 报平安: a resident's tile, 下一位. */
    public CheckInController checkIn() {
        return checkIn;
    }

    /** Cadre mode: the PIN pad, the menu ({@link CadreController#actions()}), the visit record. */
    public CadreController cadre() {
        return cadre;
    }

    /** The cadre's 立即播放 and 现场广播. */
    public BroadcastController broadcasts() {
        return broadcasts;
    }

    /** Home and the elder's screens, playing an announcement from the screen, 再说一遍. */
    public Screens screens() {
        return screens;
    }

    /** 空中陪护: family messages, 听 / 不听, 再听一遍, 回复. */
    public FamilyController family() {
        return family;
    }

    /** Push-to-talk and what was said. */
    public VoiceControl voice() {
        return voice;
    }

    /** Every touch or press is one: the idle minute starts again. */
    public IdleTimer idle() {
        return idle;
    }

    /** A photo was downloaded (on the photo thread); the tiles show it. */
    private void photoArrived() {
        CheckInController controller = this.checkIn;
        // Null only while the constructor runs; the photo is then shown by the first refresh.
        if (controller != null) {
            controller.photoArrived();
        }
    }

    private Event heartbeat() {
        // Space used by a help request on a full SD card is held back again once there is room.
        store.keepReserve();
        Instant now = clock.instant();
        return Event.of(healthMonitor.heartbeat(Version.current(), Duration.between(startedAt, now),
                store.outboxSize(), voice.service().heartbeatLine(), hardware.health()), now, sync.clockTrusted());
    }

    /** Stops everything; the relay and the lamps end up off. Closing twice is safe. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        idle.close();
        help.close();
        voice.close();
        memoUploader.close();
        family.close();
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
}
