package org.courtyard.kiosk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
    private final VoiceCommands voice;
    private final Announcer announcer;
    private final ScheduledExecutorService timers;
    private volatile LiveBroadcast live;
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
        HubClient client = new HubClient(config.hub(), config.token(), Duration.ofSeconds(10));
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
        this.timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kiosk-timers");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Opens the hardware and the database; nothing talks to the hub until {@link #start}. */
    public static Kiosk create(KioskConfig config, Clock clock) {
        return create(config, HardwareFactory.create(config.hardware()), clock);
    }

    /**
     * Opens the database around {@code hardware} the caller opened (the kiosk then owns it and closes
     * it, also if this fails); {@code config.hardware()} is not used to open anything.
     */
    public static Kiosk create(KioskConfig config, Hardware hardware, Clock clock) {
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
            case OFFLINE, REFUSED -> LampState.BLINK;
            case CONNECTING -> LampState.OFF;
        }));
        timers.scheduleWithFixedDelay(this::checkIdle, 1, 1, TimeUnit.SECONDS);
        announcer.start();
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
                case ANNOUNCEMENTS -> announcer.current().isEmpty() ? "announcements.none" : "announcements.prompt";
                case LISTENING -> "voice.off";
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
                say("announcements.not-ready");
            }
        }, () -> say("announcements.none"));
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
        String speaker = hardware.health().stream()
                .filter(device -> device.device().toLowerCase(java.util.Locale.ROOT).contains("speaker")
                        || device.device().toLowerCase(java.util.Locale.ROOT).contains("audio"))
                .map(device -> device.ok() ? "ok" : "problem: " + device.detail())
                .findFirst().orElse("unknown");
        Instant now = clock.instant();
        return Event.of(new Heartbeat(Version.current(), Duration.between(startedAt, now).toSeconds(),
                store.outboxSize(), model.state().voiceStatus(), speaker), now, sync.clockTrust().trusted());
    }

    /** Stops everything; the relay and the lamps end up off. Closing twice is safe. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        timers.shutdownNow();
        sync.close();
        announcer.close();
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

        @Override
        public void announcementsReceived(List<Announcement> announcements) {
            announcer.received(announcements);
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
