package org.courtyard.kiosk.cadre;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.courtyard.kiosk.core.CadreView.PinAnswer;
import org.courtyard.kiosk.core.CadreView.VisitStep;
import org.courtyard.kiosk.core.CadreView;
import org.courtyard.kiosk.core.KioskModel;
import org.courtyard.kiosk.core.Outbox;
import org.courtyard.kiosk.core.ResidentTile;
import org.courtyard.kiosk.core.Screen;
import org.courtyard.kiosk.speech.Feedback;
import org.courtyard.kiosk.speech.Prompts;
import org.courtyard.kiosk.store.KioskStore;
import org.courtyard.protocol.CadreCard;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.SyncResponse;
import org.courtyard.protocol.VisitCheckedIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cadre mode: the PIN pad behind the discreet 村干部 button, the menu of {@link CadreActions}, and
 * the built-in visit record (pick the resident, pick a note, {@code VISIT_CHECKED_IN} with the
 * cadre's name into the outbox).
 *
 * <p>The PIN is checked offline against the PIN hashes of the village's cadres from the roster,
 * on a thread of its own: PBKDF2 takes a noticeable moment on a Pi, and the model's queue must stay
 * free for the help button. After {@value #MAX_WRONG} wrong PINs in a row the pad is locked for
 * five minutes; the count and the lock are kept in the kiosk's database, so pulling the plug does
 * not reset them, and a lock that reaches further than five minutes ahead (the clock was set back)
 * is cut to five minutes. The typed digits live only in this object, never in the state snapshots.
 * Leaving the cadre screens (返回, 退出, the idle minute, a help press) ends the session.
 */
public final class CadreController implements AutoCloseable {

    /** Wrong PINs in a row that lock the pad. */
    public static final int MAX_WRONG = 5;
    /** How long the pad stays locked. */
    public static final Duration LOCKOUT = Duration.ofMinutes(5);
    /** Shortest and longest PIN. */
    public static final int MIN_DIGITS = 4;
    public static final int MAX_DIGITS = 8;
    /** The built-in action: record a visit. */
    public static final String VISIT_ACTION = "visit";
    /** The preset notes of a visit, as message keys; a visit may also have none. */
    public static final List<String> NOTES = List.of("cadre.note.well", "cadre.note.medicine", "cadre.note.attention");

    static final String FAILURES = "cadre.pin.failures";
    static final String LOCKED_UNTIL = "cadre.pin.locked-until";

    private static final Logger LOG = LoggerFactory.getLogger(CadreController.class);

    private final KioskModel model;
    private final KioskStore store;
    private final CadreStore roster;
    private final Outbox outbox;
    private final Feedback feedback;
    private final Prompts prompts;
    private final Clock clock;
    private final CadreActions actions = new CadreActions();
    private final ExecutorService checker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kiosk-pin-check");
        thread.setDaemon(true);
        return thread;
    });
    private final StringBuilder pin = new StringBuilder();

    /** @param store where the wrong-PIN count and the lock are kept (settings) */
    public CadreController(KioskModel model, KioskStore store, CadreStore roster, Outbox outbox, Feedback feedback,
            Prompts prompts, Clock clock) {
        this.model = model;
        this.store = store;
        this.roster = roster;
        this.outbox = outbox;
        this.feedback = feedback;
        this.prompts = prompts;
        this.clock = clock;
        actions.add(new CadreAction(VISIT_ACTION, "cadre.action.visit", "checkin-button", "visit",
                session -> startVisit()));
    }

    /**
     * Sync's {@link org.courtyard.kiosk.sync.AnswerPart} for the roster's {@code cadres}: a list
     * replaces the stored cadres; null (the hub's "unchanged") keeps them.
     */
    public Runnable take(SyncResponse answer) {
        if (answer.cadres() == null) {
            return null;
        }
        roster.replaceCadres(answer.cadres());
        return () -> LOG.info("The hub sent {} cadres", answer.cadres().size());
    }

    /** The menu's buttons; other features add theirs here while the kiosk is assembled. */
    public CadreActions actions() {
        return actions;
    }

    // The PIN pad.

    /** The 村干部 button: the PIN pad, or the lock message while locked. */
    public void enter() {
        model.execute(() -> {
            pin.setLength(0);
            Optional<Instant> locked = lockedUntil();
            PinAnswer answer = locked.isPresent() ? PinAnswer.LOCKED
                    : roster.cadres().isEmpty() ? PinAnswer.NO_CADRES : PinAnswer.NONE;
            model.update(state -> state.withScreen(Screen.CADRE_PIN)
                    .withCadre(CadreView.NONE.withAnswer(answer, locked.orElse(null))));
            speak(switch (answer) {
                case LOCKED -> "cadre.pin.locked";
                case NO_CADRES -> "cadre.pin.no-cadres";
                default -> "cadre.pin.prompt";
            });
        });
    }

    /** A digit key, 0 to 9; ignored while locked, while checking, or after {@value #MAX_DIGITS} digits. */
    public void digit(int digit) {
        if (digit < 0 || digit > 9) {
            throw new IllegalArgumentException("a PIN digit is 0 to 9, was " + digit);
        }
        model.execute(() -> {
            if (!onPad() || model.state().cadre().checking() || lockedUntil().isPresent()
                    || pin.length() >= MAX_DIGITS) {
                return;
            }
            pin.append((char) ('0' + digit));
            model.update(state -> state.withCadre(state.cadre().withDigits(pin.length())
                    .withAnswer(PinAnswer.NONE, null)));
        });
    }

    /** 删除: takes the last digit back. */
    public void erase() {
        model.execute(() -> {
            if (!onPad() || model.state().cadre().checking() || pin.length() == 0) {
                return;
            }
            pin.setLength(pin.length() - 1);
            model.update(state -> state.withCadre(state.cadre().withDigits(pin.length())));
        });
    }

    /** 确定: checks the PIN against every cadre of the village, off the model's thread. */
    public void confirm() {
        model.execute(() -> {
            if (!onPad() || model.state().cadre().checking()) {
                return;
            }
            Optional<Instant> locked = lockedUntil();
            if (locked.isPresent()) {
                model.update(state -> state.withCadre(state.cadre().withAnswer(PinAnswer.LOCKED, locked.get())));
                speak("cadre.pin.locked");
                return;
            }
            if (pin.length() < MIN_DIGITS) {
                model.update(state -> state.withCadre(state.cadre().withAnswer(PinAnswer.TOO_SHORT, null)));
                speak("cadre.pin.short");
                return;
            }
            String entered = pin.toString();
            pin.setLength(0);
            List<CadreCard> cadres = roster.cadres();
            if (cadres.isEmpty()) {
                model.update(state -> state.withCadre(state.cadre().withDigits(0).withAnswer(PinAnswer.NO_CADRES, null)));
                speak("cadre.pin.no-cadres");
                return;
            }
            model.update(state -> state.withCadre(state.cadre().withDigits(0).withChecking(true)));
            try {
                checker.execute(() -> {
                    Optional<CadreCard> match = Optional.empty();
                    try {
                        match = cadres.parallelStream().filter(cadre -> PinCheck.matches(entered, cadre.pinHash()))
                                .findFirst();
                    } catch (RuntimeException e) {
                        LOG.error("Checking a PIN failed; counted as wrong", e);
                    }
                    Optional<CadreCard> result = match;
                    model.execute(() -> checked(result));
                });
            } catch (RejectedExecutionException e) {
                LOG.debug("PIN checker stopped", e);
            }
        });
    }

    private void checked(Optional<CadreCard> match) {
        boolean stillHere = onPad();
        if (match.isPresent()) {
            store.putSetting(FAILURES, "0");
            LOG.info("Cadre {} signed in at the kiosk", match.get().id());
            if (!stillHere) {
                return;
            }
            model.update(state -> state.withScreen(Screen.CADRE)
                    .withCadre(state.cadre().signedIn(match.get().id(), match.get().name())));
            speak("cadre.prompt");
            return;
        }
        // Counted even when the pad was left meanwhile: walking away must not reset the count.
        int failures = store.setting(FAILURES).map(Integer::parseInt).orElse(0) + 1;
        Instant until = null;
        if (failures >= MAX_WRONG) {
            until = clock.instant().plus(LOCKOUT);
            store.putSetting(LOCKED_UNTIL, until.toString());
            failures = 0;
            LOG.warn("{} wrong cadre PINs in a row; the pad is locked until {}", MAX_WRONG, until);
        }
        store.putSetting(FAILURES, Integer.toString(failures));
        if (!stillHere) {
            return;
        }
        PinAnswer answer = until == null ? PinAnswer.WRONG : PinAnswer.LOCKED;
        Instant lockedUntil = until;
        model.update(state -> state.withCadre(state.cadre().withChecking(false).withAnswer(answer, lockedUntil)));
        speak(answer == PinAnswer.LOCKED ? "cadre.pin.locked" : "cadre.pin.wrong");
    }

    /** The end of the lock, if the pad is locked now; a lock further away than {@link #LOCKOUT} is cut to it. */
    private Optional<Instant> lockedUntil() {
        Optional<Instant> stored = store.setting(LOCKED_UNTIL).map(Instant::parse);
        Instant now = clock.instant();
        if (stored.isEmpty() || !stored.get().isAfter(now)) {
            return Optional.empty();
        }
        if (stored.get().isAfter(now.plus(LOCKOUT))) {
            Instant cut = now.plus(LOCKOUT);
            store.putSetting(LOCKED_UNTIL, cut.toString());
            return Optional.of(cut);
        }
        return stored;
    }

    private boolean onPad() {
        return model.state().screen() == Screen.CADRE_PIN;
    }

    // Signed in.

    /** The cadre menu again (from the visit record's 回到菜单). */
    public void menu() {
        model.execute(() -> {
            if (session().isEmpty()) {
                return;
            }
            model.update(state -> state.withScreen(Screen.CADRE));
            speak("cadre.prompt");
        });
    }

    /** A button of the menu. */
    public void run(String actionId) {
        model.execute(() -> {
            Optional<CadreSession> session = session();
            Optional<CadreAction> action = actions.find(actionId);
            if (session.isEmpty() || action.isEmpty()) {
                LOG.warn("Cadre action {} without a signed-in cadre or unknown; ignored", actionId);
                return;
            }
            action.get().run().accept(session.get());
        });
    }

    /** 走访登记: whom did you visit? (on the model's thread, from the menu's action) */
    private void startVisit() {
        model.update(state -> state.withScreen(Screen.CADRE_VISIT)
                .withCadre(state.cadre().withVisit(VisitStep.PICK, null)));
        speak("cadre.visit.prompt");
    }

    /** 再记一次: another visit. */
    public void anotherVisit() {
        model.execute(() -> {
            if (session().isPresent()) {
                startVisit();
            }
        });
    }

    /** The visited resident's tile was tapped: now the note. */
    public void visit(String residentId) {
        model.execute(() -> {
            Optional<ResidentTile> tile = model.state().checkIn().residents().stream()
                    .filter(resident -> resident.id().equals(residentId)).findFirst();
            if (session().isEmpty() || tile.isEmpty() || model.state().screen() != Screen.CADRE_VISIT) {
                return;
            }
            model.update(state -> state.withCadre(state.cadre().withVisit(VisitStep.NOTE, tile.get())));
            speak("cadre.visit.note");
        });
    }

    /**
     * A note was chosen ({@code noteKey} one of {@link #NOTES}, or null for none): the visit is
     * written to the outbox with the cadre's name, then shown as saved.
     */
    public void note(String noteKey) {
        if (noteKey != null && !NOTES.contains(noteKey)) {
            throw new IllegalArgumentException("unknown visit note '" + noteKey + "'; known: " + NOTES);
        }
        model.execute(() -> {
            Optional<CadreSession> session = session();
            ResidentTile resident = model.state().cadre().visitResident();
            if (session.isEmpty() || resident == null || model.state().cadre().visitStep() != VisitStep.NOTE) {
                return;
            }
            String note = noteKey == null ? null : prompts.text(noteKey);
            outbox.append(Event.of(new VisitCheckedIn(session.get().name(), resident.id(), note), clock.instant(),
                    outbox.clockTrusted()));
            model.update(state -> state.withCadre(state.cadre().withVisit(VisitStep.DONE, resident)));
            speak("cadre.visit.saved");
            outbox.pushNow();
            LOG.info("Visit of {} to {} saved", session.get().cadreId(), resident.id());
        });
    }

    /** 退出: ends the session and goes home. */
    public void exit() {
        model.execute(() -> {
            model.update(state -> state.withScreen(Screen.HOME));
            speak("home.prompt");
        });
    }

    private Optional<CadreSession> session() {
        CadreView cadre = model.state().cadre();
        return model.state().screen().signedIn() && cadre.signedIn()
                ? Optional.of(new CadreSession(cadre.cadreId(), cadre.cadreName())) : Optional.empty();
    }

    private void speak(String key) {
        model.update(state -> state.withLastPrompt(key));
        feedback.say(key);
    }

    /** Stops the PIN checker; closing twice is safe. */
    @Override
    public void close() {
        checker.shutdownNow();
    }
}
