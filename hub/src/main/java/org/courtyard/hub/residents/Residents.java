package org.courtyard.hub.residents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.courtyard.hub.audit.AuditTrail;
import org.courtyard.hub.auth.KioskIdentity;
import org.courtyard.hub.auth.Principal;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.auth.Tokens;
import org.courtyard.hub.core.Cursor;
import org.courtyard.hub.core.Keyset;
import org.courtyard.hub.core.Page;
import org.courtyard.hub.core.PageRequest;
import org.courtyard.hub.core.Refusal;
import org.courtyard.hub.residents.ResidentView.CadreRef;
import org.courtyard.hub.residents.ResidentView.PhotoRef;
import org.courtyard.hub.photos.PhotoImages;
import org.courtyard.hub.store.Database;
import org.courtyard.hub.store.DatabaseException;
import org.courtyard.hub.store.Sql;
import org.courtyard.protocol.CadreCard;
import org.courtyard.protocol.ProtocolException;
import org.courtyard.protocol.VillageCard;
import org.courtyard.protocol.NameOrder;
import org.courtyard.protocol.ProtocolJson;
import org.courtyard.protocol.ResidentCard;
import org.courtyard.protocol.ResidentType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger of the people a township looks after: empty-nest elders and left-behind children of
 * each village, their photos and their paired cadres, and the roster each kiosk receives.
 *
 * <p>Every change that a kiosk would see (a name, type, photo, activity, village or pairing of
 * cadres with a PIN) writes a row of {@code roster_changes} for the villages concerned in the same
 * transaction; a kiosk's sync cursor carries the newest such row of its village, so the kiosk
 * gets the whole roster again exactly when it changed. After the commit the roster listeners are
 * told which villages changed (the hub wakes those kiosks' long-polls).
 */
public final class Residents {

    /** Letters and digits that cannot be mistaken for each other (no 0/o, 1/l/i), as kiosk ids. */
    static final String ID_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

    private static final Logger LOG = LoggerFactory.getLogger(Residents.class);
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final String SELECT = "SELECT r.*,"
            + " (SELECT MAX(c.checked_in_at) FROM check_ins c WHERE c.resident_id = r.id) AS last_check_in_at,"
            + " (SELECT MAX(v.visited_at) FROM visits v WHERE v.resident_id = r.id) AS last_visit_at,"
            + " (SELECT COUNT(*) FROM check_in_alerts a WHERE a.resident_id = r.id AND a.cleared_at IS NULL)"
            + " AS open_alerts FROM residents r";

    private final Database database;
    private final Clock clock;
    private final Path photoDir;
    private final List<Consumer<Set<String>>> rosterListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Set<String>>> ledgerListeners = new CopyOnWriteArrayList<>();
    private final List<Standing.Hook> standingHooks = new CopyOnWriteArrayList<>();

    /** @param photoDir where photos are kept, one file per SHA-256; created on the first upload */
    public Residents(Database database, Clock clock, Path photoDir) {
        this.database = database;
        this.clock = clock;
        this.photoDir = photoDir;
    }

    /** Told, after the commit, the villages whose kiosk roster changed; must return quickly. */
    public void addRosterListener(Consumer<Set<String>> listener) {
        rosterListeners.add(listener);
    }

    /**
     * Told, after the commit, the ids of existing residents whose fields staff changed (PUT, PATCH,
     * CSV import); must return quickly. The alerts use it to clear at once the alert of someone no
     * longer expected to check in.
     */
    public void addLedgerListener(Consumer<Set<String>> listener) {
        ledgerListeners.add(listener);
    }

    /**
     * Told, inside the writing transaction, of every change of a resident's {@link Standing}: the
     * per-period counts of check-ins and visits ({@link PeriodCounts}) move the resident's periods
     * with it.
     */
    public void addStandingHook(Standing.Hook hook) {
        standingHooks.add(hook);
    }

    /**
     * Adds a resident, audited as {@code resident.create} on {@code trail}. 403 for a cadre writing
     * into another village, 409 if an active resident of the village has the name, 400 naming the
     * field for anything invalid.
     */
    public ResidentView create(StaffUser user, ResidentInput input, AuditTrail trail) {
        Edits edits = new Edits();
        String id = write(connection -> create(connection, user, input, trail, edits));
        committed(edits);
        return get(user, id);
    }

    /**
     * Replaces every editable field of a resident (PUT); a field left out is cleared. Audited on
     * {@code trail} (see {@link #recordUpdate}).
     *
     * @param ifMatch the version the caller edited (If-Match); empty to edit whatever is there
     * @throws Refusal PRECONDITION_FAILED, with the resident as it is now, if it is at another version
     */
    public ResidentView replace(StaffUser user, String id, ResidentInput input, Optional<Long> ifMatch,
            AuditTrail trail) {
        return change(user, id, ifMatch, trail, existing -> input);
    }

    /**
     * Changes the fields {@code patch} names (PATCH, JSON merge patch): a field with a value sets
     * it, a field with {@code null} clears it, a field left out keeps its value. Audited on
     * {@code trail} (see {@link #recordUpdate}). {@code ifMatch} as for {@link #replace}.
     */
    public ResidentView patch(StaffUser user, String id, JsonNode patch, Optional<Long> ifMatch, AuditTrail trail) {
        return change(user, id, ifMatch, trail, existing -> merged(existing, patch));
    }

    /**
     * {@link #patch} inside the caller's write transaction, for a feature that changes the ledger
     * together with its own rows (the survey's CHANGED review). The caller hands {@code edits} to
     * {@link #committed} after its commit. A bad field is a {@link FieldError} naming it.
     *
     * @return the resident as changed
     */
    public ResidentView patch(Connection connection, StaffUser user, String id, JsonNode patch, AuditTrail trail,
            Edits edits) throws SQLException {
        ResidentView existing = find(connection, id).orElseThrow(() -> notFound(id));
        VillageScope.village(user, existing.village(), "resident " + id);
        ResidentInput input = merged(existing, patch);
        VillageScope.village(user, input.village(), "the resident's new village");
        update(connection, existing, input, edits.villages);
        recordUpdate(connection, trail, existing, input);
        edits.residentIds.add(id);
        return find(connection, id).orElseThrow();
    }

    /**
     * Sets an active resident inactive with {@code reason} (the survey's LEFT: moved, parents
     * returned, passed away, ...) inside the caller's write transaction, audited as
     * {@code resident.deactivate}. The caller hands {@code edits} to {@link #committed}.
     */
    public void leave(Connection connection, StaffUser user, String id, String reason, AuditTrail trail, Edits edits)
            throws SQLException {
        ResidentView existing = find(connection, id).orElseThrow(() -> notFound(id));
        VillageScope.village(user, existing.village(), "resident " + id);
        update(connection, existing, existing.input().withActive(false), edits.villages);
        Sql.update(connection, "UPDATE residents SET left_reason = ? WHERE id = ?", reason, id);
        trail.record(connection, "resident.deactivate", id, "reason=" + reason);
        edits.residentIds.add(id);
    }

    /**
     * Adds a resident inside the caller's write transaction (a person the survey found), audited as
     * {@code resident.create}. The caller hands {@code edits} to {@link #committed}.
     *
     * @return the new resident's id
     */
    public String create(Connection connection, StaffUser user, ResidentInput input, AuditTrail trail, Edits edits)
            throws SQLException {
        VillageScope.village(user, input.village(), "the resident");
        String id = insert(connection, input, edits.villages);
        trail.record(connection, "resident.create", id, "village=" + input.village() + " type=" + input.type().name());
        return id;
    }

    /**
     * What ledger changes made inside another feature's transaction must tell after its commit:
     * the villages whose kiosk roster changed and the residents whose fields changed.
     */
    public static final class Edits {
        private final Set<String> villages = new TreeSet<>();
        private final Set<String> residentIds = new TreeSet<>();
    }

    /** Tells the roster and ledger listeners of {@code edits}, after the caller's commit. */
    public void committed(Edits edits) {
        announce(edits.villages);
        ledgerChanged(edits.residentIds);
    }

    /**
     * The stored fields of {@code existing} with those of a JSON merge patch; a {@link FieldError}
     * naming a bad field, a refusal for a patch that is not an object.
     */
    private static ResidentInput merged(ResidentView existing, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw Refusal.badRequest("the body must be a JSON object with the fields to change");
        }
        ObjectNode merged = ProtocolJson.mapper().valueToTree(existing.input());
        patch.fields().forEachRemaining(field -> {
            if (merged.has(field.getKey())) {
                merged.set(field.getKey(), field.getValue());
            }
        });
        try {
            return ProtocolJson.read(merged, ResidentInput.class);
        } catch (ProtocolException e) {
            // A field the record refused is named by the record itself; a wrong JSON type by its path.
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof FieldError field) {
                    throw field;
                }
            }
            throw new FieldError(e.path().isEmpty() ? "body" : e.path(), e.getMessage());
        }
    }

    /**
     * Changes resident {@code id} to what {@code edit} makes of it, in one transaction: the user
     * must have both its village and the new one; the change is audited on {@code trail}.
     */
    private ResidentView change(StaffUser user, String id, Optional<Long> ifMatch, AuditTrail trail,
            Function<ResidentView, ResidentInput> edit) {
        Edits edits = new Edits();
        write(connection -> {
            ResidentView existing = find(connection, id).orElseThrow(() -> notFound(id));
            VillageScope.village(user, existing.village(), "resident " + id);
            if (ifMatch.isPresent() && ifMatch.get() != existing.version()) {
                throw Refusal.changedMeanwhile("resident " + id, existing.version(), existing);
            }
            ResidentInput input = edit.apply(existing);
            VillageScope.village(user, input.village(), "the resident's new village");
            update(connection, existing, input, edits.villages);
            recordUpdate(connection, trail, existing, input);
            edits.residentIds.add(id);
            return null;
        });
        committed(edits);
        return get(user, id);
    }

    /**
     * Audits an edit of {@code existing}: {@code resident.deactivate} or {@code resident.reactivate}
     * when it leaves or returns to the ledger, else {@code resident.update}; the detail names the
     * fields that changed, never their values (they may be phone numbers).
     */
    private static void recordUpdate(Connection connection, AuditTrail trail, ResidentView existing,
            ResidentInput input) throws SQLException {
        String action = existing.active() == input.active() ? "resident.update"
                : input.active() ? "resident.reactivate" : "resident.deactivate";
        trail.record(connection, action, existing.id(), changedFields(existing.input(), input));
    }

    /**
     * {@code changed: a, b} naming the top-level fields whose JSON differs between two values of
     * the same record type, or {@code no change}.
     */
    static String changedFields(Object before, Object after) {
        JsonNode was = ProtocolJson.mapper().valueToTree(before);
        JsonNode now = ProtocolJson.mapper().valueToTree(after);
        List<String> names = new ArrayList<>();
        now.fieldNames().forEachRemaining(name -> {
            if (!now.get(name).equals(was.get(name))) {
                names.add(name);
            }
        });
        return names.isEmpty() ? "no change" : "changed: " + String.join(", ", names);
    }

    /** One resident with every field; 404 if unknown, 403 for a cadre of another village. */
    public ResidentView get(StaffUser user, String id) {
        ResidentView view = database.read(connection -> find(connection, id)).orElseThrow(() -> notFound(id));
        VillageScope.village(user, view.village(), "resident " + id);
        return view;
    }

    /**
     * A page of the residents matching {@code filter} that {@code user} may see, by village and
     * name in the kiosk's pinyin order ({@link NameOrder}), phones masked.
     */
    public Page<ResidentView> list(StaffUser user, ResidentFilter filter, PageRequest page) {
        ResidentFilter allowed = filter.withVillage(VillageScope.listVillage(user, filter.village()));
        Optional<Cursor> after = page.cursor(3);
        return database.read(connection -> Page.of(query(connection, allowed, after, page.fetch()), page,
                Residents::position)).map(ResidentView::masked);
    }

    /** Where {@code view} stands in the ledger's order: the cursor of the page it ends. */
    private static Cursor position(ResidentView view) {
        return Cursor.of(NameOrder.sortKey(view.village()), view.nameKey(), view.id());
    }

    /**
     * A page of the villages with active residents, in the ledger's order (village key, then
     * village: index village_counts_order, one row of village_counts per village), for the lists
     * that answer village by village without reading every village's residents at once. The
     * cursor is the last village's key and name.
     *
     * @throws Refusal INVALID naming {@code cursor} for a token not made for this list
     */
    public static Page<String> villages(Connection connection, PageRequest page) throws SQLException {
        StringBuilder sql = new StringBuilder(VILLAGE_PAGE);
        List<Object> parameters = new ArrayList<>();
        VILLAGE_ORDER.page(sql, parameters, page, Residents::villagePosition);
        List<VillageKey> rows = Sql.query(connection, sql.toString(),
                row -> new VillageKey(row.getString("village"), row.getString("village_key")), parameters.toArray());
        return Page.of(rows, page, row -> Cursor.of(row.key(), row.village())).map(VillageKey::village);
    }

    /** A village page's cursor values: the village's key, which must be its name's, and the village. */
    private static List<?> villagePosition(Cursor cursor) {
        if (!NameOrder.sortKey(cursor.text(1)).equals(cursor.text(0))) {
            throw Refusal.invalidField("cursor", "query parameter 'cursor' is not one this hub made for this list;"
                    + " take it from the Link header of the previous page");
        }
        return List.of(cursor.text(0), cursor.text(1));
    }

    /**
     * The villages with active residents, before {@link #VILLAGE_ORDER} adds the page's position,
     * order and limit: reads index village_counts_order and nothing else (VillagePagingTest).
     */
    public static final String VILLAGE_PAGE = "SELECT village, village_key FROM village_counts WHERE residents > 0";
    /** The order of {@link #villages}: the ledger's order of villages. */
    public static final Keyset VILLAGE_ORDER = Keyset.ascending("village_key", "village");

    private record VillageKey(String village, String key) {
    }

    /** Every resident matching {@code filter}, unmasked, for the ledger export and the hub's own views. */
    public List<ResidentView> all(Connection connection, ResidentFilter filter) throws SQLException {
        return query(connection, filter, Optional.empty(), 0);
    }

    /**
     * Every resident matching {@code filter}, unmasked, in the ledger's order (as {@link #all}),
     * read {@code pageSize} at a time along the list's keyset and handed to {@code each} one by
     * one: for the ledger export, which must not hold the whole ledger in memory. In the caller's
     * transaction, so the walk sees one snapshot.
     */
    public void walk(Connection connection, ResidentFilter filter, int pageSize, Consumer<ResidentView> each)
            throws SQLException {
        Optional<Cursor> after = Optional.empty();
        while (true) {
            List<ResidentView> page = query(connection, filter, after, pageSize);
            page.forEach(each);
            if (page.size() < pageSize) {
                return;
            }
            after = Optional.of(position(page.get(page.size() - 1)));
        }
    }

    /**
     * Up to {@code limit} residents, inactive ones included, whose ids come after {@code afterId}
     * (null for the first page), in id order, with every field: for walking the whole ledger a page
     * at a time (the survey's snapshots) without holding it in memory.
     */
    public List<ResidentView> page(Connection connection, String afterId, int limit) throws SQLException {
        List<ResidentView> bare = Sql.query(connection, SELECT + " WHERE r.id > ? ORDER BY r.id LIMIT ?",
                Residents::row, afterId == null ? "" : afterId, limit);
        Map<String, List<CadreRef>> cadres = cadresOf(connection, bare.stream().map(ResidentView::id).toList());
        return bare.stream().map(view -> view.withCadres(cadres.getOrDefault(view.id(), List.of()))).toList();
    }

    /** The name of resident {@code id}, if there is one; in the caller's transaction (for messages about them). */
    public static Optional<String> nameOf(Connection connection, String id) throws SQLException {
        return Sql.one(connection, "SELECT name FROM residents WHERE id = ?", row -> row.getString(1), id);
    }

    /** A resident inside the caller's transaction, with every field. */
    public Optional<ResidentView> find(Connection connection, String id) throws SQLException {
        Optional<ResidentView> bare = Sql.one(connection, SELECT + " WHERE r.id = ?", Residents::row, id);
        if (bare.isEmpty()) {
            return bare;
        }
        return Optional.of(bare.get().withCadres(cadresOf(connection, List.of(id)).getOrDefault(id, List.of())));
    }

    // Photos.

    /**
     * Stores a new photo for the resident (any earlier one is replaced). The picture is scaled to
     * at most {@value PhotoImages#MAX_SIDE} pixels and re-encoded as JPEG without metadata; the
     * file is named by the SHA-256 of what is stored. Audited as {@code resident.photo.set} on
     * {@code trail}.
     *
     * @param mediaType what the upload was declared as, {@code image/jpeg} or {@code image/png};
     *     refused ({@link Refusal.Kind#UNSUPPORTED_TYPE}) when the bytes are not that
     */
    public PhotoRef setPhoto(StaffUser user, String id, byte[] image, String mediaType, AuditTrail trail) {
        if (!PhotoImages.looksLike(image, mediaType)) {
            throw Refusal.unsupportedType("the body is declared " + mediaType + " but is not a "
                    + (mediaType.equals("image/png") ? "PNG" : "JPEG") + " file");
        }
        get(user, id);
        PhotoImages.Photo photo;
        try {
            photo = PhotoImages.normalise(image);
        } catch (IllegalArgumentException e) {
            throw new Refusal(Refusal.Kind.INVALID, "invalid_image", e.getMessage(), e);
        }
        String sha256;
        try {
            sha256 = PhotoImages.keep(photoDir, photo.jpeg());
        } catch (IOException e) {
            throw new DatabaseException("cannot store the photo in " + photoDir + ": " + e.getMessage(), e);
        }
        Set<String> changed = new TreeSet<>();
        String old = write(connection -> {
            ResidentView existing = find(connection, id).orElseThrow(() -> notFound(id));
            VillageScope.village(user, existing.village(), "resident " + id);
            Sql.update(connection, "UPDATE residents SET photo_sha256 = ?, photo_bytes = ?, updated_at = ? WHERE id = ?",
                    sha256, (long) photo.jpeg().length, clock.instant(), id);
            rosterChanged(connection, existing, find(connection, id).orElseThrow(), changed);
            trail.record(connection, "resident.photo.set", id, photo.jpeg().length + " bytes stored");
            return existing.photo() == null ? null : existing.photo().sha256();
        });
        announce(changed);
        removeIfUnused(old);
        return new PhotoRef(sha256, photo.jpeg().length);
    }

    /**
     * Removes the resident's photo; the kiosks show the name's first character instead. Audited as
     * {@code resident.photo.delete} on {@code trail}.
     */
    public void deletePhoto(StaffUser user, String id, AuditTrail trail) {
        Set<String> changed = new TreeSet<>();
        String old = write(connection -> {
            ResidentView existing = find(connection, id).orElseThrow(() -> notFound(id));
            VillageScope.village(user, existing.village(), "resident " + id);
            Sql.update(connection, "UPDATE residents SET photo_sha256 = NULL, photo_bytes = NULL, updated_at = ?"
                    + " WHERE id = ?", clock.instant(), id);
            rosterChanged(connection, existing, find(connection, id).orElseThrow(), changed);
            trail.record(connection, "resident.photo.delete", id, existing.photo() == null ? "had no photo" : null);
            return existing.photo() == null ? null : existing.photo().sha256();
        });
        announce(changed);
        removeIfUnused(old);
    }

    /** A stored photo: its checksum and where the JPEG file is. */
    public record StoredPhoto(String sha256, Path file) {
    }

    /**
     * The resident's photo, for a staff member who may see the resident or a kiosk of the
     * resident's village (403 otherwise); 404 for an unknown resident or one without a photo.
     */
    public StoredPhoto photo(Principal caller, String id) {
        ResidentView view = database.read(connection -> find(connection, id)).orElseThrow(() -> notFound(id));
        if (caller instanceof StaffUser user) {
            VillageScope.village(user, view.village(), "resident " + id);
        } else if (caller instanceof KioskIdentity kiosk && !kiosk.village().equals(view.village())) {
            throw Refusal.forbidden("resident " + id + " does not live in " + kiosk.village()
                    + ", the village of this kiosk");
        }
        if (view.photo() == null) {
            throw Refusal.notFound("resident " + id + " has no photo");
        }
        Path file = photoFile(view.photo().sha256());
        if (!Files.isRegularFile(file)) {
            throw new DatabaseException("the photo file " + file + " of resident " + id + " is missing", null);
        }
        return new StoredPhoto(view.photo().sha256(), file);
    }

    // The kiosks' roster.

    /** What a kiosk of {@code village} shows, and the roster version it belongs to. */
    public record KioskRoster(long version, List<ResidentCard> residents, List<CadreCard> cadres,
            VillageCard village) {
    }

    /**
     * The active residents of {@code village} (names, types, photo checksums), its active cadres
     * with a kiosk PIN and the village's card (its duty phone), read in one transaction with the
     * roster version they belong to.
     */
    public KioskRoster roster(String village) {
        return database.read(connection -> new KioskRoster(
                rosterVersion(connection, village),
                Sql.query(connection, "SELECT id, name, type, photo_sha256, village_group FROM residents"
                        + " WHERE village = ? AND active ORDER BY name, id", row -> new ResidentCard(row.getString("id"),
                                row.getString("name"), ResidentType.valueOf(row.getString("type")),
                                row.getString("photo_sha256"), row.getString("village_group")), village),
                Sql.query(connection, "SELECT id, name, village, pin_hash FROM cadres WHERE village = ? AND active"
                        + " AND pin_hash IS NOT NULL ORDER BY name, id", row -> new CadreCard(row.getString("id"),
                                row.getString("name"), row.getString("village"), row.getString("pin_hash")), village),
                new VillageCard(village, Villages.dutyPhone(connection, village).orElse(null))));
    }

    /** The newest roster change of {@code village}; 0 before the first. */
    public long rosterVersion(String village) {
        return database.read(connection -> rosterVersion(connection, village));
    }

    private static long rosterVersion(Connection connection, String village) throws SQLException {
        return Sql.one(connection, "SELECT MAX(seq) AS v FROM roster_changes WHERE village = ?",
                row -> row.getLong("v"), village).orElse(0L);
    }

    /**
     * Writes a roster change of {@code village} inside the caller's transaction; the caller
     * {@link #announce announces} it after the commit. For the cadres, whose PINs are in the roster.
     */
    void recordRosterChange(Connection connection, String village, Set<String> changed) throws SQLException {
        Sql.update(connection, "INSERT INTO roster_changes (village, changed_at) VALUES (?, ?)", village,
                clock.instant());
        changed.add(village);
    }

    /** Tells the roster listeners, after a commit, which villages' rosters changed. */
    void announce(Set<String> villages) {
        if (villages.isEmpty()) {
            return;
        }
        for (Consumer<Set<String>> listener : rosterListeners) {
            try {
                listener.accept(Set.copyOf(villages));
            } catch (RuntimeException e) {
                LOG.error("a roster listener failed for {}", villages, e);
            }
        }
    }

    /** Tells the ledger listeners, after a commit, which residents staff changed. */
    void ledgerChanged(Set<String> residentIds) {
        if (residentIds.isEmpty()) {
            return;
        }
        for (Consumer<Set<String>> listener : ledgerListeners) {
            try {
                listener.accept(Set.copyOf(residentIds));
            } catch (RuntimeException e) {
                LOG.error("a ledger listener failed for {} resident(s)", residentIds.size(), e);
            }
        }
    }

    // Writing, shared with the CSV import.

    /** Inserts a resident inside the caller's transaction; returns the new id. */
    String insert(Connection connection, ResidentInput input, Set<String> changed) throws SQLException {
        checkCadres(connection, input);
        checkName(connection, input, null);
        String id;
        do {
            id = "r-" + Tokens.random(ID_ALPHABET, 8);
        } while (Sql.one(connection, "SELECT id FROM residents WHERE id = ?", row -> row.getString(1), id).isPresent());
        Instant now = clock.instant();
        Sql.update(connection, "INSERT INTO residents (id, village, village_group, name, type, tags, check_in_every_days,"
                + " expect_since, birth_date, phone, address, guardian, guardian_phone, parents_away, parents_workplace,"
                + " parents_phone, school, school_class, head_teacher, children_away, note, active, left_at, created_at,"
                + " updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, input.village(), input.group(), input.name(), input.type().name(), ProtocolJson.write(input.tags()),
                input.checkInEveryDays(), now, text(input.birthDate()), input.phone(), input.address(),
                input.guardian(), input.guardianPhone(), text(input.parentsAway()), input.parentsWorkplace(),
                input.parentsPhone(), input.school(), input.schoolClass(), input.headTeacher(),
                text(input.childrenAway()), input.note(), input.active(), input.active() ? null : now, now, now);
        writeKeys(connection, id, input);
        counted(connection, id, null, Standing.of(input.active(), input.village(), input.checkInEveryDays()));
        pair(connection, id, input.cadreIds());
        if (input.active()) {
            recordRosterChange(connection, input.village(), changed);
        }
        return id;
    }

    /** The sort and search keys of a resident's village and name (schema step 7). */
    private static void writeKeys(Connection connection, String id, ResidentInput input) throws SQLException {
        Sql.update(connection, "UPDATE residents SET village_key = ?, name_key = ?, name_pinyin = ? WHERE id = ?",
                NameOrder.sortKey(input.village()), NameOrder.sortKey(input.name()), Pinyin.searchKey(input.name()),
                id);
    }

    /** Replaces the editable fields of {@code existing} inside the caller's transaction. */
    void update(Connection connection, ResidentView existing, ResidentInput input, Set<String> changed)
            throws SQLException {
        checkCadres(connection, input);
        checkName(connection, input, existing.id());
        Instant now = clock.instant();
        // The count towards an alert starts again when an expectation is set or the resident returns.
        boolean expectationStarts = input.checkInEveryDays() != null
                && (existing.checkInEveryDays() == null || !existing.active() && input.active());
        Sql.update(connection, "UPDATE residents SET village = ?, village_group = ?, name = ?, type = ?, tags = ?,"
                + " check_in_every_days = ?, birth_date = ?, phone = ?, address = ?, guardian = ?, guardian_phone = ?,"
                + " parents_away = ?, parents_workplace = ?, parents_phone = ?, school = ?, school_class = ?,"
                + " head_teacher = ?, children_away = ?, note = ?, active = ?, updated_at = ?,"
                + " version = version + 1 WHERE id = ?",
                input.village(), input.group(), input.name(), input.type().name(), ProtocolJson.write(input.tags()),
                input.checkInEveryDays(), text(input.birthDate()), input.phone(), input.address(), input.guardian(),
                input.guardianPhone(), text(input.parentsAway()), input.parentsWorkplace(), input.parentsPhone(),
                input.school(), input.schoolClass(), input.headTeacher(), text(input.childrenAway()), input.note(),
                input.active(), now, existing.id());
        if (!existing.name().equals(input.name()) || !existing.village().equals(input.village())) {
            writeKeys(connection, existing.id(), input);
        }
        // When someone leaves the ledger is what the reports count by; a return clears it and the reason.
        if (existing.active() && !input.active()) {
            Sql.update(connection, "UPDATE residents SET left_at = ? WHERE id = ?", now, existing.id());
        } else if (!existing.active() && input.active()) {
            Sql.update(connection, "UPDATE residents SET left_at = NULL, left_reason = NULL WHERE id = ?",
                    existing.id());
        }
        if (expectationStarts) {
            Sql.update(connection, "UPDATE residents SET expect_since = ? WHERE id = ?", now, existing.id());
        }
        counted(connection, existing.id(), Standing.of(existing.active(), existing.village(),
                existing.checkInEveryDays()), Standing.of(input.active(), input.village(), input.checkInEveryDays()));
        Sql.update(connection, "DELETE FROM pairings WHERE resident_id = ?", existing.id());
        pair(connection, existing.id(), input.cadreIds());
        rosterChanged(connection, existing, find(connection, existing.id()).orElseThrow(), changed);
    }

    /**
     * Moves a resident whose {@link Standing} changed in village_counts and tells the standing
     * hooks, in the caller's transaction; nothing when it did not change.
     */
    private void counted(Connection connection, String id, Standing before, Standing after) throws SQLException {
        if (Objects.equals(before, after)) {
            return;
        }
        if (before != null) {
            Sql.update(connection, "UPDATE village_counts SET residents = residents - 1, expected = expected - ?"
                    + " WHERE village = ?", before.expected() ? 1 : 0, before.village());
        }
        if (after != null) {
            Sql.update(connection, "INSERT INTO village_counts (village, village_key, residents, expected)"
                    + " VALUES (?, ?, 1, ?) ON CONFLICT (village) DO UPDATE SET residents = village_counts.residents + 1,"
                    + " expected = village_counts.expected + excluded.expected", after.village(),
                    NameOrder.sortKey(after.village()), after.expected() ? 1 : 0);
        }
        for (Standing.Hook hook : standingHooks) {
            hook.changed(connection, id, before, after);
        }
    }

    /**
     * Builds village_counts again from the residents (one pass over them, in one transaction);
     * run when the hub starts, after {@link #fillSearchKeys}, so that the counts agree with the
     * residents however these were written. Returns how many villages have active residents.
     */
    public int buildVillageCounts() {
        long start = System.nanoTime();
        int villages = database.write(connection -> {
            Sql.update(connection, "DELETE FROM village_counts");
            List<Object[]> rows = Sql.query(connection, "SELECT village, COUNT(*), COUNT(check_in_every_days)"
                    + " FROM residents WHERE active GROUP BY village", row -> new Object[] {row.getString(1),
                            row.getInt(2), row.getInt(3)});
            for (Object[] row : rows) {
                Sql.update(connection, "INSERT INTO village_counts (village, village_key, residents, expected)"
                        + " VALUES (?, ?, ?, ?)", row[0], NameOrder.sortKey((String) row[0]), row[1], row[2]);
            }
            return rows.size();
        });
        LOG.info("built village_counts of {} villages in {} ms", villages, (System.nanoTime() - start) / 1_000_000);
        return villages;
    }

    /** Records a roster change for the villages where what kiosks show of this resident changed. */
    private void rosterChanged(Connection connection, ResidentView before, ResidentView after, Set<String> changed)
            throws SQLException {
        Optional<ResidentCard> was = card(before);
        Optional<ResidentCard> now = card(after);
        if (!before.village().equals(after.village())) {
            if (was.isPresent()) {
                recordRosterChange(connection, before.village(), changed);
            }
            if (now.isPresent()) {
                recordRosterChange(connection, after.village(), changed);
            }
        } else if (!was.equals(now)) {
            recordRosterChange(connection, after.village(), changed);
        }
    }

    private static Optional<ResidentCard> card(ResidentView view) {
        return view.active()
                ? Optional.of(new ResidentCard(view.id(), view.name(), view.type(),
                        view.photo() == null ? null : view.photo().sha256(), view.group()))
                : Optional.empty();
    }

    private static void checkCadres(Connection connection, ResidentInput input) throws SQLException {
        for (String cadreId : input.cadreIds()) {
            Optional<String[]> cadre = Sql.one(connection, "SELECT village, active FROM cadres WHERE id = ?",
                    row -> new String[] {row.getString("village"), Boolean.toString(row.getBoolean("active"))}, cadreId);
            if (cadre.isEmpty()) {
                throw new FieldError("cadreIds", "field 'cadreIds' names cadre '" + cadreId + "', who is not registered");
            }
            if (!cadre.get()[0].equals(input.village())) {
                throw new FieldError("cadreIds", "field 'cadreIds' names cadre " + cadreId + " of " + cadre.get()[0]
                        + "; a resident of " + input.village() + " is paired with cadres of " + input.village());
            }
            if (!Boolean.parseBoolean(cadre.get()[1])) {
                throw new FieldError("cadreIds", "field 'cadreIds' names cadre " + cadreId + ", who is inactive");
            }
        }
    }

    private static void checkName(Connection connection, ResidentInput input, String self) throws SQLException {
        if (!input.active()) {
            return;
        }
        Optional<String> other = Sql.one(connection, "SELECT id FROM residents WHERE village = ? AND name = ? AND active"
                + " AND id <> ?", row -> row.getString(1), input.village(), input.name(), self == null ? "" : self);
        if (other.isPresent()) {
            throw new NameTaken(input.name(), input.village(), other.get());
        }
    }

    private static void pair(Connection connection, String residentId, List<String> cadreIds) throws SQLException {
        for (String cadreId : cadreIds) {
            Sql.update(connection, "INSERT INTO pairings (resident_id, cadre_id) VALUES (?, ?)", residentId, cadreId);
        }
    }

    // Reading.

    /**
     * The residents matching {@code filter} in the ledger's order (village, then name, both by
     * their stored {@link NameOrder#sortKey}), after {@code after} (village key, name key, id),
     * at most {@code limit} (0: all). One village's page reads the index residents_village_order,
     * a page of all villages residents_search (ResidentQueryPlanTest), and stops after {@code limit} rows.
     */
    private static List<ResidentView> query(Connection connection, ResidentFilter filter, Optional<Cursor> after,
            int limit) throws SQLException {
        ListQuery query = listQuery(filter, after, limit);
        List<ResidentView> bare = Sql.query(connection, query.sql(), Residents::row, query.parameters().toArray());
        Map<String, List<CadreRef>> cadres = cadresOf(connection, bare.stream().map(ResidentView::id).toList());
        return bare.stream().map(view -> view.withCadres(cadres.getOrDefault(view.id(), List.of()))).toList();
    }

    /** A statement and its parameters, in order. */
    public record ListQuery(String sql, List<Object> parameters) {
    }

    /**
     * The statement of {@link #query}: public for the query-plan test (ResidentQueryPlanTest). A
     * search (what staff typed, compared with INSTR: no index can find a part of a string) walks
     * the index residents_search in the ledger's order, which holds every column the search and the
     * active filter compare, so a resident who does not match costs one index entry and no read of
     * the table; it stops at {@code limit} matches.
     */
    public static ListQuery listQuery(ResidentFilter filter, Optional<Cursor> after, int limit) {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        if (!filter.includeInactive()) {
            sql.append(" AND r.active");
        }
        filter.village().ifPresent(village -> {
            sql.append(" AND r.village = ?");
            parameters.add(village);
        });
        filter.type().ifPresent(type -> {
            sql.append(" AND r.type = ?");
            parameters.add(type.name());
        });
        filter.tag().ifPresent(tag -> {
            // tags is a JSON array of strings; the tag as a JSON string matches one element exactly.
            sql.append(" AND INSTR(r.tags, ?) > 0");
            parameters.add(ProtocolJson.write(tag));
        });
        filter.cadreId().ifPresent(cadre -> {
            sql.append(" AND EXISTS (SELECT 1 FROM pairings p WHERE p.resident_id = r.id AND p.cadre_id = ?)");
            parameters.add(cadre);
        });
        filter.search().ifPresent(typed -> {
            String pinyin = Pinyin.query(typed);
            // Part of the name, the 村民小组 or a tag as typed; or the name's pinyin.
            sql.append(" AND (INSTR(r.name, ?) > 0 OR INSTR(COALESCE(r.village_group, ''), ?) > 0"
                    + " OR INSTR(r.tags, ?) > 0");
            parameters.add(typed.strip());
            parameters.add(typed.strip());
            parameters.add(typed.strip());
            if (!pinyin.isEmpty()) {
                sql.append(" OR INSTR(r.name_pinyin, ?) > 0");
                parameters.add(pinyin);
            }
            sql.append(")");
        });
        boolean oneVillage = filter.village().isPresent();
        after.ifPresent(cursor -> {
            if (oneVillage) {
                sql.append(" AND (r.name_key, r.id) > (?, ?)");
            } else {
                sql.append(" AND (r.village_key, r.name_key, r.id) > (?, ?, ?)");
                parameters.add(cursor.text(0));
            }
            parameters.add(cursor.text(1));
            parameters.add(cursor.text(2));
        });
        sql.append(oneVillage ? " ORDER BY r.name_key, r.id" : " ORDER BY r.village_key, r.name_key, r.id");
        if (limit > 0) {
            sql.append(" LIMIT ?");
            parameters.add(limit);
        }
        return new ListQuery(sql.toString(), List.copyOf(parameters));
    }

    /**
     * Gives residents written before the ledger kept sort and search keys (schema step 7) their
     * keys, a thousand at a time in short transactions; returns how many. Run when the hub starts.
     * Each chunk goes on from the last row of the one before (by rowid), so the pass reads the
     * table once: searching again from the start would re-read every row already filled, a
     * quadratic pass (200 chunks at 200,000 residents, the last reading all of them).
     */
    public int fillSearchKeys() {
        long start = System.nanoTime();
        int filled = 0;
        long after = 0;
        while (true) {
            long from = after;
            // {rows filled, the rowid of the last}: the next chunk starts after it once this one is committed.
            long[] done = database.write(connection -> {
                List<Object[]> rows = Sql.query(connection, "SELECT rowid, id, village, name FROM residents"
                        + " WHERE rowid > ? AND (name_key IS NULL OR village_key IS NULL OR name_pinyin IS NULL)"
                        + " ORDER BY rowid LIMIT 1000", row -> new Object[] {row.getLong("rowid"), row.getString("id"),
                                row.getString("village"), row.getString("name")}, from);
                for (Object[] row : rows) {
                    String village = (String) row[2];
                    String name = (String) row[3];
                    Sql.update(connection, "UPDATE residents SET village_key = ?, name_key = ?, name_pinyin = ?"
                            + " WHERE id = ?", NameOrder.sortKey(village), NameOrder.sortKey(name),
                            Pinyin.searchKey(name), row[1]);
                }
                return new long[] {rows.size(), rows.isEmpty() ? from : (Long) rows.get(rows.size() - 1)[0]};
            });
            filled += (int) done[0];
            after = done[1];
            if (done[0] == 0) {
                if (filled > 0) {
                    LOG.info("filled the sort and search keys of {} residents in {} ms", filled,
                            (System.nanoTime() - start) / 1_000_000);
                }
                return filled;
            }
        }
    }

    private static Map<String, List<CadreRef>> cadresOf(Connection connection, Collection<String> residentIds)
            throws SQLException {
        Map<String, List<CadreRef>> out = new HashMap<>();
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(residentIds));
        // In chunks: a statement takes a bounded number of parameters.
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            Sql.query(connection, "SELECT p.resident_id, c.id, c.name FROM pairings p JOIN cadres c ON c.id = p.cadre_id"
                    + " WHERE p.resident_id IN (" + marks + ") ORDER BY c.name, c.id", row -> {
                        out.computeIfAbsent(row.getString("resident_id"), k -> new ArrayList<>())
                                .add(new CadreRef(row.getString("id"), row.getString("name")));
                        return null;
                    }, chunk.toArray());
        }
        return out;
    }

    private static ResidentView row(ResultSet row) throws SQLException {
        int everyDays = row.getInt("check_in_every_days");
        Integer every = row.wasNull() ? null : everyDays;
        String sha = row.getString("photo_sha256");
        String paused = row.getString("paused_until");
        String born = row.getString("birth_date");
        String parentsAway = row.getString("parents_away");
        String childrenAway = row.getString("children_away");
        List<String> tags;
        try {
            tags = ProtocolJson.mapper().readValue(row.getString("tags"), STRINGS);
        } catch (JsonProcessingException e) {
            throw new DatabaseException("stored tags of resident " + row.getString("id") + " are not JSON", e);
        }
        return new ResidentView(row.getString("id"), row.getString("village"), row.getString("village_group"),
                row.getString("name"), ResidentType.valueOf(row.getString("type")), tags, every,
                born == null ? null : LocalDate.parse(born),
                row.getString("phone"), row.getString("address"), row.getString("guardian"),
                row.getString("guardian_phone"), parentsAway == null ? null : ParentsAway.valueOf(parentsAway),
                row.getString("parents_workplace"), row.getString("parents_phone"), row.getString("school"),
                row.getString("school_class"), row.getString("head_teacher"),
                childrenAway == null ? null : ChildrenAway.valueOf(childrenAway), row.getString("note"), List.of(),
                sha == null ? null : new PhotoRef(sha, row.getLong("photo_bytes")), row.getBoolean("active"),
                Sql.instant(row, "left_at"), row.getString("left_reason"),
                paused == null ? null : LocalDate.parse(paused), row.getString("pause_note"),
                Sql.instant(row, "last_check_in_at"), Sql.instant(row, "last_visit_at"), row.getInt("open_alerts") > 0,
                Sql.instant(row, "created_at"), Sql.instant(row, "updated_at"), row.getLong("version"));
    }

    // Helpers.

    /**
     * Runs a write, turning a field error into a 400 naming the field and a taken name into a 409;
     * anything thrown rolls the transaction back.
     */
    private <T> T write(org.courtyard.hub.store.SqlWork<T> work) {
        try {
            return database.write(work);
        } catch (NameTaken e) {
            throw new Refusal(Refusal.Kind.CONFLICT, "conflict", e.getMessage(), e);
        } catch (FieldError e) {
            throw Refusal.invalidField(e.field(), e.getMessage());
        }
    }

    /** An enum or date as stored: its name or ISO text, null for none. */
    private static String text(Object value) {
        return value == null ? null : value instanceof Enum<?> constant ? constant.name() : value.toString();
    }

    private Path photoFile(String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256: " + sha256);
        }
        return photoDir.resolve(sha256 + ".jpg");
    }

    /** Deletes a photo file no resident uses any more; a failure only leaves a stray file. */
    private void removeIfUnused(String sha256) {
        if (sha256 == null) {
            return;
        }
        boolean used = database.read(connection -> Sql.one(connection,
                "SELECT id FROM residents WHERE photo_sha256 = ?", row -> row.getString(1), sha256).isPresent());
        if (!used) {
            try {
                Files.deleteIfExists(photoFile(sha256));
            } catch (IOException e) {
                LOG.warn("could not delete the unused photo {}: {}", sha256, e.getMessage());
            }
        }
    }

    static Refusal notFound(String id) {
        return Refusal.notFound("no resident '" + id + "'");
    }
}
