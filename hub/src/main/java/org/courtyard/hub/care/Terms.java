package org.courtyard.hub.care;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.courtyard.hub.audit.AuditTrail;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.auth.Tokens;
import org.courtyard.hub.care.internal.Refusals;
import org.courtyard.hub.residents.VillageScope;
import org.courtyard.hub.store.Database;
import org.courtyard.hub.store.Sql;

/**
 * The school terms the township sets (ADMIN and STAFF), from which children's SCHOOL_START and
 * VACATION tasks follow. Changing a term's dates moves its open tasks; deleting it skips them.
 */
public final class Terms {

    private static final String ID_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

    private final Database database;
    private final Clock clock;
    private final CareTasks tasks;

    public Terms(Database database, Clock clock, CareTasks tasks) {
        this.database = database;
        this.clock = clock;
        this.tasks = tasks;
    }

    /** Every term, by start. */
    public List<Term> list() {
        return database.read(Terms::all);
    }

    /** Every term, by start, on {@code connection}. */
    static List<Term> all(Connection connection) throws SQLException {
        return Sql.query(connection, "SELECT * FROM care_terms ORDER BY starts_on, id", Terms::row);
    }

    /** Adds a term; ADMIN or STAFF. Audited as {@code term.create}. */
    public Term create(StaffUser user, TermInput input, AuditTrail trail) {
        Refusals.officeOnly(user, "set school terms");
        Term term = database.write(connection -> {
            String id;
            do {
                id = "t-" + Tokens.random(ID_ALPHABET, 8);
            } while (find(connection, id) != null);
            Instant now = clock.instant();
            Sql.update(connection, "INSERT INTO care_terms (id, name, starts_on, ends_on, created_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", id, input.name(), input.startsOn().toString(),
                    input.endsOn().toString(), now, now);
            trail.record(connection, "term.create", id, input.name() + " " + input.startsOn() + "~" + input.endsOn());
            return find(connection, id);
        });
        tasks.replan();
        return term;
    }

    /** Changes a term; its open tasks move with it. Audited as {@code term.update}. */
    public Term update(StaffUser user, String id, TermInput input, AuditTrail trail) {
        Refusals.officeOnly(user, "set school terms");
        Term term = database.write(connection -> {
            if (find(connection, id) == null) {
                throw Refusals.notFound("no school term '" + id + "'");
            }
            Sql.update(connection, "UPDATE care_terms SET name = ?, starts_on = ?, ends_on = ?, updated_at = ?"
                    + " WHERE id = ?", input.name(), input.startsOn().toString(), input.endsOn().toString(),
                    clock.instant(), id);
            Term changed = find(connection, id);
            tasks.termChanged(connection, changed);
            trail.record(connection, "term.update", id, input.name() + " " + input.startsOn() + "~" + input.endsOn());
            return changed;
        });
        tasks.replan();
        return term;
    }

    /** Removes a term; its open tasks are skipped. Audited as {@code term.delete}. */
    public void delete(StaffUser user, String id, AuditTrail trail) {
        Refusals.officeOnly(user, "set school terms");
        database.write(connection -> {
            Term term = find(connection, id);
            if (term == null) {
                throw Refusals.notFound("no school term '" + id + "'");
            }
            tasks.termRemoved(connection, term, user.username());
            Sql.update(connection, "DELETE FROM care_terms WHERE id = ?", id);
            trail.record(connection, "term.delete", id, term.name());
            return null;
        });
    }

    private static Term find(Connection connection, String id) throws SQLException {
        return Sql.one(connection, "SELECT * FROM care_terms WHERE id = ?", Terms::row, id).orElse(null);
    }

    private static Term row(ResultSet row) throws SQLException {
        return new Term(row.getString("id"), row.getString("name"), LocalDate.parse(row.getString("starts_on")),
                LocalDate.parse(row.getString("ends_on")));
    }
}
