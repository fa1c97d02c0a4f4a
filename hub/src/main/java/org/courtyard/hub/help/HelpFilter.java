package org.courtyard.hub.help;

import java.util.Optional;
import java.util.Set;
import org.courtyard.protocol.HelpStatus;

/** Which requests a list shows: statuses (empty for all), one village, one kiosk, at most {@code limit}. */
public record HelpFilter(Set<HelpStatus> statuses, Optional<String> village, Optional<String> kioskId, int limit) {

    public static final int MAX_LIMIT = 1000;

    public HelpFilter {
        statuses = Set.copyOf(statuses);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("field 'limit' must be between 1 and " + MAX_LIMIT);
        }
    }
}
