package org.courtyard.kiosk.checkin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.courtyard.kiosk.core.CheckInSection;
import org.courtyard.kiosk.core.KioskModel;
import org.courtyard.kiosk.core.Outbox;
import org.courtyard.kiosk.core.ResidentTile;
import org.courtyard.kiosk.core.Screen;
import org.courtyard.kiosk.speech.Feedback;
import org.courtyard.protocol.CheckInUndone;
import org.courtyard.protocol.CheckedIn;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.NameOrder;
import org.courtyard.protocol.ResidentCard;
import org.courtyard.protocol.SyncResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 报平安 at the kiosk. The residents of the village are tiles: those who check in here most often
 * first, then by name ({@link NameOrder#NAMES}), and those who already checked in today last, marked
 * 「今天已报」. A big village is offered in sections first ({@link CheckInSections}: its 村民小组, big
 * ones in parts). One tap on a tile writes a {@code CHECKED_IN} event to the outbox (durably, before
 * the thanks), shows and speaks "谢谢，已报平安", and pushes it to the hub; for
 * {@link #UNDO_WINDOW} the thanks offer 「不是我」, which takes it back with a
 * {@code CHECK_IN_UNDONE}. Children check in the same way. All methods hand their work to the
 * model's queue and return at once.
 */
public final class CheckInController {

    /** How long 「不是我」 is offered after a check-in. */
    public static final Duration UNDO_WINDOW = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(CheckInController.class);

    private final KioskModel model;
    private final CheckInStore store;
    private final PhotoCache photos;
    private final Outbox outbox;
    private final Feedback feedback;
    private final Clock clock;
    private final ZoneId zone;
    /** The last check-in, which 「不是我」 takes back; on the model thread only. */
    private UUID lastCheckIn;
    /** The day the tiles' 「今天已报」 marks are for; on the model thread only. */
    private LocalDate shownDay;

    /**
     * @param zone the kiosk's time zone, for what "today" is
     */
    public CheckInController(KioskModel model, CheckInStore store, PhotoCache photos, Outbox outbox,
            Feedback feedback, Clock clock, ZoneId zone) {
        this.model = model;
        this.store = store;
        this.photos = photos;
        this.outbox = outbox;
        this.feedback = feedback;
        this.clock = clock;
        this.zone = zone;
        rosterChanged();
        // After midnight, yesterday's 「今天已报」 marks go as soon as the screen is opened.
        model.addListener(state -> {
            if (state.screen() == Screen.CHECK_IN && shownDay != null && !shownDay.equals(today())) {
                model.execute(this::refresh);
            }
        });
    }

    /**
     * Sync's {@link org.courtyard.kiosk.sync.AnswerPart} for the roster's {@code residents}: a list
     * replaces the stored residents (then the tiles change and photos are fetched); null (the hub's
     * "unchanged") keeps them.
     */
    public Runnable take(SyncResponse answer) {
        if (answer.residents() == null) {
            return null;
        }
        store.replaceResidents(answer.residents());
        return this::rosterChanged;
    }

    /** Shows the stored roster (at start, and after the hub sent a new one) and fetches missing photos. */
    public void rosterChanged() {
        model.execute(() -> {
            photos.want(store.residents());
            refresh();
        });
    }

    /** A photo arrived: the tiles show it. */
    public void photoArrived() {
        model.execute(this::refresh);
    }

    /** A 村民小组 was tapped: its residents. */
    public void chooseSection(String key) {
        model.execute(() -> {
            boolean known = model.state().checkIn().sections().stream().anyMatch(s -> s.key().equals(key));
            if (!known) {
                LOG.warn("Group {} is not offered (the roster changed); ignored", key);
                return;
            }
            model.update(state -> state.withCheckIn(state.checkIn().withSection(key).withThanked(null)));
            speak("checkin.prompt");
        });
    }

    /**
     * A part by name (陈—李) of a list too long for the screen's pages was tapped: its tiles. The
     * screen decides the parts from its size; {@code index} counts them from 0.
     */
    public void choosePart(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative, was " + index);
        }
        model.execute(() -> {
            model.update(state -> state.withCheckIn(state.checkIn().withPart(index).withThanked(null)));
            speak("checkin.prompt");
        });
    }

    /** 返回 on the check-in screen: from a part to its list, from a group to the groups. */
    public void back() {
        model.execute(() -> {
            model.update(state -> state.withCheckIn(state.checkIn().back()));
            speak(model.state().checkIn().openingPrompt());
        });
    }

    /** A resident tapped their tile (or the headless {@code checkin} command named them). */
    public void checkIn(String residentId) {
        model.execute(() -> {
            Optional<ResidentTile> tile = model.state().checkIn().residents().stream()
                    .filter(resident -> resident.id().equals(residentId)).findFirst();
            if (tile.isEmpty()) {
                LOG.warn("Check-in of {}, who is not in this kiosk's roster; ignored", residentId);
                return;
            }
            Instant now = clock.instant();
            Event event = Event.of(new CheckedIn(residentId), now, outbox.clockTrusted());
            store.saveCheckIn(event);
            // Durable now: only from here on may the elder hear "thank you".
            lastCheckIn = event.id();
            refresh();
            model.update(state -> state.withScreen(Screen.CHECK_IN)
                    .withCheckIn(state.checkIn().withThanked(tile.get(), now.plus(UNDO_WINDOW))));
            speak("checkin.thanks");
            outbox.pushNow();
            LOG.info("Check-in of {} saved", residentId);
        });
    }

    /**
     * 「不是我」: takes the last check-in back if it is less than {@link #UNDO_WINDOW} old, and shows
     * the same tiles again for the right person to tap.
     */
    public void undo() {
        model.execute(() -> {
            Instant now = clock.instant();
            ResidentTile thanked = model.state().checkIn().thanked();
            if (lastCheckIn == null || !model.state().checkIn().undoable(now)) {
                LOG.info("「不是我」 too late or with nothing to take back; ignored");
                return;
            }
            store.saveUndo(Event.of(new CheckInUndone(lastCheckIn), now, outbox.clockTrusted()));
            LOG.info("Check-in {} of {} taken back", lastCheckIn, thanked.id());
            lastCheckIn = null;
            refresh();
            model.update(state -> state.withCheckIn(state.checkIn().withThanked(null)));
            speak("checkin.undone");
            outbox.pushNow();
        });
    }

    /** 下一位: back to the first step for the next person. */
    public void next() {
        model.execute(() -> {
            model.update(state -> state.withCheckIn(state.checkIn().opened()));
            speak(model.state().checkIn().openingPrompt());
        });
    }

    private void refresh() {
        LocalDate today = today();
        Map<String, Integer> counts = store.counts();
        Set<String> checkedIn = store.checkedInSince(today.atStartOfDay(zone).toInstant());
        List<ResidentTile> tiles = new ArrayList<>();
        for (ResidentCard card : store.residents()) {
            tiles.add(new ResidentTile(card.id(), card.name(), card.type(),
                    photos.file(card.photoSha256()).orElse(null), card.group(), checkedIn.contains(card.id())));
        }
        tiles.sort(Comparator.comparing(ResidentTile::checkedInToday)
                .thenComparingInt(tile -> -counts.getOrDefault(tile.id(), 0))
                .thenComparing(ResidentTile::name, NameOrder.NAMES).thenComparing(ResidentTile::id));
        List<CheckInSection> sections = CheckInSections.of(tiles);
        shownDay = today;
        model.update(state -> state.withCheckIn(state.checkIn().withResidents(tiles, sections)));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    private void speak(String key) {
        model.update(state -> state.withLastPrompt(key));
        feedback.say(key);
    }
}
