package org.courtyard.hub.announce;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.courtyard.hub.audit.AuditTrail;
import org.courtyard.hub.auth.KioskIdentity;
import org.courtyard.hub.auth.KioskKind;
import org.courtyard.hub.auth.Principal;
import org.courtyard.hub.auth.Role;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.auth.Tokens;
import org.courtyard.hub.core.Cursor;
import org.courtyard.hub.core.Keyset;
import org.courtyard.hub.core.Page;
import org.courtyard.hub.core.PageRequest;
import org.courtyard.hub.core.Refusal;
import org.courtyard.hub.kiosk.KioskView;
import org.courtyard.hub.kiosk.Kiosks;
import org.courtyard.hub.store.Database;
import org.courtyard.hub.store.Sql;
import org.courtyard.protocol.Announcement;
import org.courtyard.protocol.AnnouncementPlayed;
import org.courtyard.protocol.AudioDownloaded;
import org.courtyard.protocol.AudioRef;
import org.courtyard.protocol.PlayOutcome;
import org.courtyard.protocol.Priority;
import org.courtyard.protocol.ProtocolException;
import org.courtyard.protocol.ProtocolJson;
import org.courtyard.protocol.Targets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The announcements of the hub: what staff and cadres write, what each kiosk is sent, and the
 * delivery board that says which kiosk has it, holds its audio and played it.
 *
 * <p>Every change (create, edit, new audio, withdrawal) raises the announcement's {@code revision}
 * and gives it a new change number from {@code announcement_changes}; a kiosk's sync cursor holds
 * the last change number it was sent, so each sync answer carries exactly the announcements for
 * that kiosk that changed since, withdrawn ones included. An announcement edited so that it no
 * longer targets a kiosk it was delivered to is sent to that kiosk once more marked withdrawn, so
 * the kiosk stops it.
 *
 * <p>Cadres: they may announce only to their own village (its name, or kiosks in it), see the
 * announcements that reach their village, and edit or withdraw only those that reach nothing else.
 */
public final class Announcements {

    private static final Logger LOG = LoggerFactory.getLogger(Announcements.class);
    private static final String ID_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final int PAGE = 500;

    /** The earliest time an announcement may name: older is a typo (a year 0026) or a broken clock. */
    private static final Instant EARLIEST = Instant.parse("2020-01-01T00:00:00Z");

    /** How far ahead an announcement may be scheduled: further is a typo (2062 for 2026), not a plan. */
    private static final Duration FURTHEST_AHEAD = Duration.ofDays(2 * 366);

    private final Database database;
    private final Clock clock;
    private final Kiosks kiosks;
    private final List<AnnouncementListener> listeners = new CopyOnWriteArrayList<>();
    private final List<DeliveryListener> deliveryListeners = new CopyOnWriteArrayList<>();

    public Announcements(Database database, Clock clock, Kiosks kiosks) {
        this.database = database;
        this.clock = clock;
        this.kiosks = kiosks;
    }

    public void addListener(AnnouncementListener listener) {
        listeners.add(listener);
    }

    public void addDeliveryListener(DeliveryListener listener) {
        deliveryListeners.add(listener);
    }

    /**
     * Tells the delivery listeners that {@code kiosk}'s rows of these announcements changed; call
     * after the change committed (the sync does, for the plays and downloads it stored).
     */
    public void publishDeliveries(KioskIdentity kiosk, Collection<String> announcementIds) {
        for (String id : new LinkedHashSet<>(announcementIds)) {
            for (DeliveryListener listener : deliveryListeners) {
                try {
                    listener.deliveryChanged(id, kiosk.kioskId(), kiosk.village());
                } catch (RuntimeException e) {
                    LOG.error("a delivery listener failed on {} at kiosk {}", id, kiosk.kioskId(), e);
                }
            }
        }
    }

    // Staff and cadres.

    /**
     * Creates an announcement with revision 1 and no audio yet.
     *
     * @throws Refusal INVALID for an unknown kiosk in the targets or an end in the past,
     *     FORBIDDEN for a cadre aiming outside their village
     */
    public AnnouncementView create(StaffUser user, AnnouncementDraft draft, AuditTrail trail) {
        Instant now = clock.instant();
        Instant startsAt = draft.startsAt() == null ? now : draft.startsAt();
        if (draft.endsAt() != null && draft.endsAt().isBefore(now)) {
            throw Refusal.invalidField("endsAt", "field 'endsAt' is in the past (" + draft.endsAt() + ")");
        }
        checkSchedule(draft, startsAt, now);
        checkTargets(user, draft.targets(), kioskMap(draft.targets().kiosks()));
        String id = database.write(connection -> {
            String candidate;
            do {
                candidate = "a-" + Tokens.random(ID_ALPHABET, 8);
            } while (find(connection, candidate).isPresent());
            Sql.update(connection, "INSERT INTO announcements (id, title, body, priority, outdoor, targets, starts_at,"
                    + " ends_at, repeat_daily, revision, change_seq, created_by, created_at, updated_by, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 0, ?, ?, ?, ?)",
                    candidate, draft.title(), draft.text(), draft.priority().name(), draft.outdoor(),
                    ProtocolJson.write(draft.targets()), startsAt, draft.endsAt(), times(draft.repeatDaily()),
                    user.username(), now, user.username(), now);
            recordChange(connection, candidate, 1, user, now);
            trail.record(connection, "announcement.create", candidate,
                    draft.priority() + " " + describe(draft.targets()));
            return candidate;
        });
        AnnouncementView created = read(id).orElseThrow();
        LOG.info("announcement {} ({}, {}) created by {}", id, created.priority(), describe(created.targets()),
                user.username());
        publish(created);
        return created;
    }

    /**
     * Refuses an end before the start, and a start or end before {@link #EARLIEST} or more than
     * {@link #FURTHEST_AHEAD} from now, naming the field.
     */
    private static void checkSchedule(AnnouncementDraft draft, Instant startsAt, Instant now) {
        Instant latest = now.plus(FURTHEST_AHEAD);
        inWindow("startsAt", draft.startsAt(), latest);
        inWindow("endsAt", draft.endsAt(), latest);
        if (draft.endsAt() != null && draft.endsAt().isBefore(startsAt)) {
            throw Refusal.invalidField("endsAt", "field 'endsAt' is before 'startsAt'");
        }
    }

    private static void inWindow(String field, Instant time, Instant latest) {
        if (time != null && time.isBefore(EARLIEST)) {
            throw Refusal.invalidField(field, "field '" + field + "' is before " + EARLIEST + " (" + time + ")");
        }
        if (time != null && time.isAfter(latest)) {
            throw Refusal.invalidField(field, "field '" + field + "' is more than two years ahead (" + time
                    + "); an announcement is scheduled at most until " + latest);
        }
    }

    /**
     * Replaces everything but the audio; {@code startsAt} left out keeps the current start.
     *
     * @param ifMatch the revision the caller edited (If-Match); empty to edit whatever is there
     * @throws Refusal NOT_FOUND, FORBIDDEN, CONFLICT if it was withdrawn, PRECONDITION_FAILED (with
     *     the announcement as it is now) if it is at another revision
     */
    public AnnouncementView update(StaffUser user, String id, AnnouncementDraft draft, Optional<Long> ifMatch,
            AuditTrail trail) {
        Instant now = clock.instant();
        AnnouncementView current = writable(user, id);
        Instant startsAt = draft.startsAt() == null ? current.startsAt() : draft.startsAt();
        checkSchedule(draft, startsAt, now);
        checkTargets(user, draft.targets(), kioskMap(draft.targets().kiosks()));
        database.write(connection -> {
            int revision = revisionForChange(connection, id);
            if (ifMatch.isPresent() && ifMatch.get() != revision - 1) {
                throw Refusal.changedMeanwhile("announcement " + id, revision - 1, find(connection, id).orElseThrow());
            }
            Sql.update(connection, "UPDATE announcements SET title = ?, body = ?, priority = ?, outdoor = ?, targets = ?,"
                    + " starts_at = ?, ends_at = ?, repeat_daily = ?, revision = ?, updated_by = ?, updated_at = ?"
                    + " WHERE id = ?", draft.title(), draft.text(), draft.priority().name(), draft.outdoor(),
                    ProtocolJson.write(draft.targets()), startsAt, draft.endsAt(), times(draft.repeatDaily()), revision,
                    user.username(), now, id);
            recordChange(connection, id, revision, user, now);
            trail.record(connection, "announcement.update", id, "revision " + revision);
            return null;
        });
        AnnouncementView updated = read(id).orElseThrow();
        LOG.info("announcement {} edited by {} (revision {})", id, user.username(), updated.revision());
        publish(updated, current);
        return updated;
    }

    /**
     * Withdraws it: every kiosk that has it stops it at its next sync.
     *
     * @throws Refusal NOT_FOUND, FORBIDDEN, CONFLICT if it was withdrawn already
     */
    public AnnouncementView withdraw(StaffUser user, String id, AuditTrail trail) {
        Instant now = clock.instant();
        writable(user, id);
        database.write(connection -> {
            int revision = revisionForChange(connection, id);
            Sql.update(connection, "UPDATE announcements SET withdrawn_by = ?, withdrawn_at = ?, revision = ?,"
                    + " updated_by = ?, updated_at = ? WHERE id = ?", user.username(), now, revision, user.username(),
                    now, id);
            recordChange(connection, id, revision, user, now);
            trail.record(connection, "announcement.withdraw", id, "revision " + revision);
            return null;
        });
        AnnouncementView withdrawn = read(id).orElseThrow();
        LOG.info("announcement {} withdrawn by {}", id, user.username());
        publish(withdrawn);
        return withdrawn;
    }

    /**
     * Checks that {@code user} may change {@code id}, before an upload is read.
     *
     * @throws Refusal NOT_FOUND, FORBIDDEN, CONFLICT if it was withdrawn
     */
    public void requireWritable(StaffUser user, String id) {
        writable(user, id);
    }

    /** Sets new audio, already stored under its checksum; raises the revision so kiosks fetch it. */
    public AnnouncementView attachAudio(StaffUser user, String id, AudioRef audio, AuditTrail trail) {
        Instant now = clock.instant();
        writable(user, id);
        database.write(connection -> {
            int revision = revisionForChange(connection, id);
            Sql.update(connection, "UPDATE announcements SET audio_sha256 = ?, audio_bytes = ?, audio_duration_ms = ?,"
                    + " revision = ?, updated_by = ?, updated_at = ? WHERE id = ?", audio.sha256(), audio.bytes(),
                    audio.durationMs(), revision, user.username(), now, id);
            recordChange(connection, id, revision, user, now);
            trail.record(connection, "announcement.audio", id, audio.bytes() + " bytes, " + audio.durationMs() + " ms");
            return null;
        });
        AnnouncementView updated = read(id).orElseThrow();
        LOG.info("announcement {}: audio {} ({} bytes, {} ms) from {}", id, audio.sha256(), audio.bytes(),
                audio.durationMs(), user.username());
        publish(updated);
        return updated;
    }

    public AnnouncementView get(StaffUser user, String id) {
        AnnouncementView view = read(id).orElseThrow(() -> notFound(id));
        if (!maySee(user, view.targets(), kiosksFor(user, view.targets()))) {
            throw Refusal.forbidden("announcement " + id + " does not reach " + user.village());
        }
        return view;
    }

    /**
     * Newest first. {@code withdrawn} empty lists all, true only withdrawn ones, false the others;
     * {@code village} only those that reach it. Cadres see only what reaches their village. A page
     * at a time, read along the index announcements_listed; the cursor is the creation time and id
     * of the page's last announcement.
     */
    public Page<AnnouncementView> list(StaffUser user, Optional<Boolean> withdrawn, Optional<String> village,
            PageRequest page) {
        ListQuery query = listQuery(withdrawn, village, user.role() == Role.CADRE ? Optional.of(user.village())
                : Optional.empty(), page);
        return Page.of(database.read(connection -> Sql.query(connection, query.sql(), Announcements::view,
                query.parameters().toArray())), page, view -> Cursor.of(view.createdAt().toEpochMilli(), view.id()));
    }

    /** The SQL of a page of the list and its parameters (public for the test of its query plan). */
    public record ListQuery(String sql, List<Object> parameters) {
    }

    /**
     * A page of the announcements, newest first: withdrawn or not when {@code withdrawn} says,
     * reaching {@code village} and {@code cadreVillage} when given.
     */
    public static ListQuery listQuery(Optional<Boolean> withdrawn, Optional<String> village,
            Optional<String> cadreVillage, PageRequest page) {
        StringBuilder sql = new StringBuilder("SELECT * FROM announcements a WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        withdrawn.ifPresent(only -> sql.append(only ? " AND a.withdrawn_at IS NOT NULL" : " AND a.withdrawn_at IS NULL"));
        for (Optional<String> reached : List.of(village, cadreVillage)) {
            reached.ifPresent(name -> {
                sql.append(REACHES);
                parameters.add(name);
                parameters.add(name);
            });
        }
        Keyset.descending("a.created_at", "a.id").page(sql, parameters, page,
                cursor -> List.of(cursor.number(0), cursor.text(1)));
        return new ListQuery(sql.toString(), parameters);
    }

    /**
     * Whether announcement {@code a} reaches a village (the parameter, twice), as {@link #reaches}
     * decides: everyone, the village named, or a kiosk of it. SQLite-only: the targets are JSON,
     * read with json_extract and json_each (PostgreSQL: {@code targets::jsonb} and
     * {@code jsonb_array_elements_text}).
     */
    private static final String REACHES = " AND (json_extract(a.targets, '$.all') = 1"
            + " OR EXISTS (SELECT 1 FROM json_each(a.targets, '$.villages') v WHERE v.value = ?)"
            + " OR EXISTS (SELECT 1 FROM json_each(a.targets, '$.kiosks') t JOIN kiosks k ON k.id = t.value"
            + " WHERE k.village = ?))";

    /**
     * The delivery board: a row for every kiosk the announcement targets, and for any kiosk it was
     * sent to before an edit took it off the targets; ordered by village and kiosk name. A cadre
     * sees their village's rows only.
     */
    public List<Delivery> deliveries(StaffUser user, String id) {
        AnnouncementView view = get(user, id);
        Map<String, DeliveryRow> rows = database.read(connection -> {
            Map<String, DeliveryRow> out = new HashMap<>();
            for (DeliveryRow row : Sql.query(connection, "SELECT * FROM announcement_deliveries WHERE announcement_id = ?",
                    Announcements::deliveryRow, id)) {
                out.put(row.kioskId(), row);
            }
            return out;
        });
        // Only the kiosks the board can list: those targeted and those with a row.
        List<KioskView> listed;
        if (view.targets().isEveryone()) {
            listed = kiosks.list(user.role() == Role.CADRE ? Optional.of(user.village()) : Optional.empty());
        } else {
            Set<String> ids = new LinkedHashSet<>(view.targets().kiosks());
            ids.addAll(rows.keySet());
            listed = kiosks.inVillagesOrWithIds(view.targets().villages(), ids);
        }
        List<Delivery> board = new ArrayList<>();
        for (KioskView kiosk : listed) {
            boolean targeted = targets(view.targets(), kiosk.id(), kiosk.village());
            DeliveryRow row = rows.get(kiosk.id());
            if (!targeted && row == null || user.role() == Role.CADRE && !kiosk.village().equals(user.village())) {
                continue;
            }
            boolean notPlayed = targeted && notPlayedBySetting(view.priority(), kiosk.kind(), kiosk.lastHeartbeat(),
                    row == null ? 0 : row.plays());
            board.add(row == null
                    ? new Delivery(kiosk.id(), null, null, null, null, kiosk.name(), kiosk.village(), true, null, null,
                            null, 0, notPlayed)
                    : row.toDelivery(kiosk, targeted, view.audio(), notPlayed));
        }
        return board;
    }

    /**
     * Whether {@code kiosk} plays NORMAL announcements at their times, as its newest heartbeat says
     * ({@code playsNormal}); a kiosk that has not said has its kind's default: a courtyard kiosk
     * does, a home unit does not ({@code home.announce-normal} is off unless set).
     */
    static boolean playsNormal(KioskView kiosk) {
        return playsNormal(kiosk.kind(), kiosk.lastHeartbeat());
    }

    private static boolean playsNormal(KioskKind kind, JsonNode lastHeartbeat) {
        JsonNode said = lastHeartbeat == null ? null : lastHeartbeat.get("playsNormal");
        return said != null && said.isBoolean() ? said.booleanValue() : kind != KioskKind.HOME;
    }

    /**
     * Whether a kiosk an announcement targets holds it but will not play it, by its own setting: a
     * NORMAL announcement on a unit that does not play NORMAL ones ({@link #playsNormal}) and that
     * has reported no play of it ({@code plays}). The delivery board marks such a kiosk
     * {@code notPlayedBySetting} and counts it apart; the monthly report leaves it out of the
     * kiosks targeted and counts it apart the same way.
     *
     * @param lastHeartbeat the kiosk's newest heartbeat, null if it has sent none
     */
    public static boolean notPlayedBySetting(Priority priority, KioskKind kind, JsonNode lastHeartbeat, int plays) {
        return priority == Priority.NORMAL && !playsNormal(kind, lastHeartbeat) && plays == 0;
    }

    /**
     * The audio file's checksum of an announcement, for a staff member who may see it or a kiosk it
     * is (or was) sent to.
     *
     * @throws Refusal NOT_FOUND without audio, or for a kiosk once it is withdrawn; FORBIDDEN for
     *     anyone else
     */
    public AudioRef audioFor(Principal caller, String id) {
        AnnouncementView view = read(id).orElseThrow(() -> notFound(id));
        if (caller instanceof StaffUser user) {
            if (!maySee(user, view.targets(), kiosksFor(user, view.targets()))) {
                throw Refusal.forbidden("announcement " + id + " does not reach " + user.village());
            }
        } else if (caller instanceof KioskIdentity kiosk) {
            if (!targets(view.targets(), kiosk.kioskId(), kiosk.village())) {
                throw Refusal.forbidden("announcement " + id + " is not for kiosk " + kiosk.kioskId());
            }
            if (view.withdrawn()) {
                throw Refusal.notFound("announcement " + id + " was withdrawn");
            }
        }
        if (view.audio() == null) {
            throw Refusal.notFound("announcement " + id + " has no audio (yet)");
        }
        return view.audio();
    }

    // Kiosks, through sync.

    /**
     * What a sync answer carries for {@code kiosk} after announcements cursor {@code after}: at
     * most {@code limit}, in change order, and the cursor that covers them. Records each one sent
     * on the delivery board. On first contact ({@code after} 0) withdrawn and ended announcements
     * are left out: the kiosk has nothing to stop.
     */
    public KioskAnnouncements forKiosk(KioskIdentity kiosk, long after, int limit) {
        Instant now = clock.instant();
        Selection selection = database.read(connection -> select(connection, kiosk, after, limit, now));
        if (!selection.sent().isEmpty()) {
            List<String> changed = database.write(connection -> {
                List<String> out = new ArrayList<>();
                for (AnnouncementView view : selection.sent()) {
                    if (recordDelivery(connection, view, kiosk.kioskId(), now)) {
                        out.add(view.id());
                    }
                }
                return out;
            });
            publishDeliveries(kiosk, changed);
        }
        return new KioskAnnouncements(selection.wire(), selection.cursor());
    }

    /** Whether {@link #forKiosk} would carry anything now; reads only. */
    public boolean hasNewsFor(KioskIdentity kiosk, long after) {
        Instant now = clock.instant();
        return !database.read(connection -> select(connection, kiosk, after, 1, now)).wire().isEmpty();
    }

    /**
     * Puts a kiosk's ANNOUNCEMENT_PLAYED on the board, inside the sync's transaction. The latest
     * play (by its end) gives {@code outcome}; {@code playedAt} is the start of the latest complete
     * play. A play of an announcement this hub does not know changes nothing here (the event itself
     * is still stored).
     *
     * @return whether the board changed (false for an unknown announcement)
     */
    public boolean recordPlayed(Connection connection, String kioskId, AnnouncementPlayed played) throws SQLException {
        if (find(connection, played.announcementId()).isEmpty()) {
            LOG.warn("kiosk {} reports a play of unknown announcement {}", kioskId, played.announcementId());
            return false;
        }
        DeliveryRow row = ensureRow(connection, played.announcementId(), kioskId);
        boolean latest = row.outcomeAt() == null || !played.endedAt().isBefore(row.outcomeAt());
        Instant playedAt = row.playedAt();
        if (played.outcome() == PlayOutcome.PLAYED && (playedAt == null || played.startedAt().isAfter(playedAt))) {
            playedAt = played.startedAt();
        }
        Sql.update(connection, "UPDATE announcement_deliveries SET plays = plays + 1, played_at = ?, outcome = ?,"
                + " detail = ?, outcome_at = ? WHERE announcement_id = ? AND kiosk_id = ?", playedAt,
                latest ? played.outcome().name() : row.outcome() == null ? null : row.outcome().name(),
                latest ? played.detail() : row.detail(), latest ? played.endedAt() : row.outcomeAt(),
                played.announcementId(), kioskId);
        return true;
    }

    /**
     * Puts a kiosk's AUDIO_DOWNLOADED on the board, inside the sync's transaction.
     *
     * @return whether the board changed (false for an unknown announcement)
     */
    public boolean recordDownloaded(Connection connection, String kioskId, AudioDownloaded downloaded, Instant at)
            throws SQLException {
        if (find(connection, downloaded.announcementId()).isEmpty()) {
            LOG.warn("kiosk {} reports audio of unknown announcement {}", kioskId, downloaded.announcementId());
            return false;
        }
        ensureRow(connection, downloaded.announcementId(), kioskId);
        Sql.update(connection, "UPDATE announcement_deliveries SET downloaded_at = ?, downloaded_sha256 = ?"
                + " WHERE announcement_id = ? AND kiosk_id = ?", at, downloaded.sha256(), downloaded.announcementId(),
                kioskId);
        return true;
    }

    // Inside.

    private record Selection(List<Announcement> wire, List<AnnouncementView> sent, long cursor) {
    }

    private Selection select(Connection connection, KioskIdentity kiosk, long after, int limit, Instant now)
            throws SQLException {
        Set<String> delivered = new LinkedHashSet<>(Sql.query(connection,
                "SELECT announcement_id FROM announcement_deliveries WHERE kiosk_id = ?", row -> row.getString(1),
                kiosk.kioskId()));
        List<Announcement> wire = new ArrayList<>();
        List<AnnouncementView> sent = new ArrayList<>();
        long cursor = after;
        while (true) {
            List<Map.Entry<Long, AnnouncementView>> page = Sql.query(connection,
                    "SELECT * FROM announcements WHERE change_seq > ? ORDER BY change_seq LIMIT ?",
                    row -> Map.entry(row.getLong("change_seq"), view(row)), cursor, PAGE);
            for (Map.Entry<Long, AnnouncementView> entry : page) {
                AnnouncementView view = entry.getValue();
                cursor = entry.getKey();
                if (targets(view.targets(), kiosk.kioskId(), kiosk.village())) {
                    boolean over = view.withdrawn() || view.endsAt() != null && view.endsAt().isBefore(now);
                    if (after == 0 && over) {
                        continue;
                    }
                    wire.add(view.toWire());
                    sent.add(view);
                } else if (delivered.contains(view.id())) {
                    wire.add(view.toWireWithdrawn());
                } else {
                    continue;
                }
                if (wire.size() == limit) {
                    return new Selection(wire, sent, cursor);
                }
            }
            if (page.size() < PAGE) {
                return new Selection(wire, sent, cursor);
            }
        }
    }

    /** Notes that {@code view}'s revision was sent to the kiosk; whether that changed its row. */
    private boolean recordDelivery(Connection connection, AnnouncementView view, String kioskId, Instant now)
            throws SQLException {
        Optional<Integer> revision = Sql.one(connection, "SELECT delivered_revision FROM announcement_deliveries"
                + " WHERE announcement_id = ? AND kiosk_id = ?", row -> {
                    int value = row.getInt(1);
                    return row.wasNull() ? -1 : value;
                }, view.id(), kioskId);
        if (revision.isEmpty()) {
            Sql.update(connection, "INSERT INTO announcement_deliveries (announcement_id, kiosk_id, delivered_at,"
                    + " delivered_revision, plays) VALUES (?, ?, ?, ?, 0)", view.id(), kioskId, now, view.revision());
            return true;
        } else if (revision.get() != view.revision()) {
            Sql.update(connection, "UPDATE announcement_deliveries SET delivered_at = ?, delivered_revision = ?"
                    + " WHERE announcement_id = ? AND kiosk_id = ?", now, view.revision(), view.id(), kioskId);
            return true;
        }
        return false;
    }

    private DeliveryRow ensureRow(Connection connection, String announcementId, String kioskId) throws SQLException {
        Optional<DeliveryRow> row = Sql.one(connection, "SELECT * FROM announcement_deliveries"
                + " WHERE announcement_id = ? AND kiosk_id = ?", Announcements::deliveryRow, announcementId, kioskId);
        if (row.isPresent()) {
            return row.get();
        }
        Sql.update(connection, "INSERT INTO announcement_deliveries (announcement_id, kiosk_id, plays) VALUES (?, ?, 0)",
                announcementId, kioskId);
        return new DeliveryRow(kioskId, null, null, null, null, null, null, null, null, 0);
    }

    private AnnouncementView writable(StaffUser user, String id) {
        AnnouncementView view = read(id).orElseThrow(() -> notFound(id));
        Map<String, KioskView> all = kiosksFor(user, view.targets());
        if (!maySee(user, view.targets(), all)) {
            throw Refusal.forbidden("announcement " + id + " does not reach " + user.village());
        }
        if (!withinVillage(user, view.targets(), all)) {
            throw Refusal.forbidden("announcement " + id + " reaches beyond " + user.village()
                    + "; only township staff may change it");
        }
        if (view.withdrawn()) {
            throw Refusal.conflict("announcement " + id + " was withdrawn and cannot be changed");
        }
        return view;
    }

    private static int revisionForChange(Connection connection, String id) throws SQLException {
        return Sql.one(connection, "SELECT revision FROM announcements WHERE id = ?", row -> row.getInt(1), id)
                .orElseThrow(() -> notFound(id)) + 1;
    }

    private static void recordChange(Connection connection, String id, int revision, StaffUser user, Instant now)
            throws SQLException {
        Sql.update(connection, "INSERT INTO announcement_changes (announcement_id, revision, changed_by, changed_at)"
                + " VALUES (?, ?, ?, ?)", id, revision, user.username(), now);
        long seq = Sql.one(connection, "SELECT MAX(seq) FROM announcement_changes", row -> row.getLong(1)).orElseThrow();
        Sql.update(connection, "UPDATE announcements SET change_seq = ? WHERE id = ?", seq, id);
    }

    private void checkTargets(StaffUser user, Targets targets, Map<String, KioskView> all) {
        for (int i = 0; i < targets.kiosks().size(); i++) {
            String kioskId = targets.kiosks().get(i);
            if (!all.containsKey(kioskId)) {
                throw Refusal.invalidField("targets.kiosks[" + i + "]",
                        "field 'targets.kiosks[" + i + "]' names no kiosk: '" + kioskId + "'");
            }
        }
        if (user.role() != Role.CADRE) {
            return;
        }
        if (targets.isEveryone()) {
            throw Refusal.forbidden("a cadre may announce only to " + user.village() + ", not to the whole township");
        }
        for (String village : targets.villages()) {
            if (!village.equals(user.village())) {
                throw Refusal.forbidden("a cadre may announce only to " + user.village() + ", not to " + village);
            }
        }
        for (String kioskId : targets.kiosks()) {
            KioskView kiosk = all.get(kioskId);
            if (!kiosk.village().equals(user.village())) {
                throw Refusal.forbidden("a cadre may announce only to " + user.village() + "; kiosk " + kioskId
                        + " is in " + kiosk.village());
            }
        }
    }

    private static boolean maySee(StaffUser user, Targets targets, Map<String, KioskView> all) {
        return user.role() != Role.CADRE || reaches(targets, user.village(), all);
    }

    private static boolean withinVillage(StaffUser user, Targets targets, Map<String, KioskView> all) {
        if (user.role() != Role.CADRE) {
            return true;
        }
        if (targets.isEveryone()) {
            return false;
        }
        return targets.villages().stream().allMatch(user.village()::equals)
                && targets.kiosks().stream().allMatch(id -> all.containsKey(id)
                        && all.get(id).village().equals(user.village()));
    }

    /** Whether an announcement reaches any kiosk of {@code village}. */
    private static boolean reaches(Targets targets, String village, Map<String, KioskView> all) {
        return targets.isEveryone() || targets.villages().contains(village)
                || targets.kiosks().stream().anyMatch(id -> all.containsKey(id) && all.get(id).village().equals(village));
    }

    /** Whether an announcement for {@code targets} goes to kiosk {@code kioskId} of {@code village}. */
    public static boolean targets(Targets targets, String kioskId, String village) {
        return targets.isEveryone() || targets.villages().contains(village) || targets.kiosks().contains(kioskId);
    }

    /**
     * The kiosks {@link #maySee} and {@link #withinVillage} need for {@code user}: a cadre's rule
     * needs the village of each kiosk the targets name; anyone else's needs none.
     */
    private Map<String, KioskView> kiosksFor(StaffUser user, Targets targets) {
        return user.role() == Role.CADRE ? kioskMap(targets.kiosks()) : Map.of();
    }

    /** The kiosks with these ids (retired ones too) by id, read by id alone; unknown ids are left out. */
    private Map<String, KioskView> kioskMap(Collection<String> ids) {
        Map<String, KioskView> out = new LinkedHashMap<>();
        for (KioskView kiosk : kiosks.inVillagesOrWithIds(List.of(), ids)) {
            out.put(kiosk.id(), kiosk);
        }
        return out;
    }

    /** The ids of the kiosks {@code targets} goes to ({@link #targets}), read as ids alone. */
    private Set<String> reachedIds(Targets targets) {
        return kiosks.ids(targets.isEveryone(), targets.villages(), targets.kiosks());
    }

    private void publish(AnnouncementView view) {
        publish(view, null);
    }

    /** Tells listeners which kiosks should hear of it: targets before and after, and where it was delivered. */
    private void publish(AnnouncementView view, AnnouncementView before) {
        Set<String> kioskIds = new LinkedHashSet<>(reachedIds(view.targets()));
        if (before != null) {
            kioskIds.addAll(reachedIds(before.targets()));
        }
        kioskIds.addAll(database.read(connection -> Sql.query(connection,
                "SELECT kiosk_id FROM announcement_deliveries WHERE announcement_id = ?", row -> row.getString(1),
                view.id())));
        for (AnnouncementListener listener : listeners) {
            try {
                listener.changed(view, Set.copyOf(kioskIds));
            } catch (RuntimeException e) {
                LOG.error("an announcement listener failed on {}", view.id(), e);
            }
        }
    }

    private Optional<AnnouncementView> read(String id) {
        return database.read(connection -> find(connection, id));
    }

    private static Optional<AnnouncementView> find(Connection connection, String id) throws SQLException {
        return Sql.one(connection, "SELECT * FROM announcements WHERE id = ?", Announcements::view, id);
    }

    private static Refusal notFound(String id) {
        return Refusal.notFound("no announcement '" + id + "'");
    }

    private static String describe(Targets targets) {
        return targets.isEveryone() ? "everyone" : !targets.villages().isEmpty()
                ? "villages " + targets.villages() : "kiosks " + targets.kiosks();
    }

    private static String times(List<LocalTime> times) {
        return times.stream().map(time -> String.format("%02d:%02d", time.getHour(), time.getMinute()))
                .collect(Collectors.joining(","));
    }

    private static AnnouncementView view(ResultSet row) throws SQLException {
        Targets targets;
        try {
            targets = ProtocolJson.read(row.getString("targets"), Targets.class);
        } catch (ProtocolException e) {
            throw new SQLException("stored targets of announcement " + row.getString("id") + " are unreadable", e);
        }
        String repeat = row.getString("repeat_daily");
        List<LocalTime> repeatDaily = repeat.isEmpty() ? List.of()
                : java.util.Arrays.stream(repeat.split(",")).map(LocalTime::parse).toList();
        String sha = row.getString("audio_sha256");
        AudioRef audio = sha == null ? null
                : new AudioRef(sha, row.getLong("audio_bytes"), row.getLong("audio_duration_ms"));
        Instant withdrawnAt = Sql.instant(row, "withdrawn_at");
        return new AnnouncementView(row.getString("id"), row.getString("title"), row.getString("body"),
                Priority.valueOf(row.getString("priority")), row.getBoolean("outdoor"), targets,
                Sql.instant(row, "starts_at"), Sql.instant(row, "ends_at"), repeatDaily, audio, withdrawnAt != null,
                row.getInt("revision"), row.getString("created_by"), Sql.instant(row, "created_at"),
                row.getString("updated_by"), Sql.instant(row, "updated_at"), row.getString("withdrawn_by"), withdrawnAt);
    }

    /** A row of {@code announcement_deliveries}. */
    private record DeliveryRow(String kioskId, Instant deliveredAt, Integer deliveredRevision, Instant downloadedAt,
            String downloadedSha256, Instant playedAt, PlayOutcome outcome, String detail, Instant outcomeAt, int plays) {

        Delivery toDelivery(KioskView kiosk, boolean targeted, AudioRef audio, boolean notPlayedBySetting) {
            Instant downloaded = audio != null && audio.sha256().equals(downloadedSha256) ? downloadedAt : null;
            return new Delivery(kiosk.id(), deliveredAt, downloaded, playedAt, outcome, kiosk.name(), kiosk.village(),
                    targeted, deliveredRevision, detail, outcomeAt, plays, notPlayedBySetting);
        }
    }

    private static DeliveryRow deliveryRow(ResultSet row) throws SQLException {
        int revision = row.getInt("delivered_revision");
        Integer deliveredRevision = row.wasNull() ? null : revision;
        String outcome = row.getString("outcome");
        return new DeliveryRow(row.getString("kiosk_id"), Sql.instant(row, "delivered_at"), deliveredRevision,
                Sql.instant(row, "downloaded_at"), row.getString("downloaded_sha256"), Sql.instant(row, "played_at"),
                outcome == null ? null : PlayOutcome.valueOf(outcome), row.getString("detail"),
                Sql.instant(row, "outcome_at"), row.getInt("plays"));
    }
}
