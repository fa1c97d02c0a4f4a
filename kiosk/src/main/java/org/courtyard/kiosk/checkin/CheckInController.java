package org.courtyard.kiosk.checkin;

import java.text.Collator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.courtyard.kiosk.core.KioskModel;
import org.courtyard.kiosk.core.Outbox;
import org.courtyard.kiosk.core.ResidentTile;
import org.courtyard.kiosk.core.Screen;
import org.courtyard.kiosk.speech.Feedback;
import org.courtyard.protocol.CheckedIn;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.ResidentCard;
import org.courtyard.protocol.SyncResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 报平安 at the kiosk: the residents of the village as tiles, those who check in here most often
 * first (then by name, in pinyin order); one tap writes a {@code CHECKED_IN} event to the outbox
 * (durably, before the thanks), shows and speaks "谢谢，已报平安", and pushes it to the hub. Children
 * check in the same way. All methods hand their work to the model's queue and return at once.
 */
public final class CheckInController {

    private static final Logger LOG = LoggerFactory.getLogger(CheckInController.class);

    private final KioskModel model;
    private final CheckInStore store;
    private final PhotoCache photos;
    private final Outbox outbox;
    private final Feedback feedback;
    private final Clock clock;
    private final Collator names = Collator.getInstance(Locale.SIMPLIFIED_CHINESE);

    public CheckInController(KioskModel model, CheckInStore store, PhotoCache photos, Outbox outbox,
            Feedback feedback, Clock clock) {
        this.model = model;
        this.store = store;
        this.photos = photos;
        this.outbox = outbox;
        this.feedback = feedback;
        this.clock = clock;
        rosterChanged();
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

    /** A resident tapped their tile (or the headless {@code checkin} command named them). */
    public void checkIn(String residentId) {
        model.execute(() -> {
            Optional<ResidentTile> tile = model.state().checkIn().residents().stream()
                    .filter(resident -> resident.id().equals(residentId)).findFirst();
            if (tile.isEmpty()) {
                LOG.warn("Check-in of {}, who is not in this kiosk's roster; ignored", residentId);
                return;
            }
            store.saveCheckIn(Event.of(new CheckedIn(residentId), clock.instant(), outbox.clockTrusted()));
            // Durable now: only from here on may the elder hear "thank you".
            refresh();
            model.update(state -> state.withScreen(Screen.CHECK_IN)
                    .withCheckIn(state.checkIn().withThanked(tile.get())));
            speak("checkin.thanks");
            outbox.pushNow();
            LOG.info("Check-in of {} saved", residentId);
        });
    }

    /** 下一位: back to the tiles for the next person. */
    public void next() {
        model.execute(() -> {
            model.update(state -> state.withCheckIn(state.checkIn().withThanked(null)));
            speak("checkin.prompt");
        });
    }

    private void refresh() {
        Map<String, Integer> counts = store.counts();
        List<ResidentTile> tiles = new ArrayList<>();
        for (ResidentCard card : store.residents()) {
            tiles.add(new ResidentTile(card.id(), card.name(), card.type(),
                    photos.file(card.photoSha256()).orElse(null)));
        }
        tiles.sort(Comparator.<ResidentTile>comparingInt(tile -> -counts.getOrDefault(tile.id(), 0))
                .thenComparing(ResidentTile::name, names).thenComparing(ResidentTile::id));
        model.update(state -> state.withCheckIn(state.checkIn().withResidents(tiles)));
    }

    private void speak(String key) {
        model.update(state -> state.withLastPrompt(key));
        feedback.say(key);
    }
}
