package org.courtyard.kiosk.help;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.courtyard.hardware.LampRole;
import org.courtyard.hardware.LampState;
import org.courtyard.hardware.Lamps;
import org.courtyard.kiosk.core.HelpView;
import org.courtyard.kiosk.core.KioskModel;
import org.courtyard.kiosk.core.LinkState;
import org.courtyard.kiosk.core.LocalHelpStatus;
import org.courtyard.kiosk.core.Outbox;
import org.courtyard.kiosk.core.Screen;
import org.courtyard.kiosk.speech.Feedback;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.HelpCancelled;
import org.courtyard.protocol.HelpCategory;
import org.courtyard.protocol.HelpDetails;
import org.courtyard.protocol.HelpRepeated;
import org.courtyard.protocol.HelpRequested;
import org.courtyard.protocol.HelpSource;
import org.courtyard.protocol.HelpUpdate;
import org.courtyard.protocol.SyncResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The help flow at the kiosk, the same for the red screen button, the physical button and the
 * voice: one touch creates the request at once, with no menu first. It keeps no screen of its own:
 * the help screen, the band on the home screen, the lamps and a screenless unit's speaker are all
 * views of the {@link HelpView} it keeps in the model's state.
 *
 * <p>Order matters and is the point of this class: the {@code HELP_REQUESTED} event is committed
 * to the SQLite outbox (fsynced) <em>before</em> the elder is told it was sent; then the courtyard
 * alert and the spoken confirmation; then the push to the hub. Afterwards the kiosk asks what kind
 * of help and 「您是哪一位？」, and sends each answer as {@code HELP_DETAILS}. A press while the
 * request is open is a repeat, sent at once as {@code HELP_REPEATED} (the hub counts presses within
 * a few seconds once). Every later status is shown, lit and spoken.
 *
 * <p><b>Never untrue.</b> While the link is down the kiosk speaks only what it knows: the line is
 * down, the request is kept and will be sent; the screen adds the last state it heard and when. Once
 * the link has been down for {@link Settings#dutyPhoneAfter} with something unsent, it shows and
 * speaks the village's duty phone. A timer of its own re-checks that every second.
 *
 * <p>All methods hand their work to the model's ordered queue and return at once.
 */
public final class HelpController implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HelpController.class);
    /** What may be said of an open request while offline: the line is down, it is kept and will be sent. */
    private static final String OFFLINE_PROMPT = "help.offline";

    /** What the elder hears and reads when a help request could not be stored. */
    public static final String NOT_SAVED = "help.not-saved";

    /**
     * Tunables; {@link #defaults()} are the documented defaults. {@code askCategory}: whether the
     * kiosk asks what kind of help after the request went out (紧急、看病…); a home unit, without a
     * screen to answer on, does not.
     */
    public record Settings(Duration cancelWindow, boolean alertCourtyard, Duration reuseWindow,
            Duration dutyPhoneAfter, boolean askCategory) {

        public Settings {
            if (cancelWindow.isNegative() || reuseWindow.isNegative() || dutyPhoneAfter.isNegative()) {
                throw new IllegalArgumentException("help windows must not be negative");
            }
        }

        /** A courtyard kiosk's, which asks the category, with the duty phone after the default two minutes. */
        public Settings(Duration cancelWindow, boolean alertCourtyard, Duration reuseWindow) {
            this(cancelWindow, alertCourtyard, reuseWindow, Duration.ofMinutes(2), true);
        }

        /**
         * 60 s to take a request back, courtyard alarm on, a press within 2 h of an open request
         * repeats it, the duty phone after 2 minutes offline with the request unsent, the category asked.
         */
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(60), true, Duration.ofHours(2), Duration.ofMinutes(2), true);
        }
    }

    private final KioskModel model;
    private final HelpStore store;
    private final Outbox outbox;
    private final Feedback feedback;
    private final Lamps lamps;
    private final Clock clock;
    private final Settings settings;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kiosk-help");
        thread.setDaemon(true);
        return thread;
    });
    // The fields below are used on the model thread only.
    private Instant cancellableUntil;
    private Instant offlineSince;
    private LinkState link;
    private String dutyPhoneShown;
    private volatile Supplier<String> speaksFor = () -> null;

    public HelpController(KioskModel model, HelpStore store, Outbox outbox, Feedback feedback, Lamps lamps,
            Clock clock, Settings settings) {
        this.model = model;
        this.store = store;
        this.outbox = outbox;
        this.feedback = feedback;
        this.lamps = lamps;
        this.clock = clock;
        this.settings = settings;
        model.execute(this::restore);
        // The link's changes, seen on the model thread; the view is recomputed as queued work, never
        // inside a listener (which would hand the other listeners an older state after a newer one).
        model.addListener(state -> {
            if (state.link() != link) {
                linkChanged(link, state.link());
            }
        });
    }

    /**
     * A home unit's: every request is its resident's, so it names them in {@code HELP_REQUESTED}
     * from the start (the protocol's {@code residentId}, "who asked, when the kiosk knows") and
     * nobody is asked 「您是哪一位？」. {@code residentId} gives the id when a request is raised, or
     * null while the hub has not said whom the unit belongs to (the hub then names them itself).
     */
    public void speakFor(Supplier<String> residentId) {
        this.speaksFor = residentId;
    }

    /** Starts the once-a-second check of what the offline kiosk must show (the duty phone). */
    public void start() {
        timer.scheduleWithFixedDelay(() -> model.execute(() -> {
            HelpView help = model.state().help();
            if (help != null && help.status().isOpen() && !online()) {
                show();
            }
        }), 1, 1, TimeUnit.SECONDS);
    }

    /** Shows the latest request after a restart (it may still be waiting in the outbox). */
    private void restore() {
        store.latest().ifPresent(request -> {
            show(request);
            showLamps(request.status());
        });
    }

    /** Raises a help request, or repeats the open one if the elder presses again. */
    public void requestHelp(HelpSource source, HelpCategory category) {
        requestHelp(source, category, null);
    }

    /**
     * As {@link #requestHelp(HelpSource, HelpCategory)}; {@code transcript} is what the recogniser
     * heard when the elder asked by voice (null otherwise), sent to the hub with the request.
     */
    public void requestHelp(HelpSource source, HelpCategory category, String transcript) {
        model.execute(() -> {
            Instant now = clock.instant();
            Optional<LocalHelpRequest> open = store.latest()
                    .filter(request -> request.status().isOpen())
                    .filter(request -> request.occurredAt().isAfter(now.minus(settings.reuseWindow())));
            if (open.isPresent()) {
                repeat(open.get(), now);
                return;
            }
            Event event = Event.of(new HelpRequested(source, category, speaksFor.get(), transcript), now,
                    outbox.clockTrusted());
            try {
                store.saveRequest(event);
            } catch (RuntimeException e) {
                notSaved(event, e);
                return;
            }
            // Durable now: only from here on may the elder hear that it was sent.
            cancellableUntil = now.plus(settings.cancelWindow());
            LocalHelpRequest saved = store.request(event.id()).orElseThrow();
            model.update(state -> state.withScreen(Screen.HELP));
            show(saved);
            showLamps(LocalHelpStatus.SAVED);
            if (settings.alertCourtyard()) {
                feedback.alertCourtyard();
            }
            String prompt = online() ? "help.saved" : "help.saved.offline";
            speak(prompt, question(saved));
            outbox.pushNow();
            LOG.info("Help request {} from {} saved", event.id(), source);
        });
    }

    /** A press while {@code open} is open: {@code HELP_REPEATED} into the outbox and out at once. */
    private void repeat(LocalHelpRequest open, Instant now) {
        LOG.info("Help pressed again while request {} is {}; sending HELP_REPEATED", open.id(), open.status());
        store.saveRepeat(Event.of(new HelpRepeated(open.id()), now, outbox.clockTrusted()));
        model.update(state -> state.withScreen(Screen.HELP));
        show(open);
        outbox.pushNow();
        if (online()) {
            speak("help.repeated", promptFor(open.status()));
        } else {
            speak("help.repeated.offline");
        }
    }

    /**
     * The request could not be stored (the SD card is full even after its reserve was used, or the
     * card failed): the elder must not hear "sent". The courtyard alarm still calls whoever is near,
     * and the screen and the voice say what is true: it was not saved, call out for help.
     */
    private void notSaved(Event event, RuntimeException cause) {
        LOG.error("Help request {} could NOT be saved; telling the elder to call out instead", event.id(), cause);
        model.update(state -> state.withScreen(Screen.HELP).withHelp(null));
        lamps.set(LampRole.SENDING, LampState.OFF);
        lamps.set(LampRole.ACKNOWLEDGED, LampState.OFF);
        if (settings.alertCourtyard()) {
            feedback.alertCourtyard();
        }
        speak(NOT_SAVED);
    }

    /**
     * 按错了: asks 「确定取消求助吗？」 if the latest request can still be taken back; the answer is
     * {@link #confirmCancel()} or {@link #keepRequest()}.
     */
    public void cancel() {
        model.execute(() -> {
            HelpView help = model.state().help();
            if (help == null || !help.cancellable(clock.instant())) {
                speak(help != null && help.status().isOpen() ? "help.cancel.too-late" : "home.prompt");
                return;
            }
            model.update(state -> state.withHelp(help.withConfirmingCancel(true)));
            speak("help.cancel.confirm");
        });
    }

    /** 「确定取消求助吗？」 answered yes (or 取消求助 confirmed by voice): takes the request back, if still in time. */
    public void confirmCancel() {
        model.execute(() -> {
            HelpView help = model.state().help();
            Instant now = clock.instant();
            if (help == null || !help.cancellable(now)) {
                speak(help != null && help.status().isOpen() ? "help.cancel.too-late" : "home.prompt");
                return;
            }
            store.saveCancel(Event.of(new HelpCancelled(help.id()), now, outbox.clockTrusted()));
            refresh(help.id());
            outbox.pushNow();
        });
    }

    /** 「确定取消求助吗？」 answered no: the request stays as it was. */
    public void keepRequest() {
        model.execute(() -> {
            HelpView help = model.state().help();
            if (help != null && help.confirmingCancel()) {
                model.update(state -> state.withHelp(help.withConfirmingCancel(false)));
                speak("help.cancel.kept");
            }
        });
    }

    /**
     * What kind of help (紧急/看病/生活/其他), asked after the request went out. Sent as a
     * HELP_DETAILS event; the latest answer wins. Ignored when there is no open request.
     */
    public void chooseCategory(HelpCategory category) {
        if (category == null) {
            throw new IllegalArgumentException("category must not be null");
        }
        details(category, null, "help.category.thanks");
    }

    /**
     * 「您是哪一位？」 answered with a resident's tile (or {@code who} on the console): who asked,
     * sent as a HELP_DETAILS event; the latest answer wins. Ignored when there is no open request.
     */
    public void chooseResident(String residentId) {
        if (residentId == null || residentId.isBlank()) {
            throw new IllegalArgumentException("residentId must not be blank");
        }
        details(null, residentId, "help.who.thanks");
    }

    /** One answer about the request open when the work runs; the other stays as it was. */
    private void details(HelpCategory category, String residentId, String thanks) {
        model.execute(() -> {
            HelpView help = model.state().help();
            if (help == null || !help.status().isOpen()) {
                return;
            }
            HelpDetails details = new HelpDetails(help.id(), category, residentId);
            store.saveDetails(Event.of(details, clock.instant(), outbox.clockTrusted()));
            LocalHelpRequest updated = store.request(help.id()).orElseThrow();
            show(updated);
            String next = question(updated);
            if (next == null) {
                speak(thanks);
            } else {
                speak(thanks, next);
            }
            outbox.pushNow();
        });
    }

    /**
     * Sync's {@link org.courtyard.kiosk.sync.AcceptedEvents} for {@code HELP_REQUESTED}: in the
     * outbox's transaction the requests become DELIVERED; afterwards the screen shows and says so.
     */
    public Runnable accepted(Connection connection, List<UUID> ids) throws SQLException {
        List<UUID> delivered = HelpStore.delivered(connection, ids, clock.instant());
        return delivered.isEmpty() ? null : () -> model.execute(() -> delivered.forEach(this::refresh));
    }

    /** Sync's {@link org.courtyard.kiosk.sync.AcceptedEvents} for {@code HELP_REPEATED}: nothing waits any more. */
    public Runnable repeatAccepted(Connection connection, List<UUID> ids) {
        return () -> model.execute(this::show);
    }

    /**
     * Sync's {@link org.courtyard.kiosk.sync.AnswerPart} for {@code helpUpdates} and the village's
     * duty phone: stores each status the hub reports (statuses only move forward, so one that arrives
     * twice changes nothing) and the phone, then shows, lights and speaks the changes.
     */
    public Runnable take(SyncResponse answer) {
        if (answer.village() != null) {
            store.saveDutyPhone(answer.village().dutyPhone());
        }
        List<UUID> changed = new ArrayList<>();
        for (HelpUpdate update : answer.helpUpdates()) {
            if (store.applyStatus(update.requestId(), LocalHelpStatus.of(update.status()), update.by(),
                    update.assignee(), update.note(), update.at())) {
                changed.add(update.requestId());
            }
        }
        return changed.isEmpty() ? null : () -> model.execute(() -> changed.forEach(this::refresh));
    }

    private void refresh(UUID id) {
        HelpView current = model.state().help();
        store.request(id).ifPresent(request -> {
            if (current != null && !current.id().equals(id) && current.occurredAt().isAfter(request.occurredAt())) {
                return; // an older request changed; the screen shows the newest one
            }
            boolean changed = current == null || current.status() != request.status();
            if (current == null || !current.id().equals(id)) {
                cancellableUntil = null;
            }
            show(request);
            if (changed) {
                showLamps(request.status());
                String question = request.status() == LocalHelpStatus.DELIVERED ? question(request) : null;
                if (question != null) {
                    speak("help.delivered", question);
                } else {
                    speak(promptFor(request.status()));
                }
            }
        });
    }

    /** The link went up or down (on the model thread). */
    private void linkChanged(LinkState before, LinkState now) {
        link = now;
        if (now == LinkState.ONLINE) {
            offlineSince = null;
        } else if (before == null || before == LinkState.ONLINE) {
            offlineSince = clock.instant();
        }
        model.execute(this::show);
        HelpView help = model.state().help();
        if (before == LinkState.ONLINE && now != LinkState.ONLINE && help != null && help.status().isOpen()) {
            // 再听一遍 must not repeat 「正在赶来」 once the kiosk cannot know it any more.
            model.execute(() -> model.update(state -> state.withLastPrompt(OFFLINE_PROMPT)));
        }
    }

    /** Shows the latest request again: what waits, and whether the duty phone is due. */
    private void show() {
        HelpView current = model.state().help();
        if (current != null) {
            store.request(current.id()).ifPresent(this::show);
        }
    }

    /** Puts {@code request} in the state, with what waits, the cancel question kept, and the duty phone. */
    private void show(LocalHelpRequest request) {
        Optional<Instant> unsentSince = store.unsentSince();
        HelpView current = model.state().help();
        boolean confirming = current != null && current.id().equals(request.id()) && current.confirmingCancel()
                && request.status().isOpen();
        String phone = dutyPhoneDue(request, unsentSince) ? store.dutyPhone().orElse(null) : null;
        HelpView view = request.view(cancellableUntil, unsentSince.isPresent()).withConfirmingCancel(confirming)
                .withDutyPhone(phone);
        model.update(state -> state.withHelp(view));
        if (phone != null && !phone.equals(dutyPhoneShown)) {
            speakDutyPhone(phone);
        }
        dutyPhoneShown = phone;
    }

    /** Offline for {@link Settings#dutyPhoneAfter} with something of the open request unsent as long. */
    private boolean dutyPhoneDue(LocalHelpRequest request, Optional<Instant> unsentSince) {
        if (online() || offlineSince == null || unsentSince.isEmpty() || !request.status().isOpen()) {
            return false;
        }
        Instant since = offlineSince.isAfter(unsentSince.get()) ? offlineSince : unsentSince.get();
        return !clock.instant().isBefore(since.plus(settings.dutyPhoneAfter()));
    }

    /** 「网络一直不通，可以打村值班电话」 and the number, digit by digit. */
    private void speakDutyPhone(String phone) {
        List<String> keys = new ArrayList<>();
        keys.add("help.duty-phone");
        for (char c : phone.toCharArray()) {
            if (Character.isDigit(c)) {
                keys.add("digit." + c);
            }
        }
        LOG.info("The link has been down for {} with a help request unsent; showing the duty phone",
                settings.dutyPhoneAfter());
        speak(keys.toArray(String[]::new));
    }

    /** The next question for the person after sending: who they are, then what kind of help; null when answered. */
    private String question(LocalHelpRequest request) {
        if (request.residentId() == null && !model.state().checkIn().residents().isEmpty()) {
            return "help.who.question";
        }
        return request.category() == null && settings.askCategory() ? "help.category.question" : null;
    }

    private boolean online() {
        return model.state().link() == LinkState.ONLINE;
    }

    private static String promptFor(LocalHelpStatus status) {
        return switch (status) {
            case SAVED -> "help.saved";
            case DELIVERED -> "help.delivered";
            case ACKNOWLEDGED -> "help.acknowledged";
            case ASSIGNED -> "help.assigned";
            case RESOLVED -> "help.resolved";
            case CANCELLED -> "help.cancelled";
        };
    }

    /** Speaks {@code keys} one after the other (nulls skipped); 再说一遍 repeats the first. */
    private void speak(String... keys) {
        String[] spoken = java.util.Arrays.stream(keys).filter(key -> key != null).toArray(String[]::new);
        model.update(state -> state.withLastPrompt(spoken[0]));
        feedback.say(spoken);
    }

    private void showLamps(LocalHelpStatus status) {
        lamps.set(LampRole.SENDING, status == LocalHelpStatus.SAVED ? LampState.BLINK : LampState.OFF);
        lamps.set(LampRole.ACKNOWLEDGED,
                status == LocalHelpStatus.ACKNOWLEDGED || status == LocalHelpStatus.ASSIGNED
                        ? LampState.ON : LampState.OFF);
    }

    /** Stops the timer; closing twice is safe. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
