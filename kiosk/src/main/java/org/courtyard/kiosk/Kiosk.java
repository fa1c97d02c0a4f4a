package org.courtyard.kiosk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.courtyard.hardware.DeviceHealth;
import org.courtyard.hardware.Hardware;
import org.courtyard.hardware.HardwareFactory;
import org.courtyard.hardware.HelpButton;
import org.courtyard.hardware.LampRole;
import org.courtyard.hardware.LampState;
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
import org.courtyard.kiosk.voice.VoiceCommands;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.HelpCategory;
import org.courtyard.protocol.HelpSource;
import org.courtyard.protocol.HelpUpdate;
import org.courtyard.protocol.Heartbeat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running kiosk: hardware, local store, sync, and the controllers that the touch screen, the
 * physical button and the voice all call. Built by {@link #create}, started by {@link #start};
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
    private final VoiceCommands voice;
    private final ScheduledExecutorService timers;
    private final HealthMonitor healthMonitor;
    private volatile Instant lastTouch;
    private boolean started;
    private boolean closed;

    private Kiosk(KioskConfig config, Hardware hardware, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.lastTouch = startedAt;
        this.hardware = hardware;
        this.store = KioskStore.open(config.dataDir());
        this.prompts = new Prompts(config.dataDir().resolve("prompts"));
        this.feedback = new Feedback(hardware.loudspeaker(), prompts);
        String voiceStatus = config.voiceModel() == null
                ? "off: no voice model given (--voice-model)"
                : "off: voice recognition is not installed in this build";
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
        this.voice = new VoiceCommands(model, new IntentMatcher(PhraseBook.load(config.phrasesFile())),
                new VoiceActions());
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
        Hardware hardware = HardwareFactory.create(config.hardware());
        try {
            return new Kiosk(config, hardware, clock);
        } catch (RuntimeException e) {
            hardware.close();
            throw e;
        }
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
        timers.scheduleWithFixedDelay(this::checkIdle, 1, 1, TimeUnit.SECONDS);
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

    /** Push-to-talk: the microphone button or a long press of the physical button. */
    public void listen() {
        touch();
        model.execute(() -> {
            model.update(state -> state.withScreen(Screen.LISTENING));
            say("voice.off");
        });
    }

    public void open(Screen screen) {
        touch();
        model.execute(() -> {
            model.update(state -> state.withScreen(screen));
            say(switch (screen) {
                case HOME -> "home.prompt";
                case HELP -> "help.prompt";
                case CHECK_IN -> "checkin.prompt";
                case ANNOUNCEMENTS -> "announcements.prompt";
                case LISTENING -> "voice.off";
            });
        });
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

    private void say(String key) {
        model.update(state -> state.withLastPrompt(key));
        feedback.say(key);
    }

    private void checkIdle() {
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
        Instant now = clock.instant();
        Heartbeat heartbeat = healthMonitor.heartbeat(Version.current(), Duration.between(startedAt, now),
                store.outboxSize(), model.state().voiceStatus(), hardware.health());
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
        healthMonitor.close();
        sync.close();
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
        }

        @Override
        public void helpUpdated(HelpUpdate update) {
            help.updated(update);
        }
    }

    private final class VoiceActions implements VoiceCommands.Actions {
        @Override
        public void help(boolean medical) {
            help.requestHelp(HelpSource.VOICE, medical ? HelpCategory.MEDICAL : null);
        }

        @Override
        public void checkIn() {
            model.update(state -> state.withScreen(Screen.CHECK_IN));
            say("checkin.prompt");
        }

        @Override
        public void playAnnouncements() {
            model.update(state -> state.withScreen(Screen.ANNOUNCEMENTS));
            say("announcements.prompt");
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
