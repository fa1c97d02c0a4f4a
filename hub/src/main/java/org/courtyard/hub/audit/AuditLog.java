package org.courtyard.hub.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.courtyard.hub.core.Cursor;
import org.courtyard.hub.core.Page;
import org.courtyard.hub.core.PageRequest;
import org.courtyard.hub.store.Database;
import org.courtyard.hub.store.Sql;

/**
 * The audit log table. Rows are only ever added. Over-long values are cut to their column's size
 * (username 64, target 200, detail 2000, address 64 characters) rather than failing the action
 * being recorded.
 */
public final class AuditLog {

    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*");

    private final Database database;
    private final Clock clock;

    public AuditLog(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** A trail for {@code actor}'s actions, to pass to the code that makes the change. */
    public AuditTrail by(Actor actor) {
        return (connection, action, target, detail) -> record(connection, actor, action, target, detail);
    }

    /** Records one action inside the caller's write transaction (see {@link AuditTrail}). */
    public void record(Connection connection, Actor actor, String action, String target, String detail)
            throws SQLException {
        if (action == null || action.length() > 64 || !ACTION.matcher(action).matches()) {
            throw new IllegalArgumentException("audit action must be dotted lower-case words, was '" + action + "'");
        }
        Sql.update(connection, "INSERT INTO audit_log (at, username, action, target, detail, address)"
                + " VALUES (?, ?, ?, ?, ?, ?)", clock.instant(), cut(actor.username(), 64), action, cut(target, 200),
                cut(detail, 2000), cut(actor.address(), 64));
    }

    /**
     * Records an action that changes nothing else in the database (a failed login, an unlock of
     * the in-memory login throttle), in a transaction of its own.
     */
    public void recordAlone(Actor actor, String action, String target, String detail) {
        database.write(connection -> {
            record(connection, actor, action, target, detail);
            return null;
        });
    }

    /**
     * A page of the rows {@code query} asks for, newest first; the cursor is the time and the seq of
     * the page's last row (the seq alone places it, as {@code before} does).
     */
    public Page<AuditEntry> list(AuditQuery query, PageRequest page) {
        StringBuilder sql = new StringBuilder(
                "SELECT seq, at, username, action, target, detail, address FROM audit_log WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        query.from().ifPresent(from -> {
            sql.append(" AND at >= ?");
            parameters.add(from);
        });
        query.to().ifPresent(to -> {
            sql.append(" AND at < ?");
            parameters.add(to);
        });
        query.user().ifPresent(user -> {
            sql.append(" AND username = ?");
            parameters.add(user);
        });
        query.action().ifPresent(action -> {
            sql.append(" AND action = ?");
            parameters.add(action);
        });
        query.before().ifPresent(before -> {
            sql.append(" AND seq < ?");
            parameters.add(before);
        });
        page.cursor(2).ifPresent(after -> {
            sql.append(" AND seq < ?");
            parameters.add(after.number(1));
        });
        sql.append(" ORDER BY seq DESC LIMIT ?");
        parameters.add(page.fetch());
        return Page.of(database.read(connection -> Sql.query(connection, sql.toString(),
                row -> new AuditEntry(row.getLong("seq"), Sql.instant(row, "at"), row.getString("username"),
                        row.getString("action"), row.getString("target"), row.getString("detail"),
                        row.getString("address")),
                parameters.toArray())), page, entry -> Cursor.of(entry.at().toEpochMilli(), entry.seq()));
    }

    /** Every action the log holds at least one row of, in alphabetical order (for a filter's choices). */
    public List<String> actions() {
        return database.read(connection -> Sql.query(connection,
                "SELECT DISTINCT action FROM audit_log ORDER BY action", row -> row.getString(1)));
    }

    private static String cut(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        return value.substring(0, max);
    }
}
