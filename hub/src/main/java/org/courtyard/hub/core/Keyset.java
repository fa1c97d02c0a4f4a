package org.courtyard.hub.core;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The SQL end of a keyset-paged list (docs/api.md "Paging"): the order of the list, its sort
 * columns all ascending or all descending and the last one unique, so that a {@link Cursor} of
 * the same values names one position in it. {@link #page} adds "after the cursor" and the
 * order with the limit to a query, which an index on the same columns serves without a sort.
 */
public record Keyset(List<String> columns, boolean descending) {

    public Keyset {
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a keyset orders by at least one column");
        }
    }

    /** Oldest (smallest) first, by {@code columns} in turn. */
    public static Keyset ascending(String... columns) {
        return new Keyset(List.of(columns), false);
    }

    /** Newest (largest) first, by {@code columns} in turn. */
    public static Keyset descending(String... columns) {
        return new Keyset(List.of(columns), true);
    }

    /**
     * Ends {@code sql}, a query whose WHERE clause is open: on a page after the first,
     * {@code AND (c1, c2) > (?, ?)} ({@code <} descending) with the cursor's values as
     * {@code values} reads them (a number as a number: a text never equals a stored number), then
     * {@code ORDER BY c1, c2 LIMIT ?} with {@link PageRequest#fetch()}. Returns {@code page}'s
     * cursor, empty on the first page.
     *
     * @throws Refusal INVALID naming {@code cursor} for a token not made for a list of these columns
     */
    public Optional<Cursor> page(StringBuilder sql, List<Object> parameters, PageRequest page,
            Function<Cursor, List<?>> values) {
        Optional<Cursor> after = page.cursor(columns.size());
        String list = String.join(", ", columns);
        after.ifPresent(cursor -> {
            sql.append(" AND (").append(list).append(descending ? ") < (" : ") > (")
                    .append(String.join(", ", Collections.nCopies(columns.size(), "?"))).append(")");
            parameters.addAll(values.apply(cursor));
        });
        sql.append(" ORDER BY ").append(descending ? String.join(" DESC, ", columns) + " DESC" : list)
                .append(" LIMIT ?");
        parameters.add(page.fetch());
        return after;
    }
}
