package org.courtyard.hub.care;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.courtyard.hub.care.internal.DigestMessages;
import org.courtyard.hub.care.internal.Rows;
import org.courtyard.hub.notify.WebhookEvent;
import org.courtyard.hub.notify.WebhookMessage;
import org.courtyard.hub.notify.Webhooks;
import org.courtyard.hub.store.Database;
import org.courtyard.hub.store.Sql;

/**
 * The daily visit digest per village ({@code care.digest-time}, 08:00): the open tasks due within
 * {@link #DUE_WITHIN_DAYS} days and those overdue in the last {@link CareBoard#OVERDUE_DAYS}, sent
 * through the webhooks as {@code care.digest} (a WeCom group robot @-mentions the assigned
 * cadres). Each village's digest is queued once a day: the row of {@code care_digests} and the
 * webhook messages are written in one transaction, so a restart neither loses nor repeats one. A
 * village with nothing due or overdue gets no message that day.
 */
public final class CareDigest {

    /** Tasks due within this many days (today included) are in the digest. */
    public static final int DUE_WITHIN_DAYS = 3;

    private final Database database;
    private final Clock clock;
    private final ZoneId zone;
    private final CareTasks tasks;
    private final Optional<LocalTime> at;
    private final Webhooks webhooks;

    public CareDigest(Database database, Clock clock, ZoneId zone, CareTasks tasks, Optional<LocalTime> at,
            Webhooks webhooks) {
        this.database = database;
        this.clock = clock;
        this.zone = zone;
        this.tasks = tasks;
        this.at = at;
        this.webhooks = webhooks;
    }

    /**
     * Queues today's digest of every village that has none yet, once the digest time has come.
     *
     * @return how many villages' digests were queued with something to tell
     */
    public int sendDue() {
        if (at.isEmpty()) {
            return 0;
        }
        ZonedDateTime now = clock.instant().atZone(zone);
        if (now.toLocalTime().isBefore(at.get())) {
            return 0;
        }
        tasks.ensurePlanned();
        LocalDate today = now.toLocalDate();
        List<String> villages = database.read(connection -> Sql.query(connection,
                "SELECT DISTINCT village FROM residents WHERE active AND village NOT IN"
                        + " (SELECT village FROM care_digests WHERE day = ?) ORDER BY village",
                row -> row.getString(1), today.toString()));
        int sent = 0;
        for (String village : villages) {
            boolean told = database.write(connection -> {
                int inserted = Sql.update(connection, "INSERT INTO care_digests (village, day, sent_at)"
                        + " SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM care_digests WHERE village = ? AND day = ?)",
                        village, today.toString(), clock.instant(), village, today.toString());
                if (inserted == 0) {
                    return false;
                }
                List<DigestMessages.Line> due = lines(connection, village,
                        " AND t.due_on >= ? AND t.due_on < ? AND t.opens_on <= ?", today.toString(),
                        today.plusDays(DUE_WITHIN_DAYS).toString(), today.toString());
                List<DigestMessages.Line> overdue = lines(connection, village, " AND t.due_on < ? AND t.due_on >= ?",
                        today.toString(), today.minusDays(CareBoard.OVERDUE_DAYS).toString());
                if (due.isEmpty() && overdue.isEmpty()) {
                    return false;
                }
                webhooks.queue(connection, WebhookEvent.CARE_DIGEST, new WebhookMessage(
                        DigestMessages.json(WebhookEvent.CARE_DIGEST.wireName(), village, today, due, overdue),
                        DigestMessages.notice(village, today, due, overdue)));
                return true;
            });
            if (told) {
                sent++;
            }
        }
        if (sent > 0) {
            webhooks.wake();
        }
        return sent;
    }

    private static List<DigestMessages.Line> lines(Connection connection, String village, String where,
            Object... parameters) throws SQLException {
        List<Object> all = new ArrayList<>(List.of(village));
        all.addAll(List.of(parameters));
        List<DigestMessages.Line> bare = Sql.query(connection, "SELECT t.id, t.kind, t.title, t.resident_id,"
                + " r.name, t.due_on FROM care_tasks t JOIN residents r ON r.id = t.resident_id"
                + " WHERE t.status = 'OPEN' AND r.active AND t.village = ?" + where + " ORDER BY t.due_on, r.name, t.id",
                row -> new DigestMessages.Line(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getString(5), LocalDate.parse(row.getString(6)), List.of()), all.toArray());
        if (bare.isEmpty()) {
            return bare;
        }
        List<String> residents = bare.stream().map(DigestMessages.Line::residentId).distinct().toList();
        Map<String, List<DigestMessages.Cadre>> cadres = new HashMap<>();
        Sql.query(connection, "SELECT p.resident_id, c.id, c.name, c.phone FROM pairings p JOIN cadres c"
                + " ON c.id = p.cadre_id WHERE c.active AND p.resident_id IN (" + Rows.placeholders(residents)
                + ") ORDER BY c.name, c.id", row -> cadres.computeIfAbsent(row.getString(1), k -> new ArrayList<>())
                        .add(new DigestMessages.Cadre(row.getString(2), row.getString(3), row.getString(4))),
                residents.toArray());
        return bare.stream().map(line -> new DigestMessages.Line(line.taskId(), line.kind(), line.title(),
                line.residentId(), line.residentName(), line.dueOn(), cadres.getOrDefault(line.residentId(),
                        List.of()))).toList();
    }
}
