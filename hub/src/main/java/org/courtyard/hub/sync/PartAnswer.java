package org.courtyard.hub.sync;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link SyncPart}'s share of one sync answer: its new slice of the cursor, whether it carries
 * news, and its fields of the answer's JSON object (written in this order; null values as null).
 */
public record PartAnswer(long slice, boolean news, Map<String, Object> fields) {

    public PartAnswer {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** One list field: news when the list is not empty. */
    public static PartAnswer of(long slice, String field, List<?> items) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(field, items);
        return new PartAnswer(slice, !items.isEmpty(), fields);
    }
}
