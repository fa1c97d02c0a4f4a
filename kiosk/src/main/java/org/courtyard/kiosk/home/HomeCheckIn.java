package org.courtyard.kiosk.home;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.courtyard.hardware.LampRole;
import org.courtyard.hardware.LampState;
import org.courtyard.hardware.Lamps;
import org.courtyard.kiosk.core.FamilyView;
import org.courtyard.kiosk.core.KioskModel;
import org.courtyard.kiosk.core.Outbox;
import org.courtyard.kiosk.speech.Feedback;
import org.courtyard.protocol.CheckedIn;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.ResidentCard;
import org.courtyard.protocol.SyncResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 报平安 at home: the green button checks in the unit's resident (a {@code CHECKED_IN} with their id,
 * saved with the day before the unit says 张桂英，谢谢您…), once a day; later presses that day are
 * thanked without a second event. The green lamp glows from {@code home.checkin-from} until the
 * day's check-in is done, and at each of {@code home.reminders} the unit reminds the resident by
 * voice if they have not checked in yet. Once it is done, the lamp blinks while the resident has a
 * family message ready (the model's {@link FamilyView}), and a press goes to {@link #onceDone}
 * (the unit plays the message) before it is thanked again. Which resident is the hub's word
 * ({@code homeResident} in the sync answer); until it has spoken, the button says the unit is not
 * set up yet.
 *
 * <p>Days are the kiosk's local days ({@code kiosk.time-zone}). A one-second timer (and every
 * change) re-checks the lamp and the reminders; tests move the clock and call {@link #tick()}. All
 * work runs on the model's queue, so a press and the timer never race.
 */
public final class HomeCheckIn implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HomeCheckIn.class);
    /** A reminder is still spoken this long after its time (a unit that was off, a busy speaker). */
    static final Duration REMINDER_WINDOW = Duration.ofMinutes(10);

    /** What the headless {@code status} shows of the home unit. */
    public enum Today {
        /** No resident yet: the hub has not said whom the unit belongs to. */
        UNBOUND,
        /** Checked in today. */
        DONE,
        /** Not yet, and the lamp is on (after {@code home.checkin-from}). */
        DUE,
        /** Not yet, before {@code home.checkin-from}. */
        WAITING
    }

    /** The home unit's check-in as the console shows it. */
    public record Status(ResidentCard resident, Today today) {
    }

    /** What a press of the green button did: checked in (the event is in the outbox), already, or nothing. */
    public record Pressed(Outcome outcome, ResidentCard resident) {

        public enum Outcome {
            CHECKED_IN,
            ALREADY,
            /** Checked in already; the press plays the resident's oldest unheard family message. */
            MESSAGE,
            UNBOUND
        }
    }

    private final KioskModel model;
    private final HomeStore store;
    private final Outbox outbox;
    private final Feedback feedback;
    private final Lamps lamps;
    private final SpokenName names;
    private final Clock clock;
    private final ZoneId zone;
    private final HomeSettings settings;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kiosk-home-timer");
        thread.setDaemon(true);
        return thread;
    });
    /** Model thread only: the reminders already spoken, as "DATE TIME". */
    private final Set<String> reminded = new HashSet<>();
    private final List<Consumer<Pressed>> listeners = new CopyOnWriteArrayList<>();
    private volatile Status status = new Status(null, Today.UNBOUND);
    private volatile Predicate<ResidentCard> onceDone = resident -> false;
    /** Model thread only: the family view the lamp last reflected. */
    private FamilyView family;

    public HomeCheckIn(KioskModel model, HomeStore store, Outbox outbox, Feedback feedback, Lamps lamps,
            SpokenName names, Clock clock, ZoneId zone, HomeSettings settings) {
        this.model = model;
        this.store = store;
        this.outbox = outbox;
        this.feedback = feedback;
        this.lamps = lamps;
        this.names = names;
        this.clock = clock;
        this.zone = zone;
        this.settings = settings;
        model.addListener(state -> {
            if (state.family() != family) {
                family = state.family();
                model.execute(this::refresh);
            }
        });
        model.execute(this::refresh);
    }

    /**
     * What a green press does once today's check-in is done, on the model thread: true if
     * {@code action} took it (a family message plays), false to thank the resident again.
     */
    public void onceDone(Predicate<ResidentCard> action) {
        this.onceDone = action;
    }

    /** Starts the one-second timer, and makes the name's clip if it is missing (off the model thread). */
    public void start() {
        timer.execute(() -> store.resident().ifPresent(resident -> names.prepare(resident.name())));
        timer.scheduleWithFixedDelay(this::tickSafely, 1, 1, TimeUnit.SECONDS);
    }

    /** Tells {@code listener} what each press of the green button did, on the model thread; keep it short. */
    public void addListener(Consumer<Pressed> listener) {
        listeners.add(listener);
    }

    /** The resident and today's check-in, as last seen on the model thread; safe from any thread. */
    public Status status() {
        return status;
    }

    /**
     * Sync's {@link org.courtyard.kiosk.sync.AnswerPart} for {@code homeResident}: keeps the card
     * (before the cursor is saved), then makes the name's clip and lights the lamp.
     */
    public Runnable take(SyncResponse answer) {
        ResidentCard card = answer.homeResident();
        if (card == null || card.equals(store.resident().orElse(null))) {
            return null;
        }
        store.replaceResident(card, clock.instant());
        LOG.info("This home unit belongs to resident {}", card.id());
        return () -> {
            names.prepare(card.name());
            model.execute(this::refresh);
        };
    }

    /** The green button: the resident's 报平安 for today, or thanks again if it is done. */
    public void checkIn() {
        model.execute(() -> {
            Optional<ResidentCard> resident = store.resident();
            if (resident.isEmpty()) {
                LOG.warn("The green button was pressed before the hub named this unit's resident");
                say(Optional.empty(), "unit.unbound");
                tell(Pressed.Outcome.UNBOUND, null);
                return;
            }
            LocalDate today = today();
            if (store.checkedInOn(today)) {
                if (onceDone.test(resident.get())) {
                    tell(Pressed.Outcome.MESSAGE, resident.get());
                    return;
                }
                say(resident, "unit.checkin.already");
                tell(Pressed.Outcome.ALREADY, resident.get());
                return;
            }
            store.saveCheckIn(outbox, Event.of(new CheckedIn(resident.get().id()), clock.instant(),
                    outbox.clockTrusted()), today);
            // Durable now: only from here on may the resident hear "thank you".
            refresh();
            say(resident, "unit.checkin.thanks");
            outbox.pushNow();
            LOG.info("Check-in of {} saved", resident.get().id());
            tell(Pressed.Outcome.CHECKED_IN, resident.get());
        });
    }

    /** Re-checks the lamp and speaks a reminder that is due; the timer calls it every second. */
    public void tick() {
        model.execute(() -> {
            refresh();
            if (status.today() != Today.DUE) {
                return;
            }
            LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), zone);
            for (LocalTime at : settings.reminders()) {
                LocalDateTime due = now.toLocalDate().atTime(at);
                String key = due.toString();
                if (!now.isBefore(due) && now.isBefore(due.plus(REMINDER_WINDOW)) && reminded.add(key)) {
                    LOG.info("Reminding the resident to check in ({})", at);
                    say(Optional.of(status.resident()), "unit.checkin.reminder");
                }
            }
        });
    }

    private void tell(Pressed.Outcome outcome, ResidentCard resident) {
        Pressed pressed = new Pressed(outcome, resident);
        for (Consumer<Pressed> listener : listeners) {
            try {
                listener.accept(pressed);
            } catch (RuntimeException e) {
                LOG.error("A listener of the green button failed", e);
            }
        }
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.error("Checking the home unit's lamp and reminders failed; trying again in a second", e);
        }
    }

    /** On the model thread: today's state, and the green lamp to match. */
    private void refresh() {
        ResidentCard resident = store.resident().orElse(null);
        LocalDate today = today();
        Today state;
        if (resident == null) {
            state = Today.UNBOUND;
        } else if (store.checkedInOn(today)) {
            state = Today.DONE;
        } else {
            state = LocalTime.ofInstant(clock.instant(), zone).isBefore(settings.checkInFrom()) ? Today.WAITING
                    : Today.DUE;
        }
        status = new Status(resident, state);
        boolean message = state == Today.DONE && model.state().family().unheardOf(resident.id()) > 0;
        lamps.set(LampRole.CHECKIN, state == Today.DUE ? LampState.ON : message ? LampState.BLINK : LampState.OFF);
    }

    private void say(Optional<ResidentCard> resident, String key) {
        model.update(state -> state.withLastPrompt(key));
        feedback.say(resident.flatMap(card -> names.clip(card.name())), key);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    /** Stops the timer; the lamp goes off with the hardware. Closing twice is safe. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
