package org.courtyard.hub.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.courtyard.hub.announce.Announcements;
import org.courtyard.hub.announce.KioskAnnouncements;
import org.courtyard.hub.auth.KioskIdentity;
import org.courtyard.hub.care.VisitView;
import org.courtyard.hub.care.Visits;
import org.courtyard.hub.checkin.CheckInRefused;
import org.courtyard.hub.checkin.CheckIns;
import org.courtyard.hub.help.HelpChange;
import org.courtyard.hub.help.HelpRefused;
import org.courtyard.hub.help.HelpRequests;
import org.courtyard.hub.help.KioskUpdates;
import org.courtyard.hub.kiosk.KioskListener;
import org.courtyard.hub.kiosk.Kiosks;
import org.courtyard.hub.residents.Residents;
import org.courtyard.hub.store.Database;
import org.courtyard.hub.store.Sql;
import org.courtyard.hub.web.HttpError;
import org.courtyard.protocol.AnnouncementPlayed;
import org.courtyard.protocol.AudioDownloaded;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.EventType;
import org.courtyard.protocol.HelpCancelled;
import org.courtyard.protocol.HelpDetails;
import org.courtyard.protocol.HelpRequested;
import org.courtyard.protocol.Heartbeat;
import org.courtyard.protocol.Protocol;
import org.courtyard.protocol.ProtocolException;
import org.courtyard.protocol.ProtocolJson;
import org.courtyard.protocol.Rejection;
import org.courtyard.protocol.SyncRequest;
import org.courtyard.protocol.SyncResponse;

/**
 * Applies sync batches. The envelope ({@code protocol}, {@code kioskId}, {@code cursor},
 * {@code events} being an array) must be right or the whole request is a 400; each event is then
 * read on its own, so one invalid event is rejected by id while the others are stored.
 *
 * <p>A cursor beyond the hub's newest change (the hub was restored from an older backup) is taken
 * as no cursor: the kiosk gets its requests' history again rather than missing the changes that
 * reuse the numbers it has already passed.
 */
public final class SyncService {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SyncService.class);

    /** Most help updates in one answer; a kiosk with more gets the rest on its next sync. */
    public static final int MAX_UPDATES_PER_ANSWER = 200;

    /** Most announcements in one answer; a kiosk with more gets the rest on its next sync. */
    public static final int MAX_ANNOUNCEMENTS_PER_ANSWER = 100;

    private final Database database;
    private final Clock clock;
    private final Kiosks kiosks;
    private final HelpRequests help;
    private final Announcements announcements;
    private final CheckIns checkIns;
    private final Visits visits;
    private final Residents residents;
    private final List<KioskListener> kioskListeners = new CopyOnWriteArrayList<>();

    public SyncService(Database database, Clock clock, Kiosks kiosks, HelpRequests help, Announcements announcements,
            CheckIns checkIns, Visits visits, Residents residents) {
        this.database = database;
        this.clock = clock;
        this.kiosks = kiosks;
        this.help = help;
        this.announcements = announcements;
        this.checkIns = checkIns;
        this.visits = visits;
        this.residents = residents;
    }

    public void addKioskListener(KioskListener listener) {
        kioskListeners.add(listener);
    }

    /**
     * Validates and stores one batch from {@code kiosk}, committing before it returns, then tells
     * the listeners.
     *
     * @throws HttpError 400 for a body that is not a sync request, 403 for another kiosk's id
     */
    public Batch apply(KioskIdentity kiosk, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw HttpError.badRequest("the body must be a JSON object (a sync request)", null);
        }
        SyncRequest envelope = envelope((ObjectNode) body);
        if (!envelope.kioskId().equals(kiosk.kioskId())) {
            throw HttpError.forbidden("kioskId: this token belongs to kiosk " + kiosk.kioskId()
                    + ", not " + envelope.kioskId());
        }
        SyncCursor cursor = parseCursor(envelope.cursor());
        SyncCursor newest = newestChanges();
        if (cursor.help() > newest.help() || cursor.announcements() > newest.announcements()) {
            // The hub was restored from a backup older than what this kiosk has seen; changes with
            // numbers it already passed would never reach it. Start it over, as a kiosk without a cursor.
            LOG.info("kiosk {} sent cursor {} beyond the hub's newest changes {} (restored from a backup?);"
                    + " sending its history again", kiosk.kioskId(), cursor, newest);
            cursor = SyncCursor.START;
        }
        JsonNode events = body.get("events");
        if (events != null && !events.isNull() && !events.isArray()) {
            throw HttpError.invalidField("events", "field 'events' must be an array of events");
        }
        List<JsonNode> nodes = new ArrayList<>();
        if (events != null) {
            events.forEach(nodes::add);
        }
        if (nodes.size() > Protocol.MAX_EVENTS_PER_SYNC) {
            throw HttpError.invalidField("events", "field 'events' holds " + nodes.size() + " events; at most "
                    + Protocol.MAX_EVENTS_PER_SYNC + " per sync");
        }

        List<Rejection> rejected = new ArrayList<>();
        List<Event> valid = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            parse(nodes.get(i), i, rejected).ifPresent(valid::add);
        }

        Instant now = clock.instant();
        List<UUID> accepted = new ArrayList<>();
        List<HelpChange> changes = new ArrayList<>();
        List<CheckIns.Change> checkInChanges = new ArrayList<>();
        List<VisitView> visited = new ArrayList<>();
        List<String> boards = new ArrayList<>();
        boolean cameOnline = database.write(connection -> {
            for (Event event : valid) {
                store(connection, kiosk, event, now, accepted, rejected, changes, checkInChanges, visited, boards);
            }
            return kiosks.touch(connection, kiosk.kioskId(), now);
        });
        help.publish(changes);
        checkIns.publish(checkInChanges);
        visited.forEach(visits::publish);
        announcements.publishDeliveries(kiosk, boards);
        if (!nodes.isEmpty() || cameOnline) {
            kiosks.find(kiosk.kioskId()).ifPresent(view -> kioskListeners.forEach(listener -> listener.seen(view)));
        }
        return new Batch(accepted, rejected, nodes.size(), cursor);
    }

    /**
     * The answer to a batch: the help updates and announcements after its cursor, the village's
     * roster if it changed since the cursor, and the new cursor covering all three; the
     * announcements sent are recorded on their delivery boards.
     */
    public SyncResponse answer(KioskIdentity kiosk, Batch batch) {
        KioskUpdates updates = updates(kiosk, batch.cursor());
        KioskAnnouncements news = announcements.forKiosk(kiosk, batch.cursor().announcements(),
                MAX_ANNOUNCEMENTS_PER_ANSWER);
        long version = residents.rosterVersion(kiosk.village());
        // Read with its own version, in one transaction: a change between the two reads is then
        // sent again next time rather than missed.
        Residents.KioskRoster roster = version == batch.cursor().roster() ? null : residents.roster(kiosk.village());
        SyncCursor next = new SyncCursor(updates.cursor(), news.cursor(), roster == null ? version : roster.version());
        return new SyncResponse(batch.accepted(), batch.rejected(), next.toString(), news.announcements(),
                updates.updates(), clock.instant(), roster == null ? null : roster.residents(),
                roster == null ? null : roster.cadres());
    }

    public KioskUpdates updates(KioskIdentity kiosk, SyncCursor cursor) {
        return help.updatesFor(kiosk.kioskId(), cursor.help(), MAX_UPDATES_PER_ANSWER);
    }

    /**
     * Whether an answer after {@code cursor} would carry a help update, an announcement or the
     * village's roster; reads only.
     */
    public boolean hasNews(KioskIdentity kiosk, SyncCursor cursor) {
        return !updates(kiosk, cursor).updates().isEmpty()
                || announcements.hasNewsFor(kiosk, cursor.announcements())
                || residents.rosterVersion(kiosk.village()) != cursor.roster();
    }

    private void store(Connection connection, KioskIdentity kiosk, Event event, Instant now, List<UUID> accepted,
            List<Rejection> rejected, List<HelpChange> changes, List<CheckIns.Change> checkInChanges,
            List<VisitView> visited, List<String> boards) throws SQLException {
        String id = event.id().toString();
        Optional<String> owner = Sql.one(connection, "SELECT kiosk_id FROM events WHERE id = ?",
                row -> row.getString(1), id);
        if (owner.isPresent()) {
            if (owner.get().equals(kiosk.kioskId())) {
                accepted.add(event.id());
            } else {
                rejected.add(new Rejection(id, "id_conflict", "another kiosk already sent an event with id " + id));
            }
            return;
        }
        switch (event.type()) {
            case HELP_REQUESTED -> {
                insert(connection, kiosk, event, now);
                changes.add(help.createFromEvent(connection, event, (HelpRequested) event.payload(), kiosk, now));
            }
            case HELP_CANCELLED -> {
                try {
                    changes.add(help.cancelFromEvent(connection, (HelpCancelled) event.payload(), kiosk, now));
                } catch (HelpRefused e) {
                    rejected.add(new Rejection(id, e.code(), e.getMessage()));
                    return;
                }
                insert(connection, kiosk, event, now);
            }
            case HELP_DETAILS -> {
                try {
                    changes.add(help.detailsFromEvent(connection, (HelpDetails) event.payload(), kiosk, now));
                } catch (HelpRefused e) {
                    rejected.add(new Rejection(id, e.code(), e.getMessage()));
                    return;
                }
                insert(connection, kiosk, event, now);
            }
            case HEARTBEAT -> {
                insert(connection, kiosk, event, now);
                kiosks.recordHeartbeat(connection, kiosk.kioskId(), (Heartbeat) event.payload(), now);
            }
            case CHECKED_IN, VISIT_CHECKED_IN -> {
                try {
                    checkIns.check(connection, kiosk, event);
                } catch (CheckInRefused e) {
                    rejected.add(new Rejection(id, e.code(), e.getMessage()));
                    return;
                }
                insert(connection, kiosk, event, now);
                if (event.type() == EventType.VISIT_CHECKED_IN) {
                    visited.add(visits.fromKiosk(connection, kiosk, event, now));
                } else {
                    checkInChanges.addAll(checkIns.record(connection, kiosk, event, now));
                }
            }
            case ANNOUNCEMENT_PLAYED -> {
                insert(connection, kiosk, event, now);
                AnnouncementPlayed played = (AnnouncementPlayed) event.payload();
                if (announcements.recordPlayed(connection, kiosk.kioskId(), played)) {
                    boards.add(played.announcementId());
                }
            }
            case AUDIO_DOWNLOADED -> {
                insert(connection, kiosk, event, now);
                AudioDownloaded downloaded = (AudioDownloaded) event.payload();
                if (announcements.recordDownloaded(connection, kiosk.kioskId(), downloaded, event.occurredAt())) {
                    boards.add(downloaded.announcementId());
                }
            }
        }
        accepted.add(event.id());
    }

    private static void insert(Connection connection, KioskIdentity kiosk, Event event, Instant now)
            throws SQLException {
        Sql.update(connection, "INSERT INTO events (id, kiosk_id, type, occurred_at, clock_trusted, received_at, payload)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", event.id().toString(), kiosk.kioskId(), event.type().name(),
                event.occurredAt(), event.clockTrusted(), now, ProtocolJson.write(event.payload()));
    }

    private static SyncRequest envelope(ObjectNode body) {
        ObjectNode copy = body.deepCopy();
        copy.remove("events");
        try {
            return ProtocolJson.read(ProtocolJson.mapper().writeValueAsBytes(copy), SyncRequest.class);
        } catch (ProtocolException e) {
            throw new HttpError(400, "invalid_field", e.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot re-serialise a parsed JSON tree", e);
        }
    }

    /** Reads one event; an invalid one becomes a rejection under the id it was sent with ("" if it had none). */
    private static Optional<Event> parse(JsonNode node, int index, List<Rejection> rejected) {
        JsonNode idNode = node.isObject() ? node.get("id") : null;
        String id = idNode != null && idNode.isTextual() ? idNode.textValue() : "";
        try {
            return Optional.of(ProtocolJson.read(ProtocolJson.mapper().writeValueAsBytes(node), Event.class));
        } catch (ProtocolException e) {
            rejected.add(new Rejection(id, "invalid_event", "events[" + index + "]"
                    + (e.path().isEmpty() ? ": " : ".") + e.getMessage()));
            return Optional.empty();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot re-serialise a parsed JSON tree", e);
        }
    }

    private SyncCursor newestChanges() {
        return database.read(connection -> new SyncCursor(
                Sql.one(connection, "SELECT MAX(seq) AS newest FROM help_history", row -> row.getLong("newest"))
                        .orElse(0L),
                Sql.one(connection, "SELECT MAX(seq) AS newest FROM announcement_changes",
                        row -> row.getLong("newest")).orElse(0L),
                // A roster version ahead of the hub's is simply unequal, and the roster is sent again.
                -1));
    }

    private static SyncCursor parseCursor(String cursor) {
        try {
            return SyncCursor.parse(cursor);
        } catch (IllegalArgumentException e) {
            throw HttpError.invalidField("cursor", "field 'cursor' is not a cursor this hub gave out: '" + cursor + "'");
        }
    }
}
