package org.courtyard.hub.help;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.courtyard.protocol.HelpStatus;

/**
 * Which requests a list shows: statuses (empty for all), one village, one kiosk, at most {@code limit}.
 * With statuses, {@code cancelledWithin} adds the requests cancelled no longer ago than that (the
 * staff page's default list keeps a cancelled request, marked 已取消, for ten minutes).
 */
public record HelpFilter(Set<HelpStatus> statuses, Optional<String> village, Optional<String> kioskId, int limit,
        Optional<Duration> cancelledWithin) {

    public static final int MAX_LIMIT = 1000;

    public HelpFilter {
        statuses = Set.copyOf(statuses);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("field 'limit' must be between 1 and " + MAX_LIMIT);
        }
    }

    /** Without recently cancelled requests added. */
    public HelpFilter(Set<HelpStatus> statuses, Optional<String> village, Optional<String> kioskId, int limit) {
        this(statuses, village, kioskId, limit, Optional.empty());
    }
}
