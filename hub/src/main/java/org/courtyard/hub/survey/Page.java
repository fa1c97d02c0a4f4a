package org.courtyard.hub.survey;

import java.util.List;

/**
 * One page of a list, in its order; {@code next} is the cursor of the following page (the
 * {@code after} parameter), null on the last.
 */
public record Page<T>(List<T> items, String next) {

    public Page {
        items = List.copyOf(items);
    }
}
