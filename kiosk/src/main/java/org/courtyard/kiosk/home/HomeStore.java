package org.courtyard.kiosk.home;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.courtyard.kiosk.core.Outbox;
import org.courtyard.kiosk.store.KioskStore;
import org.courtyard.protocol.CheckedIn;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.ResidentCard;
import org.courtyard.protocol.ResidentType;

/**
 * A home unit's tables in {@code kiosk.db}, under the migration key {@value #KEY}: the resident the
 * hub says the unit is bound to ({@code home_resident}, one row) and the local days on which the
 * resident checked in here ({@code home_checkin}).
 */
public final class HomeStore {

    static final String KEY = "home";

    private static final List<String> MIGRATIONS = List.of(
            """
            CREATE TABLE home_resident (
              id VARCHAR(16) PRIMARY KEY,
              name VARCHAR(50) NOT NULL,
              type VARCHAR(8) NOT NULL,
              received_at VARCHAR(40) NOT NULL
            )""",
            // day: the local date YYYY-MM-DD of the press; the event went into the outbox with the row.
            """
            CREATE TABLE home_checkin (
              event_id VARCHAR(36) PRIMARY KEY,
              day VARCHAR(10) NOT NULL,
              at VARCHAR(40) NOT NULL
            )""",
            "CREATE INDEX home_checkin_day ON home_checkin(day)");

    private final KioskStore store;

    public HomeStore(KioskStore store) {
        this.store = store;
        store.migrate(KEY, MIGRATIONS);
    }

    /** The resident the hub last named, if it has named one. */
    public Optional<ResidentCard> resident() {
        return store.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT id, name, type FROM home_resident");
                    ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(new ResidentCard(rows.getString(1), rows.getString(2),
                        ResidentType.valueOf(rows.getString(3)), null)) : Optional.<ResidentCard>empty();
            }
        });
    }

    /** Keeps {@code card} as the unit's resident, replacing any other, in one transaction. */
    public void replaceResident(ResidentCard card, Instant at) {
        store.transaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM home_resident");
                    PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO home_resident (id, name, type, received_at) VALUES (?, ?, ?, ?)")) {
                delete.executeUpdate();
                insert.setString(1, card.id());
                insert.setString(2, card.name());
                insert.setString(3, card.type().name());
                insert.setString(4, at.toString());
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** Appends the CHECKED_IN {@code event} to the outbox and records it as {@code day}'s, together. */
    public void saveCheckIn(Outbox outbox, Event event, LocalDate day) {
        if (!(event.payload() instanceof CheckedIn)) {
            throw new IllegalArgumentException("event " + event.id() + " is a " + event.type() + ", not a CHECKED_IN");
        }
        outbox.append(event, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO home_checkin (event_id, day, at) VALUES (?, ?, ?)")) {
                insert.setString(1, event.id().toString());
                insert.setString(2, day.toString());
                insert.setString(3, event.occurredAt().toString());
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** Whether the resident checked in here on {@code day}. */
    public boolean checkedInOn(LocalDate day) {
        return store.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM home_checkin WHERE day = ?")) {
                select.setString(1, day.toString());
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }
}
