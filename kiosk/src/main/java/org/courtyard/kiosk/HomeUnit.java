package org.courtyard.kiosk;

import java.nio.file.Path;
import java.time.Clock;
import org.courtyard.hardware.Hardware;
import org.courtyard.hardware.HardwareFactory;
import org.courtyard.hardware.HelpButton;
import org.courtyard.kiosk.core.KioskModel;
import org.courtyard.kiosk.family.FamilyController;
import org.courtyard.kiosk.family.FamilyStore;
import org.courtyard.kiosk.help.HelpController;
import org.courtyard.kiosk.home.HomeCheckIn;
import org.courtyard.kiosk.home.HomeStore;
import org.courtyard.kiosk.home.SpokenName;
import org.courtyard.kiosk.screens.Screens;
import org.courtyard.kiosk.voice.VoiceActions;
import org.courtyard.kiosk.voice.VoiceControl;
import org.courtyard.kiosk.voice.VoiceService;
import org.courtyard.kiosk.voice.internal.VoskEngine;
import org.courtyard.protocol.HelpSource;
import org.courtyard.protocol.ResidentCard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A home unit ({@code --profile home}), wired: the kiosk's shared parts ({@link Shared}: store,
 * model, sync, help, announcements, voice, health) and the home unit's own check-in
 * ({@link HomeCheckIn}), on two buttons, four lamps and a speaker, without a screen, a roster or
 * cadre mode.
 *
 * <ul>
 *   <li>The red button, short or held, is a help request for the unit's resident, with the same
 *       durability, spoken progress, lamps and repeats as the courtyard's; a long press of the
 *       green button is one too, for a hand that cannot find the red.</li>
 *   <li>The green button is the resident's 报平安; its lamp glows until it is done each day.</li>
 *   <li>空中陪护: the resident's family messages (the hub sends only theirs) are stored and their
 *       audio fetched as at the courtyard ({@link FamilyController}); once 报平安 is done the green
 *       lamp blinks while one is unheard, and a green press plays the oldest on the speaker.</li>
 *   <li>Voice, when there is a microphone and a model, listens all the time for 救命 and 帮帮我
 *       only ({@code voice.always-on}); after a help request it offers a voice memo.</li>
 *   <li>EMERGENCY announcements play on the speaker, NORMAL ones only if configured.</li>
 * </ul>
 *
 * Built by {@link #create}, started by {@link #start}; closing stops everything and leaves the
 * lamps off; closing twice is safe. The headless console is its view.
 */
public final class HomeUnit implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HomeUnit.class);

    private final Shared shared;
    private final HomeCheckIn checkIn;
    private final FamilyController family;
    private final VoiceControl voice;
    private boolean started;
    private boolean closed;

    private HomeUnit(KioskConfig config, Hardware hardware, VoiceService.EngineLoader engine, Clock clock) {
        if (config.profile() != Profile.HOME) {
            throw new IllegalArgumentException("a home unit needs --profile home, was " + config.profile());
        }
        this.shared = new Shared(config, hardware, engine, clock);
        Path data = config.dataDir();

        // 报平安 at home: the hub's word on the resident, the green button, its lamp, the reminders.
        HomeStore home = new HomeStore(shared.store);
        this.checkIn = new HomeCheckIn(shared.model, home, shared.sync, shared.feedback,
                hardware.lamps(), new SpokenName(data, config.home().nameVoice()), clock,
                config.announce().zone(), config.home());
        shared.sync.addAnswerPart(checkIn::take);
        // 空中陪护: the resident's messages and their audio; a green press after 报平安 plays one.
        this.family = new FamilyController(shared.model, new FamilyStore(shared.store), shared.hub, data, shared.sync,
                hardware.loudspeaker(), hardware.microphone(), shared.feedback, clock, config.sync().maxBackoff());
        shared.sync.addAnswerPart(family::take);
        checkIn.onceDone(resident -> family.playNext(resident.id()));
        // Help: every request is the resident's, named in it from the start.
        shared.help.speakFor(() -> home.resident().map(ResidentCard::id).orElse(null));

        // Voice: always-on for the distress phrases, memos after a help request; no push-to-talk.
        Screens speech = new Screens(shared.model, shared.feedback, shared.announcer);
        this.voice = shared.voice(new VoiceActions(shared.help, speech, checkIn::checkIn), speech::say, () -> { });
    }

    /**
     * Opens the hardware and the database; nothing talks to the hub until {@link #start}.
     *
     * @throws IllegalStateException if {@code config} is not enrolled (no id and token yet)
     */
    public static HomeUnit create(KioskConfig config, Clock clock) {
        if (!config.enrolled()) {
            throw new IllegalStateException("the home unit is not enrolled: it has no id and token yet");
        }
        return create(config, HardwareFactory.create(config.hardware()), clock);
    }

    /**
     * As {@link #create(KioskConfig, Clock)} with hardware opened by the caller; the unit owns it
     * from here on and closes it, also when this fails.
     */
    public static HomeUnit create(KioskConfig config, Hardware hardware, Clock clock) {
        return create(config, hardware, config.voiceModel() == null ? null
                : () -> VoskEngine.load(config.voiceModel()), clock);
    }

    /** As {@link #create(KioskConfig, Hardware, Clock)} with the speech engine loaded by {@code engine} (null: none). */
    public static HomeUnit create(KioskConfig config, Hardware hardware, VoiceService.EngineLoader engine,
            Clock clock) {
        try {
            return new HomeUnit(config, hardware, engine, clock);
        } catch (RuntimeException e) {
            hardware.close();
            throw e;
        }
    }

    /** Starts syncing, listens to both buttons and the microphone, and lights the lamps. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("the home unit has been closed");
        }
        if (started) {
            return;
        }
        started = true;
        HelpController help = shared.help;
        Runnable askForHelp = () -> help.requestHelp(HelpSource.BUTTON, null);
        shared.hardware.helpButton().addListener(new HelpButton.Listener() {
            @Override
            public void onPress() {
                askForHelp.run();
            }

            @Override
            public void onLongPress() {
                askForHelp.run();
            }
        });
        shared.hardware.checkInButton().addListener(new HelpButton.Listener() {
            @Override
            public void onPress() {
                checkIn.checkIn();
            }

            @Override
            public void onLongPress() {
                askForHelp.run();
            }
        });
        checkIn.start();
        family.start();
        shared.start();
        LOG.info("Home unit {} started; hub {}", shared.config.kioskId(), shared.config.hub());
    }

    public KioskModel model() {
        return shared.model;
    }

    public Hardware hardware() {
        return shared.hardware;
    }

    public KioskConfig config() {
        return shared.config;
    }

    /** 求助, as the red button raises it. */
    public HelpController help() {
        return shared.help;
    }

    /** 报平安: the green button, its lamp and reminders, and the resident the unit belongs to. */
    public HomeCheckIn checkIn() {
        return checkIn;
    }

    /** 空中陪护: the resident's family messages. */
    public FamilyController family() {
        return family;
    }

    /** What was said (always-on listening) or typed with the headless {@code say}. */
    public VoiceControl voice() {
        return voice;
    }

    /** Stops everything; the relay and the lamps end up off. Closing twice is safe. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        family.close();
        shared.stop();
        checkIn.close();
        shared.close();
        LOG.info("Home unit {} stopped", shared.config.kioskId());
    }
}
