package org.courtyard.kiosk;

import java.nio.file.Path;
import java.time.Clock;
import org.courtyard.hardware.Hardware;
import org.courtyard.hardware.HardwareFactory;
import org.courtyard.hardware.HelpButton;
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
import org.courtyard.kiosk.family.FamilyController;
import org.courtyard.kiosk.family.FamilyStore;
import org.courtyard.kiosk.help.HelpController;
import org.courtyard.kiosk.screens.Screens;
import org.courtyard.kiosk.speech.Prompts;
import org.courtyard.kiosk.sync.SyncService;
import org.courtyard.kiosk.voice.VoiceActions;
import org.courtyard.kiosk.voice.VoiceControl;
import org.courtyard.kiosk.voice.VoiceService;
import org.courtyard.kiosk.voice.internal.VoskEngine;
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
 * <p><b>Profiles.</b> This is the courtyard kiosk ({@code --profile courtyard}): a screen, the
 * village's roster, cadre mode. The parts every profile keeps (store, model, sync, feedback, help,
 * announcements, voice, health) are {@link Shared}'s; {@link HomeUnit} is the home unit's assembly
 * beside this one, without the screens, the roster tiles and cadre mode.
 */
public final class Kiosk implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Kiosk.class);

    private final Shared shared;
    private final KioskConfig config;
    private final Hardware hardware;
    private final KioskModel model;
    private final IdleTimer idle;
    private final HelpController help;
    private final Announcer announcer;
    private final PhotoCache photos;
    private final CheckInController checkIn;
    private final CadreController cadre;
    private final BroadcastController broadcasts;
    private final Screens screens;
    private final FamilyController family;
    private final VoiceControl voice;
    private boolean started;
    private boolean closed;

    private Kiosk(KioskConfig config, Hardware hardware, VoiceService.EngineLoader engine, Clock clock) {
        // Shared by every profile: store, model, sync, health, help, announcements, voice memos.
        this.shared = new Shared(config, hardware, engine, clock);
        this.config = config;
        this.hardware = hardware;
        this.model = shared.model;
        this.help = shared.help;
        this.announcer = shared.announcer;
        Path data = config.dataDir();
        SyncService sync = shared.sync;
        this.idle = new IdleTimer(model, clock, config.idleHome());

        // 报平安: the roster's residents, their photos, check-ins.
        this.photos = new PhotoCache(shared.hub, data.resolve("photos"), this::photoArrived);
        this.checkIn = new CheckInController(model, new CheckInStore(shared.store), photos, sync, shared.feedback,
                clock, config.announce().zone());
        sync.addAnswerPart(checkIn::take);

        // Cadre mode: the roster's cadres, the PIN, the menu; 立即播放 and 现场广播 on the announcer.
        this.cadre = new CadreController(model, shared.store, new CadreStore(shared.store), sync, shared.feedback,
                shared.prompts, clock);
        sync.addAnswerPart(cadre::take);
        this.broadcasts = new BroadcastController(model, new AnnouncerBroadcasting(announcer, hardware.microphone()),
                shared.feedback);
        broadcasts.register(cadre.actions());
        idle.presentWhile(broadcasts::talking);

        this.screens = new Screens(model, shared.feedback, announcer);

        // 空中陪护: the family messages of the answer, their audio, the envelopes, 听 after 报平安, replies.
        this.family = new FamilyController(model, new FamilyStore(shared.store), shared.hub, data, sync,
                hardware.loudspeaker(), hardware.microphone(), shared.feedback, clock, config.sync().maxBackoff());
        sync.addAnswerPart(family::take);

        // Voice: commands on the screens and help, push-to-talk, memos after a help request.
        this.voice = shared.voice(new VoiceActions(help, screens), screens::say, idle::touch);
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
        idle.start();
        family.start();
        shared.start();
        LOG.info("Kiosk {} started; hub {}", config.kioskId(), config.hub());
    }

    public KioskModel model() {
        return model;
    }

    public Hardware hardware() {
        return hardware;
    }

    public Prompts prompts() {
        return shared.prompts;
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

    /** Stops everything; the relay and the lamps end up off. Closing twice is safe. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        idle.close();
        family.close();
        shared.stop();
        photos.close();
        cadre.close();
        shared.close();
        LOG.info("Kiosk {} stopped", config.kioskId());
    }
}
