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
import org.courtyard.hardware.LampRole;
import org.courtyard.hardware.LampState;
import org.courtyard.hardware.Lamps;
import org.courtyard.kiosk.core.HelpView;
import org.courtyard.kiosk.core.KioskModel;
import org.courtyard.kiosk.core.LinkState;
import org.courtyard.kiosk.core.LocalHelpStatus;
import org.courtyard.kiosk.core.Outbox;
import org.courtyard.kiosk.core.Screen;
import org.courtyard.kiosk.help.LocalHelpRequest;
import org.courtyard.kiosk.speech.Feedback;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.HelpCancelled;
import org.courtyard.protocol.HelpCategory;
import org.courtyard.protocol.HelpDetails;
import org.courtyard.protocol.HelpRequested;
import org.courtyard.protocol.HelpSource;
import org.courtyard.protocol.HelpUpdate;
import org.courtyard.protocol.SyncResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The help flow at the kiosk, the same for the red screen button, the physical button and the
 * voice: one touch creates the request at once, with no menu first.
 *
 * <p>Order matters and is the point of this class: the {@code HELP_REQUESTED} event is committed
 * to the SQLite outbox (fsynced) <em>before</em> the elder is told it was sent; then the courtyard
 * alert and the spoken confirmation; then the push to the hub. Every later status is shown, lit
 * and spoken. All methods hand their work to the model's ordered queue and return at once.
 */
public final class HelpController {

    private static final Logger LOG = LoggerFactory.getLogger(HelpController.class);

    /** What the elder hears and reads when a help request could not be stored. */
    public static final String NOT_SAVED = "help.not-saved";

    /**
     * Tunables; {@link #defaults()} are the documented defaults. {@code askCategory}: whether the
     * kiosk asks what kind of help after the request went out (紧急、看病…); a home unit, without a
     * screen to answer on, does not.
     */
    public record Settings(Duration cancelWindow, boolean alertCourtyard, Duration reuseWindow, boolean askCategory) {

        public Settings {
            if (cancelWindow.isNegative() || reuseWindow.isNegative()) {
                throw new IllegalArgumentException("help windows must not be negative");
            }
        }

        /** A courtyard kiosk's, which asks the category. */
        public Settings(Duration cancelWindow, boolean alertCourtyard, Duration reuseWindow) {
            this(cancelWindow, alertCourtyard, reuseWindow, true);
        }

        /** 60 s to take a request back, courtyard alarm on, a press within 2 h of an open request repeats it. */
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(60), true, Duration.ofHours(2), true);
        }
    }

    private final KioskModel model;
    private final HelpStore store;
    private final Outbox outbox;
    private final Feedback feedback;
    private final Lamps lamps;
    private final Clock clock;
    private final Settings settings;
    private Instant cancellableUntil;

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
    }

    /** Shows the latest request after a restart (it may still be waiting in the outbox). */
    private void restore() {
        store.latest().ifPresent(request -> {
            model.update(state -> state.withHelp(request.view(null)));
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
                LOG.info("Help pressed again while request {} is {}; repeating it", open.get().id(),
                        open.get().status());
                model.update(state -> state.withScreen(Screen.HELP));
                speak(promptFor(open.get().status()));
                outbox.pushNow();
                return;
            }
            Event event = Event.of(new HelpRequested(source, category, null, transcript), now,
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
            model.update(state -> state.withScreen(Screen.HELP).withHelp(saved.view(cancellableUntil)));
            showLamps(LocalHelpStatus.SAVED);
            if (settings.alertCourtyard()) {
                feedback.alertCourtyard();
            }
            String prompt = model.state().link() == LinkState.ONLINE ? "help.saved" : "help.saved.offline";
            if (category == null && settings.askCategory()) {
                speak(prompt, "help.category.question");
            } else {
                speak(prompt);
            }
            outbox.pushNow();
            LOG.info("Help request {} from {} saved", event.id(), source);
        });
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

    /** 按错了: takes the latest request back, if it is still within the cancel window. */
    public void cancel() {
        model.execute(() -> {
            HelpView help = model.state().help();
            Instant now = clock.instant();
            if (help == null || !help.cancellable(now)) {
                speak(help != null && help.status().isOpen() ? "help.cancel.too-late" : "home.prompt");
                return;
            }
            Event event = Event.of(new HelpCancelled(help.id()), now, outbox.clockTrusted());
            store.saveCancel(event);
            refresh(help.id());
            outbox.pushNow();
        });
    }

    /**
     * What kind of help (紧急/看病/生活/其他), asked after the request went out. Sent as a
     * HELP_DETAILS event; the latest answer wins. Ignored when there is no open request.
     */
    public void chooseCategory(HelpCategory category) {
        model.execute(() -> {
            HelpView help = model.state().help();
            if (help == null || !help.status().isOpen()) {
                return;
            }
            Event event = Event.of(new HelpDetails(help.id(), category), clock.instant(), outbox.clockTrusted());
            store.saveDetails(event);
            LocalHelpRequest updated = store.request(help.id()).orElseThrow();
            model.update(state -> state.withHelp(updated.view(help.cancellableUntil())));
            speak("help.category.thanks");
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

    /**
     * Sync's {@link org.courtyard.kiosk.sync.AnswerPart} for {@code helpUpdates}: stores each status
     * the hub reports (statuses only move forward, so one that arrives twice changes nothing), then
     * shows, lights and speaks the changes.
     */
    public Runnable take(SyncResponse answer) {
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
            Instant until = current != null && current.id().equals(id) ? current.cancellableUntil() : null;
            model.update(state -> state.withHelp(request.view(until)));
            if (changed) {
                showLamps(request.status());
                if (request.status() == LocalHelpStatus.DELIVERED && request.category() == null
                        && settings.askCategory()) {
                    speak("help.delivered", "help.category.question");
                } else {
                    speak(promptFor(request.status()));
                }
            }
        });
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

    /** Speaks {@code keys} one after the other; 再说一遍 repeats the first. */
    private void speak(String... keys) {
        model.update(state -> state.withLastPrompt(keys[0]));
        feedback.say(keys);
    }

    private void showLamps(LocalHelpStatus status) {
        lamps.set(LampRole.SENDING, status == LocalHelpStatus.SAVED ? LampState.BLINK : LampState.OFF);
        lamps.set(LampRole.ACKNOWLEDGED,
                status == LocalHelpStatus.ACKNOWLEDGED || status == LocalHelpStatus.ASSIGNED
                        ? LampState.ON : LampState.OFF);
    }
}
