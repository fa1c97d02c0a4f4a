package org.courtyard.hub.core;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a list, in the list's order, and where the next page starts if there is one. The
 * web layer answers it as a JSON array with a {@code Link: <…>; rel="next"} header
 * ({@code web.Paging}); see docs/architecture.md "Extending the hub".
 */
public record Page<T>(List<T> items, Optional<Cursor> next) {

    public Page {
        items = List.copyOf(items);
    }

    /**
     * The page made of {@code rows}, fetched with {@link PageRequest#fetch()} (one row more than
     * {@code request} asks for): the extra row only tells that there is more; the next page
     * starts after the last item kept, whose sort values {@code position} gives.
     */
    public static <T> Page<T> of(List<T> rows, PageRequest request, Function<T, Cursor> position) {
        if (rows.size() <= request.limit()) {
            return new Page<>(rows, Optional.empty());
        }
        List<T> kept = rows.subList(0, request.limit());
        return new Page<>(kept, Optional.of(position.apply(kept.get(kept.size() - 1))));
    }

    /** The same page with each item turned into another. */
    public <R> Page<R> map(Function<T, R> change) {
        return new Page<>(items.stream().map(change).toList(), next);
    }
}
