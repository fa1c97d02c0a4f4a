package org.courtyard.hub.residents;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * How a resident counts in the per-village counts (village_counts and the {@link PeriodCounts}):
 * the village they are now in and whether they are expected to check in. An inactive resident
 * counts nowhere: their standing is null.
 */
public record Standing(String village, boolean expected) {

    /** The standing of a resident with these fields; null when inactive. */
    public static Standing of(boolean active, String village, Integer checkInEveryDays) {
        return active ? new Standing(village, checkInEveryDays != null) : null;
    }

    /**
     * Told, inside the transaction that changes it, that a resident's standing changed (added,
     * set inactive or active again, moved to another village, an expectation set or removed).
     */
    @FunctionalInterface
    public interface Hook {
        /** @param before null for a new or an inactive resident; @param after null for an inactive one */
        void changed(Connection connection, String residentId, Standing before, Standing after) throws SQLException;
    }
}
