package org.courtyard.kiosk;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.courtyard.hardware.Hardware;
import org.courtyard.hardware.LampRole;
import org.courtyard.hardware.LampState;
import org.courtyard.kiosk.announce.AnnounceSettings;
import org.courtyard.kiosk.announce.Announcer;
import org.courtyard.kiosk.core.KioskModel;
import org.courtyard.kiosk.core.KioskState;
import org.courtyard.kiosk.health.HealthMonitor;
import org.courtyard.kiosk.help.HelpController;
import org.courtyard.kiosk.help.HelpStore;
import org.courtyard.kiosk.net.HubConnection;
import org.courtyard.kiosk.speech.Feedback;
import org.courtyard.kiosk.speech.Prompts;
import org.courtyard.kiosk.store.KioskStore;
import org.courtyard.kiosk.sync.HubClient;
import org.courtyard.kiosk.sync.SyncService;
import org.courtyard.kiosk.voice.IntentMatcher;
import org.courtyard.kiosk.voice.PhraseBook;
import org.courtyard.kiosk.voice.VoiceCommands;
import org.courtyard.kiosk.voice.VoiceControl;
import org.courtyard.kiosk.voice.VoiceService;
import org.courtyard.kiosk.voice.internal.MemoQueue;
import org.courtyard.kiosk.voice.internal.MemoUploader;
import org.courtyard.kiosk.voice.internal.RecognitionLog;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.EventType;

/**
 * The parts every profile keeps, wired once: the store, the prompts and their speaker, the model,
 * sync with the hub and its heartbeats, health, help (with its lamps and its part of the answer),
 * announcements, and the voice with its memos. Each profile's assembly ({@link Kiosk},
 * {@link HomeUnit}) makes one, adds its own features and the voice's commands
 * ({@link #voice}), and starts and closes it with them.
 */
final class Shared {

    final KioskConfig config;
    final Clock clock;
    final Hardware hardware;
    final KioskStore store;
    final Prompts prompts;
    final Feedback feedback;
    final KioskModel model;
    final HubConnection hub;
    final SyncService sync;
    final HelpStore helpStore;
    final HelpController help;
    final Announcer announcer;
    private final Instant startedAt;
    private final VoiceService.EngineLoader engine;
    private final String voiceStatus;
    private final HealthMonitor healthMonitor;
    private final PhraseBook phrases;
    private final MemoQueue memos;
    private final MemoUploader memoUploader;
    private VoiceControl voice;

    Shared(KioskConfig config, Hardware hardware, VoiceService.EngineLoader engine, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.hardware = hardware;
        this.engine = engine;
        Path data = config.dataDir();

        this.store = KioskStore.open(data);
        this.prompts = new Prompts(data.resolve("prompts"));
        this.feedback = new Feedback(hardware.loudspeaker(), prompts);
        this.voiceStatus = VoiceService.initialStatus(hardware.microphone(), hardware.health(), engine != null,
                config.voiceModel());
        this.model = new KioskModel(KioskState.starting(voiceStatus, hardware.health()));
        this.hub = HubConnection.of(config.hub(), config.token(), config.tls());
        this.sync = new SyncService(store, new HubClient(hub, Duration.ofSeconds(10)), config.kioskId(), clock,
                (link, detail) -> model.execute(() -> model.update(state -> state.withLink(link, detail))),
                config.sync(), this::heartbeat);
        this.healthMonitor = new HealthMonitor(data, config.health());

        // Help: its table, the outbox, the help updates of the sync answer, DELIVERED when accepted.
        this.helpStore = new HelpStore(store);
        this.help = new HelpController(model, helpStore, sync, feedback, hardware.lamps(), clock, config.help());
        sync.onAccepted(EventType.HELP_REQUESTED, help::accepted);
        sync.onAccepted(EventType.HELP_REPEATED, help::repeatAccepted);
        sync.addAnswerPart(help::take);

        // Announcements: their tables, the audio over the hub connection, the announcements of the answer.
        this.announcer = new Announcer(store, data, hub, hardware.loudspeaker(), clock, config.announce(), sync);
        sync.addAnswerPart(announcer::take);

        // Voice memos after a help request, sent once the request is delivered.
        this.phrases = PhraseBook.load(config.phrasesFile());
        this.memos = new MemoQueue(store, data.resolve("memos"), clock, helpStore::delivered);
        this.memoUploader = new MemoUploader(memos, hub, clock, config.sync().maxBackoff());
        sync.onAccepted(EventType.HELP_REQUESTED, (connection, ids) -> memoUploader::kick);
    }

    /**
     * Makes the voice: commands acted on by {@code actions} (what a confirmed command does in this
     * profile), prompts spoken by {@code say}, {@code touched} told of every word. Once.
     */
    VoiceControl voice(VoiceCommands.Actions actions, Consumer<String> say, Runnable touched) {
        if (voice != null) {
            throw new IllegalStateException("the voice is made already");
        }
        RecognitionLog log = new RecognitionLog(store, config.dataDir().resolve("voice-log"), config.voice().logMax(),
                clock);
        voice = new VoiceControl(model, feedback, say, touched,
                new VoiceCommands(model, new IntentMatcher(phrases), actions),
                listener -> new VoiceService(hardware.microphone(), engine, voiceStatus, phrases, config.voice(), log,
                        memos, listener),
                config.voice().memoAfterHelp(), engine != null, memoUploader::kick);
        return voice;
    }

    /** Lights the link lamp as the link goes, then starts help's offline timer, the voice, memos, announcements, health and sync. */
    void start() {
        if (voice == null) {
            throw new IllegalStateException("the voice is not made yet");
        }
        model.addListener(state -> hardware.lamps().set(LampRole.LINK, switch (state.link()) {
            case ONLINE -> LampState.ON;
            case OFFLINE, REFUSED, UNTRUSTED -> LampState.BLINK;
            case CONNECTING -> LampState.OFF;
        }));
        help.start();
        voice.start();
        memoUploader.start();
        announcer.start();
        healthMonitor.start(config.sync().heartbeatInterval());
        sync.start();
    }

    /** Stops help's timer, the voice, memos, health, sync and announcements; the profile's own parts close after this. */
    void stop() {
        help.close();
        if (voice != null) {
            voice.close();
        }
        memoUploader.close();
        healthMonitor.close();
        sync.close();
        announcer.close();
    }

    /** After {@link #stop} and the profile's parts: the speaker, the model, the hardware (relay and lamps off), the store. */
    void close() {
        feedback.close();
        model.close();
        hardware.close();
        store.close();
    }

    private Event heartbeat() {
        // Space used by a help request on a full SD card is held back again once there is room.
        store.keepReserve();
        Instant now = clock.instant();
        VoiceControl current = voice;
        String voiceLine = current == null ? voiceStatus : current.service().heartbeatLine();
        return Event.of(healthMonitor.heartbeat(Version.current(), Duration.between(startedAt, now),
                store.outboxSize(), voiceLine, hardware.health(), playsNormal()), now, sync.clockTrusted());
    }

    /** Whether NORMAL announcements play here at their times: the hub's delivery board asks. */
    private boolean playsNormal() {
        return config.announce().scheduledPlays() != AnnounceSettings.ScheduledPlays.HOME_EMERGENCY;
    }
}
