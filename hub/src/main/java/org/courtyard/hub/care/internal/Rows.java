package org.courtyard.hub.care.internal;

import java.util.Collection;
import java.util.Collections;

/** Small helpers for the care feature's SQL. */
public final class Rows {

    private Rows() {
    }

    /** {@code ?, ?, ?} for an {@code IN (…)} of {@code values}; at least one, so an empty list matches nothing. */
    public static String placeholders(Collection<?> values) {
        return values.isEmpty() ? "NULL" : String.join(", ", Collections.nCopies(values.size(), "?"));
    }
}
