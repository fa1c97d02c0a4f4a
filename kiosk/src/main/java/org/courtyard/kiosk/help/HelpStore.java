package org.courtyard.kiosk.help;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.courtyard.kiosk.core.LocalHelpStatus;
import org.courtyard.kiosk.store.KioskStore;
import org.courtyard.protocol.Event;
import org.courtyard.protocol.HelpCancelled;
import org.courtyard.protocol.HelpCategory;
import org.courtyard.protocol.EventType;
import org.courtyard.protocol.HelpDetails;
import org.courtyard.protocol.HelpRepeated;
import org.courtyard.protocol.HelpRequested;
import org.courtyard.protocol.HelpSource;

/**
 * The help requests made at this kiosk ({@code help_request} in {@code kiosk.db}, migration key
 * {@value #KEY}), each with the latest status the kiosk knows and who asked, and the village's duty
 * phone from the roster (setting {@value #DUTY_PHONE}). Every change that the hub must hear of is
 * written with its event in one transaction.
 */
public final class HelpStore {

    static final String KEY = "help";
    /** The village's duty phone as the roster last sent it; empty text for none. */
    static final String DUTY_PHONE = "help.duty-phone";

    private static final List<String> MIGRATIONS = List.of("""
            CREATE TABLE help_request (
              id VARCHAR(36) PRIMARY KEY,
              source VARCHAR(16) NOT NULL,
              category VARCHAR(16),
              occurred_at VARCHAR(40) NOT NULL,
              status VARCHAR(16) NOT NULL,
              status_by VARCHAR(200),
              assignee VARCHAR(200),
              note VARCHAR(4000),
              updated_at VARCHAR(40) NOT NULL
            )""",
            // Who asked, once they tapped their photo (「您是哪一位？」).
            "ALTER TABLE help_request ADD COLUMN resident_id VARCHAR(100)");

    private final KioskStore store;

    public HelpStore(KioskStore store) {
        this.store = store;
        store.migrate(KEY, MIGRATIONS);
    }

    /**
     * Durably records a new request: its {@code HELP_REQUESTED} event and its SAVED row, in one
     * transaction; on a full SD card in the space held back for help requests.
     *
     * @throws org.courtyard.kiosk.store.StorageFullException if even that is gone; nothing is stored
     */
    public void saveRequest(Event event) {
        if (!(event.payload() instanceof HelpRequested requested)) {
            throw new IllegalArgumentException("event " + event.id() + " is not a HELP_REQUESTED event");
        }
        store.appendUsingReserve(event, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO help_request (id, source, category, occurred_at, status, updated_at, resident_id) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, event.id().toString());
                insert.setString(2, requested.source().name());
                insert.setString(3, requested.category() == null ? null : requested.category().name());
                insert.setString(4, event.occurredAt().toString());
                insert.setString(5, LocalHelpStatus.SAVED.name());
                insert.setString(6, event.occurredAt().toString());
                insert.setString(7, requested.residentId());
                insert.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Records what was told after sending (the category and/or who asked), with its
     * {@code HELP_DETAILS} event, in one transaction; what the event leaves out stays.
     */
    public void saveDetails(Event event) {
        if (!(event.payload() instanceof HelpDetails details)) {
            throw new IllegalArgumentException("event " + event.id() + " is not a HELP_DETAILS event");
        }
        store.append(event, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE help_request SET category = COALESCE(?, category), resident_id = COALESCE(?, resident_id)"
                            + " WHERE id = ?")) {
                update.setString(1, details.category() == null ? null : details.category().name());
                update.setString(2, details.residentId());
                update.setString(3, details.requestId().toString());
                update.executeUpdate();
            }
            return null;
        });
    }

    /** A press again while the request is open: its {@code HELP_REPEATED} event, durably. */
    public void saveRepeat(Event event) {
        if (!(event.payload() instanceof HelpRepeated)) {
            throw new IllegalArgumentException("event " + event.id() + " is not a HELP_REPEATED event");
        }
        store.append(event);
    }

    /**
     * Since when something of a help request waits in the outbox (the request itself or a press
     * again), by the kiosk's clock; empty when the hub has everything.
     */
    public Optional<Instant> unsentSince() {
        return store.oldestPending(EnumSet.of(EventType.HELP_REQUESTED, EventType.HELP_REPEATED));
    }

    /** Keeps the village's duty phone (null: none) from the roster part of a sync answer. */
    public void saveDutyPhone(String phone) {
        store.putSetting(DUTY_PHONE, phone == null ? "" : phone);
    }

    /** The village's duty phone as the hub last sent it. */
    public Optional<String> dutyPhone() {
        return store.setting(DUTY_PHONE).filter(phone -> !phone.isBlank());
    }

    /** 按错了: the {@code HELP_CANCELLED} event and the CANCELLED status, in one transaction. */
    public void saveCancel(Event event) {
        if (!(event.payload() instanceof HelpCancelled cancelled)) {
            throw new IllegalArgumentException("event " + event.id() + " is not a HELP_CANCELLED event");
        }
        store.append(event, connection -> applyStatus(connection, cancelled.requestId(), LocalHelpStatus.CANCELLED,
                null, null, null, event.occurredAt()));
    }

    /**
     * Applies a status the hub reported. A status never moves backwards (updates may arrive twice
     * or out of order through the push and the long-poll); returns true when it changed something.
     */
    public boolean applyStatus(UUID id, LocalHelpStatus status, String by, String assignee, String note,
            Instant at) {
        return store.transaction(connection -> applyStatus(connection, id, status, by, assignee, note, at));
    }

    private static boolean applyStatus(Connection connection, UUID id, LocalHelpStatus status, String by,
            String assignee, String note, Instant at) throws SQLException {
        List<LocalHelpRequest> current = select(connection, "WHERE id = ?", id.toString());
        if (current.isEmpty() || !current.get(0).status().canBecome(status)) {
            return false;
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE help_request SET status = ?, status_by = COALESCE(?, status_by), "
                        + "assignee = COALESCE(?, assignee), note = COALESCE(?, note), updated_at = ? WHERE id = ?")) {
            update.setString(1, status.name());
            update.setString(2, by);
            update.setString(3, assignee);
            update.setString(4, note);
            update.setString(5, at.toString());
            update.setString(6, id.toString());
            update.executeUpdate();
        }
        return true;
    }

    /**
     * In the transaction that took these {@code HELP_REQUESTED} events out of the outbox: their
     * requests become DELIVERED. Returns the ids that did (not those that had moved on already).
     */
    public static List<UUID> delivered(Connection connection, List<UUID> accepted, Instant now) throws SQLException {
        List<UUID> delivered = new ArrayList<>();
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE help_request SET status = ?, updated_at = ? WHERE id = ? AND status = ?")) {
            for (UUID id : accepted) {
                update.setString(1, LocalHelpStatus.DELIVERED.name());
                update.setString(2, now.toString());
                update.setString(3, id.toString());
                update.setString(4, LocalHelpStatus.SAVED.name());
                if (update.executeUpdate() == 1) {
                    delivered.add(id);
                }
            }
        }
        return delivered;
    }

    public Optional<LocalHelpRequest> request(UUID id) {
        return store.read(connection -> select(connection, "WHERE id = ?", id.toString()).stream().findFirst());
    }

    /** The most recent help request made at this kiosk, if any. */
    public Optional<LocalHelpRequest> latest() {
        return store.read(connection -> select(connection, "ORDER BY occurred_at DESC, rowid DESC LIMIT 1")
                .stream().findFirst());
    }

    /** Whether the hub holds this request (it is past SAVED); false for an unknown id. */
    public boolean delivered(UUID id) {
        return request(id).map(request -> request.status() != LocalHelpStatus.SAVED).orElse(false);
    }

    private static List<LocalHelpRequest> select(Connection connection, String clause, String... args)
            throws SQLException {
        List<LocalHelpRequest> out = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id, source, category, occurred_at, status,"
                + " status_by, assignee, note, updated_at, resident_id FROM help_request " + clause)) {
            for (int i = 0; i < args.length; i++) {
                select.setString(i + 1, args[i]);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    out.add(new LocalHelpRequest(UUID.fromString(rows.getString(1)),
                            HelpSource.valueOf(rows.getString(2)),
                            rows.getString(3) == null ? null : HelpCategory.valueOf(rows.getString(3)),
                            Instant.parse(rows.getString(4)), LocalHelpStatus.valueOf(rows.getString(5)),
                            rows.getString(6), rows.getString(7), rows.getString(8), Instant.parse(rows.getString(9)),
                            rows.getString(10)));
                }
            }
        }
        return out;
    }
}
