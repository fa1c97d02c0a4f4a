package org.courtyard.hub.survey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.courtyard.hub.audit.AuditTrail;
import org.courtyard.hub.core.PageRequest;
import org.courtyard.hub.core.Refusal;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.auth.Tokens;
import org.courtyard.hub.residents.FieldError;
import org.courtyard.hub.residents.NameTaken;
import org.courtyard.hub.residents.ResidentInput;
import org.courtyard.hub.residents.ResidentView;
import org.courtyard.hub.residents.Residents;
import org.courtyard.hub.residents.VillageScope;
import org.courtyard.hub.store.Database;
import org.courtyard.hub.store.Sql;
import org.courtyard.hub.survey.internal.Diffs;
import org.courtyard.hub.survey.internal.Snapshots;
import org.courtyard.protocol.ProtocolException;
import org.courtyard.protocol.ProtocolJson;
import org.courtyard.protocol.ResidentType;

/**
 * The survey rounds of a hub (see the package documentation and docs/survey.md).
 *
 * <p>Staff (ADMIN, STAFF) open, decide on flags and close (the routes admit no one else); a cadre
 * reviews and adds the people of their own village and sees only that village's progress and
 * lists; staff review anyone. At most one round is open at a time. Every change is one write
 * transaction with its audit entry and the ledger change it makes; a {@link Refusal} rolls it back
 * whole.
 */
public final class SurveyRounds {

    /** Letters and digits that cannot be mistaken for each other, as in the other ids. */
    private static final String ID_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final String SELECT_ITEM = "SELECT i.*, r.name, r.type FROM survey_items i"
            + " JOIN residents r ON r.id = i.resident_id";

    private final Database database;
    private final Clock clock;
    private final ZoneId zone;
    private final Residents residents;
    private final Criteria defaults;

    /** @param defaults the criteria of a round opened without its own (the hub's {@code survey.*} settings) */
    public SurveyRounds(Database database, Clock clock, ZoneId zone, Residents residents, Criteria defaults) {
        this.database = database;
        this.clock = clock;
        this.zone = zone;
        this.residents = residents;
        this.defaults = defaults;
    }

    // Opening and closing.

    /**
     * Opens a round: every active resident is due for review, and the ledger's opening snapshot is
     * kept. Staff only; 409 while another round is open or when the name is taken; 400 for a
     * {@code closesOn} before today.
     */
    public SurveyRound open(StaffUser user, RoundInput input, AuditTrail trail) {
        LocalDate today = today();
        if (input.closesOn().isBefore(today)) {
            throw Refusal.invalidField("closesOn", "field 'closesOn' must be today (" + today + ") or later, was "
                    + input.closesOn());
        }
        Criteria criteria = input.criteria() == null ? defaults : input.criteria();
        String id = database.write(connection -> {
            Optional<String> open = Sql.one(connection, "SELECT name FROM survey_rounds WHERE closed_at IS NULL",
                    row -> row.getString(1));
            if (open.isPresent()) {
                throw new Refusal(Refusal.Kind.CONFLICT, "round_open", "the round '" + open.get()
                        + "' is still open; close it before opening another");
            }
            if (Sql.one(connection, "SELECT id FROM survey_rounds WHERE name = ?", row -> row.getString(1),
                    input.name()).isPresent()) {
                throw new Refusal(Refusal.Kind.CONFLICT, "name_taken", "a survey round is already called '"
                        + input.name() + "'");
            }
            String created;
            do {
                created = "s-" + Tokens.random(ID_ALPHABET, 6);
            } while (round(connection, created).isPresent());
            Sql.update(connection, "INSERT INTO survey_rounds (id, name, closes_on, criteria, opened_by, opened_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", created, input.name(), input.closesOn().toString(),
                    ProtocolJson.write(criteria), user.username(), clock.instant());
            int due = Sql.update(connection, "INSERT INTO survey_items (round_id, resident_id, village, added)"
                    + " SELECT ?, id, village, ? FROM residents WHERE active", created, false);
            Snapshots.take(connection, residents, created, Snapshots.OPEN);
            trail.record(connection, "survey.open", created, "name=" + input.name() + " due=" + due);
            return created;
        });
        return get(user, id, Optional.empty());
    }

    /**
     * Closes a round and keeps the ledger's closing snapshot. Staff only; 409 if it is closed
     * already. Flags still undecided stay as they are: the people stay in the ledger.
     */
    public SurveyRound close(StaffUser user, String id, AuditTrail trail) {
        database.write(connection -> {
            Round round = openRound(connection, id);
            // Those who left the ledger outside the survey before their review were never due in the end.
            int gone = Sql.update(connection, "DELETE FROM survey_items WHERE round_id = ? AND outcome IS NULL"
                    + " AND NOT added AND resident_id IN (SELECT id FROM residents WHERE NOT active)", id);
            int kept = Snapshots.take(connection, residents, id, Snapshots.CLOSE);
            Sql.update(connection, "UPDATE survey_rounds SET closed_by = ?, closed_at = ? WHERE id = ?",
                    user.username(), clock.instant(), id);
            trail.record(connection, "survey.close", id, "name=" + round.name() + " residents=" + kept
                    + " left-outside=" + gone);
            return null;
        });
        return get(user, id, Optional.empty());
    }

    // Reading.

    /** Every round, newest first, each with the progress of the villages {@code user} sees. */
    public List<SurveyRound> list(StaffUser user) {
        return database.read(connection -> {
            List<SurveyRound> out = new ArrayList<>();
            for (Round round : Sql.query(connection, "SELECT * FROM survey_rounds ORDER BY opened_at DESC, id",
                    SurveyRounds::round)) {
                out.add(view(connection, round, villageOf(user, Optional.empty())));
            }
            return out;
        });
    }

    /** One round with its progress per village; a cadre sees their village only (403 for another). */
    public SurveyRound get(StaffUser user, String id, Optional<String> village) {
        Optional<String> allowed = villageOf(user, village);
        return database.read(connection -> view(connection, requireRound(connection, id), allowed));
    }

    /** Which people of a round a list shows. */
    public enum Show {
        /** Due and not yet reviewed (and still in the ledger), by village and name. */
        TO_REVIEW,
        /** Reviewed or added. */
        REVIEWED,
        /** Flagged and waiting for a decision. */
        FLAGGED,
        /** Flagged and decided. */
        DECIDED
    }

    /**
     * One page of a round's people, by village, name and id; {@code after} is the previous page's
     * {@code next}. A cadre sees their village only.
     */
    public Page<SurveyItem> items(StaffUser user, String id, Show show, Optional<String> village, Optional<String> after,
            int limit) {
        Optional<String> allowed = villageOf(user, village);
        String[] cursor = after.map(SurveyRounds::decodeCursor).orElse(null);
        return database.read(connection -> {
            requireRound(connection, id);
            StringBuilder sql = new StringBuilder(SELECT_ITEM).append(" WHERE i.round_id = ?");
            List<Object> parameters = new ArrayList<>(List.of(id));
            sql.append(switch (show) {
                case TO_REVIEW -> " AND i.outcome IS NULL AND NOT i.added AND r.active";
                case REVIEWED -> " AND (i.outcome IS NOT NULL OR i.added)";
                case FLAGGED -> " AND i.flag IS NOT NULL AND i.decision IS NULL";
                case DECIDED -> " AND i.decision IS NOT NULL";
            });
            allowed.ifPresent(v -> {
                sql.append(" AND i.village = ?");
                parameters.add(v);
            });
            if (cursor != null) {
                sql.append(" AND (i.village > ? OR (i.village = ? AND (r.name > ? OR (r.name = ? AND i.resident_id > ?))))");
                parameters.addAll(List.of(cursor[0], cursor[0], cursor[1], cursor[1], cursor[2]));
            }
            sql.append(" ORDER BY i.village, r.name, i.resident_id LIMIT ?");
            parameters.add(limit + 1);
            List<SurveyItem> rows = Sql.query(connection, sql.toString(), SurveyRounds::item, parameters.toArray());
            if (rows.size() <= limit) {
                return new Page<>(rows, null);
            }
            SurveyItem last = rows.get(limit - 1);
            return new Page<>(rows.subList(0, limit), encodeCursor(last.village(), last.name(), last.residentId()));
        });
    }

    /** One person's place in a round; 404 if they are not in it, 403 for a cadre of another village. */
    public SurveyItem item(StaffUser user, String id, String residentId) {
        SurveyItem item = database.read(connection -> {
            requireRound(connection, id);
            return findItem(connection, id, residentId).orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND,
                    "not_found", "resident " + residentId + " is not in survey round " + id));
        });
        VillageScope.village(user, item.village(), "resident " + residentId);
        return item;
    }

    // Reviewing.

    /**
     * Records a cadre's (or staff member's) review of one person and applies it to the ledger in the
     * same transaction: CHANGED changes the resident's fields, LEFT sets them inactive with the
     * reason. The reviewed record is checked against the round's criteria and flagged when it does
     * not meet them. 409 if the round is closed, the person was reviewed already in this round, or
     * has left the ledger; 404 for an unknown resident; 403 for another village's.
     */
    public SurveyItem review(StaffUser user, String id, ReviewInput input, AuditTrail trail) {
        Residents.Edits edits = new Residents.Edits();
        SurveyItem item = database.write(connection -> {
            Round round = openRound(connection, id);
            ResidentView before = residents.find(connection, input.residentId()).orElseThrow(() -> new Refusal(
                    Refusal.Kind.NOT_FOUND, "not_found", "no resident '" + input.residentId() + "'"));
            VillageScope.village(user, before.village(), "resident " + before.id());
            Optional<SurveyItem> existing = findItem(connection, id, before.id());
            if (existing.isPresent() && (existing.get().outcome() != null || existing.get().added())) {
                SurveyItem done = existing.get();
                throw new Refusal(Refusal.Kind.CONFLICT, "already_reviewed", "resident " + before.id() + " was "
                        + (done.added() ? "added" : "reviewed (" + done.outcome() + ")") + " in this round by "
                        + done.reviewedBy() + "; correct the ledger itself if that was wrong");
            }
            if (!before.active()) {
                throw new Refusal(Refusal.Kind.CONFLICT, "not_in_ledger", "resident " + before.id()
                        + " is no longer in the ledger (inactive); there is nothing to review");
            }
            if (existing.isEmpty()) {
                // Joined the ledger after the round opened: due all the same.
                Sql.update(connection, "INSERT INTO survey_items (round_id, resident_id, village, added)"
                        + " VALUES (?, ?, ?, ?)", id, before.id(), before.village(), false);
            }
            ResidentView after = before;
            ObjectNode changes = null;
            switch (input.outcome()) {
                case CONFIRMED -> {
                }
                case CHANGED -> {
                    after = patch(connection, user, before.id(), input.changes(), trail, edits);
                    changes = changes(before, after);
                    if (changes.isEmpty()) {
                        throw Refusal.invalidField("changes", "field 'changes' changes nothing in the ledger; send"
                                + " CONFIRMED if the record is right");
                    }
                }
                case LEFT -> residents.leave(connection, user, before.id(), input.reason().name(), trail, edits);
            }
            Criteria.Verdict verdict = input.outcome() == Outcome.LEFT ? null : round.criteria().check(after, today());
            Flag flag = verdict == null ? null : switch (verdict.meets()) {
                case MEETS -> null;
                case NOT_MET -> Flag.NO_LONGER_MEETS;
                case UNKNOWN -> Flag.INCOMPLETE;
            };
            Sql.update(connection, "UPDATE survey_items SET village = ?, outcome = ?, reason = ?, note = ?, changes = ?,"
                    + " reviewed_by = ?, reviewed_at = ?, meets = ?, flag = ?, flag_detail = ?"
                    + " WHERE round_id = ? AND resident_id = ?", after.village(), input.outcome().name(),
                    input.reason() == null ? null : input.reason().name(), input.note(),
                    changes == null ? null : ProtocolJson.write(changes), user.username(), clock.instant(),
                    verdict == null ? null : verdict.meets().name(), flag == null ? null : flag.name(),
                    verdict == null ? null : String.join(",", verdict.reasons()), id, before.id());
            trail.record(connection, "survey.review", before.id(), "round=" + id + " outcome=" + input.outcome()
                    + (input.reason() == null ? "" : " reason=" + input.reason())
                    + (changes == null ? "" : " changed: " + String.join(", ", iterable(changes)))
                    + (flag == null ? "" : " flag=" + flag));
            return findItem(connection, id, before.id()).orElseThrow();
        });
        residents.committed(edits);
        return item;
    }

    /**
     * Adds a person the survey found to the ledger (as {@code POST /api/v1/residents} with
     * {@code "round"} does) and to the round as added; the record is checked against the criteria
     * and flagged for the township's decision: NEWLY_MEETS, DOES_NOT_MEET or INCOMPLETE.
     *
     * @return the new resident
     */
    public ResidentView add(StaffUser user, String id, ResidentInput input, AuditTrail trail) {
        if (!input.active()) {
            throw Refusal.invalidField("active", "a person the survey found is added to the ledger as active");
        }
        Residents.Edits edits = new Residents.Edits();
        String residentId = database.write(connection -> {
            Round round = openRound(connection, id);
            VillageScope.village(user, input.village(), "the resident");
            String created;
            try {
                created = residents.create(connection, user, input, trail, edits);
            } catch (FieldError e) {
                throw refusal(e, "");
            }
            ResidentView person = residents.find(connection, created).orElseThrow();
            Criteria.Verdict verdict = round.criteria().check(person, today());
            Flag flag = switch (verdict.meets()) {
                case MEETS -> Flag.NEWLY_MEETS;
                case NOT_MET -> Flag.DOES_NOT_MEET;
                case UNKNOWN -> Flag.INCOMPLETE;
            };
            Sql.update(connection, "INSERT INTO survey_items (round_id, resident_id, village, added, reviewed_by,"
                    + " reviewed_at, meets, flag, flag_detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", id, created,
                    person.village(), true, user.username(), clock.instant(), verdict.meets().name(), flag.name(),
                    String.join(",", verdict.reasons()));
            trail.record(connection, "survey.add", created, "round=" + id + " flag=" + flag);
            return created;
        });
        residents.committed(edits);
        return residents.get(user, residentId);
    }

    /**
     * Staff decide on a flag: KEEP leaves the person in the ledger, REMOVE sets them inactive with
     * the decision's reason. 409 if the round is closed, the person has no flag, or it is decided.
     */
    public SurveyItem decide(StaffUser user, String id, String residentId, DecisionInput input, AuditTrail trail) {
        Residents.Edits edits = new Residents.Edits();
        SurveyItem item = database.write(connection -> {
            openRound(connection, id);
            SurveyItem current = findItem(connection, id, residentId).orElseThrow(() -> new Refusal(
                    Refusal.Kind.NOT_FOUND, "not_found", "resident " + residentId + " is not in survey round " + id));
            if (current.flag() == null) {
                throw new Refusal(Refusal.Kind.CONFLICT, "not_flagged", "resident " + residentId
                        + " has no flag in this round; there is nothing to decide");
            }
            if (current.decision() != null) {
                throw new Refusal(Refusal.Kind.CONFLICT, "already_decided", "the flag of resident " + residentId
                        + " was decided already (" + current.decision() + " by " + current.decidedBy() + ")");
            }
            if (input.decision() == Decision.REMOVE) {
                residents.leave(connection, user, residentId, input.reason().name(), trail, edits);
            }
            Sql.update(connection, "UPDATE survey_items SET decision = ?, decision_note = ?, decided_by = ?,"
                    + " decided_at = ?, reason = COALESCE(reason, ?) WHERE round_id = ? AND resident_id = ?",
                    input.decision().name(), input.note(), user.username(), clock.instant(),
                    input.reason() == null ? null : input.reason().name(), id, residentId);
            trail.record(connection, "survey.decide", residentId, "round=" + id + " flag=" + current.flag()
                    + " decision=" + input.decision());
            return findItem(connection, id, residentId).orElseThrow();
        });
        residents.committed(edits);
        return item;
    }

    // The diff between two snapshots.

    /**
     * A page of what changed in the ledger up to closed round {@code id}'s closing: against closed
     * round {@code from}'s closing, by default the round closed before this one opened, or (for the
     * first round) this round's own opening. The people come in the order of the whole diff: those
     * who came, those who left, those changed, each by resident id; the counts are the whole
     * diff's. The first page counts them in one pass over both snapshots; the cursor (the kind and
     * resident id of the page's last person, and the counts) carries them on, since a closed
     * round's snapshots never change. A cadre sees their village's people only. 409 while the
     * round is open.
     */
    public DiffPage diff(StaffUser user, String id, Optional<String> from, Optional<String> village, PageRequest page) {
        Optional<String> allowed = villageOf(user, village);
        Optional<org.courtyard.hub.core.Cursor> after = page.cursor(5);
        Change startKind = after.map(SurveyRounds::change).orElse(Change.CAME);
        String startId = after.map(cursor -> cursor.text(1)).orElse("");
        return database.read(connection -> {
            Round round = closedRound(connection, id);
            RoundDiff.Baseline baseline = baseline(connection, round, from);
            long[] counts = new long[Change.values().length];
            List<RoundDiff.Person> people = new ArrayList<>();
            if (after.isPresent()) {
                for (Change kind : Change.values()) {
                    counts[kind.ordinal()] = after.get().number(2 + kind.ordinal());
                    if (counts[kind.ordinal()] < 0 || counts[kind.ordinal()] > Integer.MAX_VALUE) {
                        throw Refusal.invalidField("cursor", "query parameter 'cursor' is not one this hub made for"
                                + " this list; take it from the Link header of the previous page");
                    }
                }
                for (Change kind : Change.values()) {
                    if (kind.ordinal() < startKind.ordinal() || people.size() == page.fetch()) {
                        continue;
                    }
                    walk(connection, id, baseline, allowed, kind == startKind ? startId : "", Optional.of(kind),
                            person -> {
                                people.add(person);
                                return people.size() < page.fetch();
                            });
                }
            } else {
                // One pass counts every kind and keeps the first page's worth of each, in order.
                List<List<RoundDiff.Person>> first = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
                walk(connection, id, baseline, allowed, "", Optional.empty(), person -> {
                    int kind = Change.of(person).ordinal();
                    if (counts[kind]++ < page.fetch()) {
                        first.get(kind).add(person);
                    }
                    return true;
                });
                first.forEach(people::addAll);
            }
            org.courtyard.hub.core.Page<RoundDiff.Person> kept = org.courtyard.hub.core.Page.of(
                    people.subList(0, Math.min(people.size(), page.fetch())), page,
                    person -> org.courtyard.hub.core.Cursor.of(Change.of(person), person.residentId(),
                            counts[0], counts[1], counts[2]));
            List<RoundDiff.Came> came = new ArrayList<>();
            List<RoundDiff.Left> left = new ArrayList<>();
            List<RoundDiff.Changed> changed = new ArrayList<>();
            for (RoundDiff.Person person : kept.items()) {
                if (person instanceof RoundDiff.Came one) {
                    came.add(one);
                } else if (person instanceof RoundDiff.Left one) {
                    left.add(one);
                } else {
                    changed.add((RoundDiff.Changed) person);
                }
            }
            return new DiffPage(new RoundDiff(id, round.name(), baseline, Math.toIntExact(counts[0]),
                    Math.toIntExact(counts[1]), Math.toIntExact(counts[2]), came, left, changed), kept.next());
        });
    }

    /** A page of a round's diff, and where the next starts if there is more. */
    public record DiffPage(RoundDiff diff, Optional<org.courtyard.hub.core.Cursor> next) {
    }

    /**
     * Every person of the diff {@link #diff} pages, in its order, to {@code sink} (the CSV export),
     * without holding them: refusals come before the first person.
     */
    public void diffPeople(StaffUser user, String id, Optional<String> from, Optional<String> village,
            DiffSink sink) {
        Optional<String> allowed = villageOf(user, village);
        database.read(connection -> {
            Round round = closedRound(connection, id);
            RoundDiff.Baseline baseline = baseline(connection, round, from);
            sink.start(round.id());
            for (Change kind : Change.values()) {
                walk(connection, id, baseline, allowed, "", Optional.of(kind), person -> {
                    sink.person(person);
                    return true;
                });
            }
            return null;
        });
    }

    /** Takes a diff's people one at a time; {@link #start} comes once the round is known to have one. */
    public interface DiffSink {
        void start(String roundId);

        void person(RoundDiff.Person person);
    }

    /** The kinds of change, in the diff's order. */
    private enum Change {
        CAME, LEFT, CHANGED;

        static Change of(RoundDiff.Person person) {
            return person instanceof RoundDiff.Came ? CAME : person instanceof RoundDiff.Left ? LEFT : CHANGED;
        }
    }

    private static Change change(org.courtyard.hub.core.Cursor cursor) {
        try {
            return Change.valueOf(cursor.text(0));
        } catch (IllegalArgumentException e) {
            throw Refusal.invalidField("cursor", "query parameter 'cursor' is not one this hub made for this list;"
                    + " take it from the Link header of the previous page", e);
        }
    }

    private static Round closedRound(Connection connection, String id) throws SQLException {
        Round round = requireRound(connection, id);
        if (round.closedAt() == null) {
            throw new Refusal(Refusal.Kind.CONFLICT, "round_open", "survey round " + id
                    + " is still open; its diff is ready when it closes");
        }
        return round;
    }

    /**
     * Walks both snapshots from after resident {@code after}, giving {@code sink} each person shown
     * (of {@code kind}, or every kind) until it answers false.
     */
    private static void walk(Connection connection, String id, RoundDiff.Baseline baseline, Optional<String> allowed,
            String after, Optional<Change> kind, java.util.function.Predicate<RoundDiff.Person> sink)
            throws SQLException {
        boolean[] done = {false};
        try (Snapshots.Cursor before = Snapshots.open(connection, baseline.roundId(), baseline.stage(), after);
                Snapshots.Cursor now = Snapshots.open(connection, id, Snapshots.CLOSE, after)) {
            Diffs.walk(before, now, new Diffs.Listener() {
                @Override
                public void came(Snapshots.Row was, Snapshots.Row is) throws SQLException {
                    if (wanted(Change.CAME) && shown(allowed, was, is)) {
                        String how = was != null ? "RETURNED" : addedIn(connection, id, is.residentId()) ? "ADDED"
                                : "NEW";
                        done[0] = !sink.test(new RoundDiff.Came(is.residentId(), is.name(), is.village(), is.type(),
                                how));
                    }
                }

                @Override
                public void left(Snapshots.Row was, Snapshots.Row is) {
                    if (wanted(Change.LEFT) && shown(allowed, was, is)) {
                        String reason = is == null ? null : is.leftReason();
                        done[0] = !sink.test(new RoundDiff.Left(was.residentId(), was.name(), was.village(),
                                was.type(), reason == null ? null : LeaveReason.valueOf(reason)));
                    }
                }

                @Override
                public void changed(Snapshots.Row was, Snapshots.Row is, List<Object[]> fields) {
                    if (wanted(Change.CHANGED) && shown(allowed, was, is)) {
                        done[0] = !sink.test(new RoundDiff.Changed(is.residentId(), is.name(), is.village(),
                                is.type(), fields.stream().map(f -> new RoundDiff.FieldChange((String) f[0], f[1],
                                        f[2])).toList()));
                    }
                }

                @Override
                public boolean done() {
                    return done[0];
                }

                private boolean wanted(Change change) {
                    return kind.isEmpty() || kind.get() == change;
                }
            });
        }
    }

    // Inside.

    /** A round as stored. */
    private record Round(String id, String name, LocalDate closesOn, Criteria criteria, Instant openedAt,
            String openedBy, Instant closedAt, String closedBy) {
    }

    private SurveyRound view(Connection connection, Round round, Optional<String> village) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT i.village,"
                + " COUNT(*) AS total,"
                + " SUM(CASE WHEN i.outcome IS NOT NULL OR i.added THEN 1 ELSE 0 END) AS reviewed,"
                + " SUM(CASE WHEN i.outcome = 'CONFIRMED' THEN 1 ELSE 0 END) AS confirmed,"
                + " SUM(CASE WHEN i.outcome = 'CHANGED' THEN 1 ELSE 0 END) AS changed,"
                + " SUM(CASE WHEN i.outcome = 'LEFT' THEN 1 ELSE 0 END) AS left_ledger,"
                + " SUM(CASE WHEN i.added THEN 1 ELSE 0 END) AS added,"
                + " SUM(CASE WHEN i.flag IS NOT NULL AND i.decision IS NULL THEN 1 ELSE 0 END) AS flagged,"
                + " SUM(CASE WHEN i.decision IS NOT NULL THEN 1 ELSE 0 END) AS decided"
                + " FROM survey_items i JOIN residents r ON r.id = i.resident_id WHERE i.round_id = ?");
        List<Object> parameters = new ArrayList<>(List.of(round.id()));
        if (round.closedAt() == null) {
            // Someone who left the ledger outside the survey before their review is no longer due.
            sql.append(" AND (r.active OR i.outcome IS NOT NULL OR i.added)");
        }
        village.ifPresent(v -> {
            sql.append(" AND i.village = ?");
            parameters.add(v);
        });
        sql.append(" GROUP BY i.village ORDER BY i.village");
        List<VillageProgress> villages = Sql.query(connection, sql.toString(), row -> new VillageProgress(
                row.getString("village"), row.getInt("total"), row.getInt("reviewed"), row.getInt("confirmed"),
                row.getInt("changed"), row.getInt("left_ledger"), row.getInt("added"), row.getInt("flagged"),
                row.getInt("decided")), parameters.toArray());
        return new SurveyRound(round.id(), round.name(), round.closesOn(), round.closedAt() == null ? "OPEN" : "CLOSED",
                round.criteria(), round.openedAt(), round.openedBy(), round.closedAt(), round.closedBy(),
                VillageProgress.sum(village.orElse(null), villages), villages);
    }

    private RoundDiff.Baseline baseline(Connection connection, Round round, Optional<String> from)
            throws SQLException {
        if (from.isPresent()) {
            Round earlier = round(connection, from.get()).orElseThrow(() -> Refusal.invalidField("from",
                    "query parameter 'from' names no survey round: '" + from.get() + "'"));
            if (earlier.id().equals(round.id())) {
                return new RoundDiff.Baseline(round.id(), round.name(), Snapshots.OPEN);
            }
            if (earlier.closedAt() == null) {
                throw Refusal.invalidField("from", "query parameter 'from' names round " + earlier.id()
                        + ", which is still open; compare against a closed round");
            }
            return new RoundDiff.Baseline(earlier.id(), earlier.name(), Snapshots.CLOSE);
        }
        Optional<Round> previous = Sql.one(connection, "SELECT * FROM survey_rounds WHERE closed_at IS NOT NULL"
                + " AND closed_at <= ? AND id <> ? ORDER BY closed_at DESC", SurveyRounds::round,
                round.openedAt(), round.id());
        return previous.map(p -> new RoundDiff.Baseline(p.id(), p.name(), Snapshots.CLOSE))
                .orElseGet(() -> new RoundDiff.Baseline(round.id(), round.name(), Snapshots.OPEN));
    }

    private static boolean shown(Optional<String> village, Snapshots.Row was, Snapshots.Row now) {
        return village.isEmpty() || was != null && was.village().equals(village.get())
                || now != null && now.village().equals(village.get());
    }

    private static boolean addedIn(Connection connection, String roundId, String residentId) throws SQLException {
        return Sql.one(connection, "SELECT resident_id FROM survey_items WHERE round_id = ? AND resident_id = ?"
                + " AND added", row -> row.getString(1), roundId, residentId).isPresent();
    }

    private ResidentView patch(Connection connection, StaffUser user, String residentId, JsonNode changes,
            AuditTrail trail, Residents.Edits edits) throws SQLException {
        try {
            return residents.patch(connection, user, residentId, changes, trail, edits);
        } catch (FieldError e) {
            throw refusal(e, "changes.");
        }
    }

    /** The ledger's refusal of a field as the survey's: 409 for a taken name, else 400 naming {@code prefix + field}. */
    private static Refusal refusal(FieldError e, String prefix) {
        if (e instanceof NameTaken) {
            return new Refusal(Refusal.Kind.CONFLICT, "conflict", e.getMessage(), e);
        }
        return Refusal.invalidField(prefix + e.field(), e.getMessage(), e);
    }

    /** {@code {"field":[before, after], ...}} of the fields that differ, phone numbers masked. */
    private static ObjectNode changes(ResidentView before, ResidentView after) {
        ObjectNode out = ProtocolJson.mapper().createObjectNode();
        for (Object[] change : Diffs.fieldChanges(ProtocolJson.mapper().valueToTree(before.input()),
                ProtocolJson.mapper().valueToTree(after.input()))) {
            ArrayNode pair = out.putArray((String) change[0]);
            pair.add(ProtocolJson.mapper().valueToTree(change[1]));
            pair.add(ProtocolJson.mapper().valueToTree(change[2]));
        }
        return out;
    }

    private static Iterable<String> iterable(ObjectNode node) {
        return node::fieldNames;
    }

    private Round openRound(Connection connection, String id) throws SQLException {
        Round round = requireRound(connection, id);
        if (round.closedAt() != null) {
            throw new Refusal(Refusal.Kind.CONFLICT, "round_closed", "survey round " + id + " ('" + round.name()
                    + "') was closed on " + round.closedAt() + "; it cannot change");
        }
        return round;
    }

    private static Round requireRound(Connection connection, String id) throws SQLException {
        return round(connection, id).orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "not_found",
                "no survey round '" + id + "'"));
    }

    private static Optional<Round> round(Connection connection, String id) throws SQLException {
        return Sql.one(connection, "SELECT * FROM survey_rounds WHERE id = ?", SurveyRounds::round, id);
    }

    private static Round round(ResultSet row) throws SQLException {
        return new Round(row.getString("id"), row.getString("name"), LocalDate.parse(row.getString("closes_on")),
                ProtocolJson.read(row.getString("criteria"), Criteria.class), Sql.instant(row, "opened_at"),
                row.getString("opened_by"), Sql.instant(row, "closed_at"), row.getString("closed_by"));
    }

    private static Optional<SurveyItem> findItem(Connection connection, String roundId, String residentId)
            throws SQLException {
        return Sql.one(connection, SELECT_ITEM + " WHERE i.round_id = ? AND i.resident_id = ?", SurveyRounds::item,
                roundId, residentId);
    }

    private static SurveyItem item(ResultSet row) throws SQLException {
        String outcome = row.getString("outcome");
        String reason = row.getString("reason");
        String changes = row.getString("changes");
        String meets = row.getString("meets");
        String detail = row.getString("flag_detail");
        String flag = row.getString("flag");
        String decision = row.getString("decision");
        JsonNode changed;
        try {
            changed = changes == null ? null : ProtocolJson.mapper().readTree(changes);
        } catch (IOException e) {
            throw new SQLException("the changes of survey item " + row.getString("resident_id") + " are not JSON", e);
        }
        return new SurveyItem(row.getString("round_id"), row.getString("resident_id"), row.getString("name"),
                row.getString("village"), ResidentType.valueOf(row.getString("type")), row.getBoolean("added"),
                outcome == null ? null : Outcome.valueOf(outcome), reason == null ? null : LeaveReason.valueOf(reason),
                row.getString("note"), changed, row.getString("reviewed_by"), Sql.instant(row, "reviewed_at"),
                meets == null ? null : Criteria.Meets.valueOf(meets),
                detail == null || detail.isEmpty() ? List.of() : List.of(detail.split(",")),
                flag == null ? null : Flag.valueOf(flag), decision == null ? null : Decision.valueOf(decision),
                row.getString("decision_note"), row.getString("decided_by"), Sql.instant(row, "decided_at"));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    /** The village a view is limited to: a cadre's own (403 if they ask for another), else what was asked. */
    private static Optional<String> villageOf(StaffUser user, Optional<String> asked) {
        return user.listVillage(asked, "the survey");
    }

    private static String encodeCursor(String village, String name, String residentId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(ProtocolJson.write(List.of(village, name,
                residentId)).getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decodeCursor(String cursor) {
        try {
            String[] parts = ProtocolJson.read(Base64.getUrlDecoder().decode(cursor), String[].class);
            if (parts.length == 3) {
                return parts;
            }
        } catch (IllegalArgumentException | ProtocolException e) {
            // answered below
        }
        throw Refusal.invalidField("after", "query parameter 'after' must be the 'next' of the previous page");
    }
}
