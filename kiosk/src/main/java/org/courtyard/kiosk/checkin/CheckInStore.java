package org.courtyard.kiosk.checkin;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.courtyard.kiosk.store.KioskStore;
import org.courtyard.protocol.CheckInUndone;
import org.courtyard.protocol.CheckedIn;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.ResidentCard;
import org.courtyard.protocol.ResidentType;

/**
 * The residents of the village as the hub last sent them ({@code roster_resident}), how often each
 * checked in at this kiosk ({@code checkin_count}) and the check-ins of the last two days
 * ({@code checkin_recent}), in {@code kiosk.db} under the migration key {@value #KEY}.
 */
public final class CheckInStore {

    static final String KEY = "checkin";

    private static final List<String> MIGRATIONS = List.of(
            // The village's residents as the hub last sent them, in the hub's order.
            """
            CREATE TABLE roster_resident (
              id VARCHAR(16) PRIMARY KEY,
              name VARCHAR(50) NOT NULL,
              type VARCHAR(8) NOT NULL,
              photo_sha256 VARCHAR(64),
              position INTEGER NOT NULL
            )""",
            // How often each resident checked in here: who usually comes is shown first.
            """
            CREATE TABLE checkin_count (
              resident_id VARCHAR(16) PRIMARY KEY,
              count INTEGER NOT NULL,
              last_at VARCHAR(40) NOT NULL
            )""",
            // Issue 14: each resident's 村民小组, for the check-in screen's first step.
            "ALTER TABLE roster_resident ADD COLUMN village_group VARCHAR(100)",
            // Issue 14: the recent check-ins here, for 「今天已报」 and for 「不是我」 to take one back.
            """
            CREATE TABLE checkin_recent (
              event_id VARCHAR(36) PRIMARY KEY,
              resident_id VARCHAR(16) NOT NULL,
              at VARCHAR(40) NOT NULL
            )""");

    /** How long a check-in is kept in {@code checkin_recent}: long enough for "today" in any time zone. */
    private static final Duration RECENT = Duration.ofDays(2);

    private final KioskStore store;

    public CheckInStore(KioskStore store) {
        this.store = store;
        store.migrate(KEY, MIGRATIONS);
    }

    /** Replaces the stored residents with the hub's complete list, in one transaction. */
    public void replaceResidents(List<ResidentCard> residents) {
        store.transaction(connection -> {
            try (Statement delete = connection.createStatement()) {
                delete.executeUpdate("DELETE FROM roster_resident");
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO roster_resident (id, name, type, photo_sha256, position, village_group)"
                            + " VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < residents.size(); i++) {
                    ResidentCard card = residents.get(i);
                    insert.setString(1, card.id());
                    insert.setString(2, card.name());
                    insert.setString(3, card.type().name());
                    insert.setString(4, card.photoSha256());
                    insert.setInt(5, i);
                    insert.setString(6, card.group());
                    insert.executeUpdate();
                }
            }
            return null;
        });
    }

    /** The residents of the village as the hub last sent them, in the hub's order. */
    public List<ResidentCard> residents() {
        return store.read(connection -> {
            List<ResidentCard> out = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, name, type, photo_sha256, village_group FROM roster_resident ORDER BY position");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    out.add(new ResidentCard(rows.getString(1), rows.getString(2),
                            ResidentType.valueOf(rows.getString(3)), rows.getString(4), rows.getString(5)));
                }
            }
            return out;
        });
    }

    /**
     * Durably appends a {@code CHECKED_IN} event, counts the check-in for the resident and keeps it
     * among the recent ones, in one transaction: the screen may thank the elder once this returns.
     * Check-ins older than two days are forgotten here.
     */
    public void saveCheckIn(Event event) {
        if (!(event.payload() instanceof CheckedIn checkedIn)) {
            throw new IllegalArgumentException("event " + event.id() + " is not a CHECKED_IN event");
        }
        store.append(event, connection -> {
            try (PreparedStatement forget = connection.prepareStatement("DELETE FROM checkin_recent WHERE at < ?")) {
                forget.setString(1, event.occurredAt().minus(RECENT).toString());
                forget.executeUpdate();
            }
            try (PreparedStatement recent = connection.prepareStatement(
                    "INSERT INTO checkin_recent (event_id, resident_id, at) VALUES (?, ?, ?)")) {
                recent.setString(1, event.id().toString());
                recent.setString(2, checkedIn.residentId());
                recent.setString(3, event.occurredAt().toString());
                recent.executeUpdate();
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE checkin_count SET count = count + 1, last_at = ? WHERE resident_id = ?")) {
                update.setString(1, event.occurredAt().toString());
                update.setString(2, checkedIn.residentId());
                if (update.executeUpdate() == 0) {
                    try (PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO checkin_count (resident_id, count, last_at) VALUES (?, 1, ?)")) {
                        insert.setString(1, checkedIn.residentId());
                        insert.setString(2, event.occurredAt().toString());
                        insert.executeUpdate();
                    }
                }
            }
            return null;
        });
    }

    /**
     * Durably appends a {@code CHECK_IN_UNDONE} event and takes the check-in it names out of the
     * count and the recent check-ins, in one transaction. A check-in unknown here (already forgotten)
     * changes nothing but the outbox.
     */
    public void saveUndo(Event event) {
        if (!(event.payload() instanceof CheckInUndone undone)) {
            throw new IllegalArgumentException("event " + event.id() + " is not a CHECK_IN_UNDONE event");
        }
        store.append(event, connection -> {
            String residentId = null;
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT resident_id FROM checkin_recent WHERE event_id = ?")) {
                select.setString(1, undone.checkInId().toString());
                try (ResultSet row = select.executeQuery()) {
                    if (row.next()) {
                        residentId = row.getString(1);
                    }
                }
            }
            if (residentId == null) {
                return null;
            }
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM checkin_recent WHERE event_id = ?")) {
                delete.setString(1, undone.checkInId().toString());
                delete.executeUpdate();
            }
            try (PreparedStatement uncount = connection.prepareStatement(
                    "UPDATE checkin_count SET count = count - 1 WHERE resident_id = ? AND count > 0")) {
                uncount.setString(1, residentId);
                uncount.executeUpdate();
            }
            return null;
        });
    }

    /** The residents who checked in here at or after {@code since} (and were not taken back). */
    public Set<String> checkedInSince(Instant since) {
        return store.read(connection -> {
            Set<String> out = new HashSet<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT DISTINCT resident_id FROM checkin_recent WHERE at >= ?")) {
                select.setString(1, since.toString());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        out.add(rows.getString(1));
                    }
                }
            }
            return out;
        });
    }

    /** How many times each resident checked in at this kiosk, by resident id. */
    public Map<String, Integer> counts() {
        return store.read(connection -> {
            Map<String, Integer> counts = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT resident_id, count FROM checkin_count"); ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getInt(2));
                }
            }
            return counts;
        });
    }
}
