package org.courtyard.hub.survey.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.courtyard.hub.residents.ResidentView;
import org.courtyard.hub.residents.Residents;
import org.courtyard.hub.store.DatabaseException;
import org.courtyard.hub.store.Sql;
import org.courtyard.protocol.ProtocolJson;
import org.courtyard.protocol.ResidentType;

/**
 * Read-only copies of the whole ledger, one row per resident (inactive ones too), taken when a
 * round opens ({@link #OPEN}) and closes ({@link #CLOSE}); written a page at a time and read back
 * in resident-id order, so neither end holds the ledger in memory.
 */
public final class Snapshots {

    public static final String OPEN = "OPEN";
    public static final String CLOSE = "CLOSE";
    private static final int PAGE = 500;

    private Snapshots() {
    }

    /** One resident in a snapshot; {@code fields} are the resident's editable fields as the API writes them. */
    public record Row(String residentId, String village, String name, ResidentType type, boolean active,
            String leftReason, ObjectNode fields) {
    }

    /** Copies the ledger as it is into the snapshot {@code stage} of {@code roundId}; returns how many rows. */
    public static int take(Connection connection, Residents residents, String roundId, String stage)
            throws SQLException {
        int count = 0;
        String after = null;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO survey_snapshots (round_id, stage,"
                + " resident_id, village, name, type, active, left_reason, fields) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            while (true) {
                List<ResidentView> page = residents.page(connection, after, PAGE);
                for (ResidentView view : page) {
                    insert.setString(1, roundId);
                    insert.setString(2, stage);
                    insert.setString(3, view.id());
                    insert.setString(4, view.village());
                    insert.setString(5, view.name());
                    insert.setString(6, view.type().name());
                    insert.setBoolean(7, view.active());
                    insert.setString(8, view.leftReason());
                    insert.setString(9, fields(view));
                    insert.addBatch();
                    after = view.id();
                }
                insert.executeBatch();
                count += page.size();
                if (page.size() < PAGE) {
                    return count;
                }
            }
        }
    }

    /**
     * The snapshot's rows in resident-id order, after resident {@code after} ("" for all), for one
     * pass; close it when done.
     */
    public static Cursor open(Connection connection, String roundId, String stage, String after) throws SQLException {
        PreparedStatement statement = connection.prepareStatement("SELECT * FROM survey_snapshots WHERE round_id = ?"
                + " AND stage = ? AND resident_id > ? ORDER BY resident_id");
        try {
            statement.setString(1, roundId);
            statement.setString(2, stage);
            statement.setString(3, after);
            return new Cursor(statement, statement.executeQuery());
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    /** Whether the snapshot exists. */
    public static boolean exists(Connection connection, String roundId, String stage) throws SQLException {
        return Sql.one(connection, "SELECT resident_id FROM survey_snapshots WHERE round_id = ? AND stage = ?",
                row -> row.getString(1), roundId, stage).isPresent();
    }

    /** Rows of a snapshot one at a time. */
    public static final class Cursor implements AutoCloseable {
        private final PreparedStatement statement;
        private final ResultSet rows;

        private Cursor(PreparedStatement statement, ResultSet rows) {
            this.statement = statement;
            this.rows = rows;
        }

        /** The next row, or null after the last. */
        public Row next() throws SQLException {
            if (!rows.next()) {
                return null;
            }
            JsonNode fields;
            try {
                fields = ProtocolJson.mapper().readTree(rows.getString("fields"));
            } catch (IOException e) {
                throw new DatabaseException("the snapshot of resident " + rows.getString("resident_id")
                        + " is not JSON", e);
            }
            return new Row(rows.getString("resident_id"), rows.getString("village"), rows.getString("name"),
                    ResidentType.valueOf(rows.getString("type")), rows.getBoolean("active"),
                    rows.getString("left_reason"), (ObjectNode) fields);
        }

        @Override
        public void close() throws SQLException {
            try {
                rows.close();
            } finally {
                statement.close();
            }
        }
    }

    private static String fields(ResidentView view) {
        ObjectNode node = ProtocolJson.mapper().valueToTree(view.input());
        node.remove("active");
        return ProtocolJson.write(node);
    }
}
