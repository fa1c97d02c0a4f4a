package org.courtyard.hub.core;

import java.util.Optional;

/**
 * Which page of a list a caller asks for: at most {@code limit} items, starting after the item
 * {@code after} names (the first page without it). Made from a request's {@code limit} and
 * {@code cursor} by {@code web.Paging}; a domain list answers it with a {@link Page}.
 */
public record PageRequest(int limit, Optional<String> after) {

    public PageRequest {
        if (limit < 1) {
            throw new IllegalArgumentException("a page holds at least one item, was " + limit);
        }
    }

    /** The first page of {@code limit} items. */
    public static PageRequest first(int limit) {
        return new PageRequest(limit, Optional.empty());
    }

    /** The position to start after, read as a cursor of {@code size} values; empty on the first page. */
    public Optional<Cursor> cursor(int size) {
        return after.map(token -> Cursor.parse(token, size));
    }

    /**
     * How many rows to fetch: one more than the page holds, so that {@link Page#of} knows whether
     * another page follows without a second query.
     */
    public int fetch() {
        return limit + 1;
    }
}
