package org.courtyard.kiosk.checkin;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.courtyard.kiosk.store.KioskStore;
import org.courtyard.protocol.CheckedIn;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.ResidentCard;
import org.courtyard.protocol.ResidentType;

/**
 * The residents of the village as the hub last sent them ({@code roster_resident}) and how often
 * each checked in at this kiosk ({@code checkin_count}), in {@code kiosk.db} under the migration key
 * {@value #KEY}.
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
            )""");

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
                    "INSERT INTO roster_resident (id, name, type, photo_sha256, position) VALUES (?, ?, ?, ?, ?)")) {
                for (int i = 0; i < residents.size(); i++) {
                    ResidentCard card = residents.get(i);
                    insert.setString(1, card.id());
                    insert.setString(2, card.name());
                    insert.setString(3, card.type().name());
                    insert.setString(4, card.photoSha256());
                    insert.setInt(5, i);
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
                    "SELECT id, name, type, photo_sha256 FROM roster_resident ORDER BY position");
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    out.add(new ResidentCard(rows.getString(1), rows.getString(2),
                            ResidentType.valueOf(rows.getString(3)), rows.getString(4)));
                }
            }
            return out;
        });
    }

    /**
     * Durably appends a {@code CHECKED_IN} event and counts the check-in for the resident, in one
     * transaction: the screen may thank the elder once this returns.
     */
    public void saveCheckIn(Event event) {
        if (!(event.payload() instanceof CheckedIn checkedIn)) {
            throw new IllegalArgumentException("event " + event.id() + " is not a CHECKED_IN event");
        }
        store.append(event, connection -> {
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
