package org.courtyard.hub.survey.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.courtyard.hub.residents.Phones;

/**
 * Walks two snapshots side by side in resident-id order and reports each person who came, left
 * or changed; memory grows with the differences only.
 */
public final class Diffs {

    /** Fields holding phone numbers, masked in what a diff reports. */
    private static final Set<String> PHONES = Set.of("phone", "guardianPhone", "parentsPhone");

    private Diffs() {
    }

    /** What a walk reports. */
    public interface Listener {
        /** Active in {@code after} and not in {@code before} (null when the person was not in the ledger). */
        void came(Snapshots.Row before, Snapshots.Row after) throws SQLException;

        /** Active in {@code before} and not in {@code after} (null when no longer in the ledger at all). */
        void left(Snapshots.Row before, Snapshots.Row after) throws SQLException;

        /** Active in both with the fields named in {@code fields} different: name, before, after. */
        void changed(Snapshots.Row before, Snapshots.Row after, List<Object[]> fields) throws SQLException;

        /** True once the listener has all it wants: the walk ends there. */
        default boolean done() {
            return false;
        }
    }

    public static void walk(Snapshots.Cursor before, Snapshots.Cursor after, Listener listener) throws SQLException {
        Snapshots.Row a = before.next();
        Snapshots.Row b = after.next();
        while ((a != null || b != null) && !listener.done()) {
            int order = a == null ? 1 : b == null ? -1 : a.residentId().compareTo(b.residentId());
            if (order < 0) {
                if (a.active()) {
                    listener.left(a, null);
                }
                a = before.next();
            } else if (order > 0) {
                if (b.active()) {
                    listener.came(null, b);
                }
                b = after.next();
            } else {
                if (a.active() && !b.active()) {
                    listener.left(a, b);
                } else if (!a.active() && b.active()) {
                    listener.came(a, b);
                } else if (a.active()) {
                    List<Object[]> fields = fieldChanges(a.fields(), b.fields());
                    if (!fields.isEmpty()) {
                        listener.changed(a, b, fields);
                    }
                }
                a = before.next();
                b = after.next();
            }
        }
    }

    /** The fields whose values differ, in the order of {@code after}'s fields, phone numbers masked: name, before, after. */
    public static List<Object[]> fieldChanges(ObjectNode before, ObjectNode after) {
        List<Object[]> out = new ArrayList<>();
        Iterator<String> names = after.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            JsonNode now = after.get(name);
            JsonNode was = before.get(name);
            if (!same(was, now)) {
                out.add(new Object[] {name, value(name, was), value(name, now)});
            }
        }
        return out;
    }

    private static boolean same(JsonNode a, JsonNode b) {
        boolean aEmpty = a == null || a.isNull() || (a.isArray() && a.isEmpty());
        boolean bEmpty = b == null || b.isNull() || (b.isArray() && b.isEmpty());
        return aEmpty && bEmpty || !aEmpty && a.equals(b);
    }

    private static Object value(String field, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (PHONES.contains(field) && node.isTextual()) {
            return Phones.mask(node.asText());
        }
        return node;
    }
}
